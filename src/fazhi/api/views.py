"""The security administrator's page for API tokens: issue (token shown once), revoke."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.api.models import ApiToken
from fazhi.api.services import CAPABILITY, token_issue, token_revoke
from fazhi.core import scope


class TokenForm(forms.Form):
    name = forms.CharField(label="令牌名称（调用系统）", max_length=100)
    username = forms.CharField(label="代表账号", max_length=150, help_text="令牌以该账号的单位和角色访问数据（建议使用专用服务账号）")
    days = forms.IntegerField(label="有效天数", required=False, min_value=1, max_value=3660, initial=365,
                              help_text="留空为长期有效")

    def clean_username(self) -> object:
        name = self.cleaned_data["username"].strip()
        user = get_user_model().objects.filter(username=name).first()
        if user is None:
            raise ValidationError("账号不存在")
        return user


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def token_list(request):
    scope.require(request.user, CAPABILITY)
    form = TokenForm(request.POST or None)
    issued = None
    if request.method == "POST" and form.is_valid():
        try:
            token, raw = token_issue(by=request.user, name=form.cleaned_data["name"],
                                     user=form.cleaned_data["username"], days=form.cleaned_data["days"])
        except ValidationError as exc:
            for name, errors in exc.message_dict.items():
                form.add_error("username" if name == "user" else name if name in form.fields else None, errors)
        else:
            issued = (token, raw)
            form = TokenForm()
    tokens = ApiToken.objects.select_related("user", "created_by")[:200]
    return render(request, "api/tokens.html", {"form": form, "tokens": tokens, "issued": issued})


@login_required
@require_POST
def token_revoke_view(request, pk: int):
    scope.require(request.user, CAPABILITY)
    token = get_object_or_404(ApiToken, pk=pk)
    try:
        token_revoke(token, by=request.user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, f"已吊销令牌“{token.name}”。")
    return redirect("api_tokens")
