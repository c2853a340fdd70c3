from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from fazhi.accounts import services
from fazhi.accounts.forms import GrantForm, LoginForm, PasswordChangeForm, RegistrationForm
from fazhi.accounts.models import Membership
from fazhi.core import scope

LOCKED_MESSAGE = "登录失败次数过多，该账号已被锁定{minutes}分钟，请稍后再试或联系安全管理员解锁。"


def lockout_response(request, response=None, credentials=None):  # noqa: ANN001, ANN201
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    form = LoginForm(request, data=request.POST or None)
    form.is_valid = lambda: False  # the form is only shown, never authenticated again here
    return render(request, "accounts/login.html",
                  {"form": form, "locked_message": LOCKED_MESSAGE.format(minutes=minutes)}, status=429)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@require_http_methods(["GET", "POST"])
def register(request):  # noqa: ANN001, ANN201
    if request.user.is_authenticated:
        return redirect("core:home")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.user_register(
                kind=data["kind"], account=data["account"], password=data["password1"],
                display_name=data["display_name"], credit_code=data.get("credit_code", ""),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            login(request, user, backend="fazhi.accounts.backends.AccountBackend")
            messages.success(request, "注册成功，欢迎使用。")
            return redirect("core:home")
    return render(request, "accounts/register.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def password_change(request):  # noqa: ANN001, ANN201
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.password_change(user=request.user, new_password=form.cleaned_data["new_password1"])
        update_session_auth_hash(request, request.user)
        messages.success(request, "密码已修改。")
        return redirect("core:home")
    return render(request, "accounts/password_change.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def roles(request):  # noqa: ANN001, ANN201
    """The security administrator grants and revokes roles."""
    scope.require(request.user, "roles.grant")
    form = GrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_grant(user=form.cleaned_data["username"], unit=form.cleaned_data["unit"],
                                      role=form.cleaned_data["role"], by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "已授予角色。")
            return redirect("accounts:roles")
    q = request.GET.get("q", "").strip()
    memberships = Membership.objects.filter(is_active=True).select_related("user", "unit").order_by("unit__path", "role")
    if q:
        memberships = memberships.filter(user__username__icontains=q) | memberships.filter(user__display_name__icontains=q)
    return render(request, "accounts/roles.html", {"form": form, "memberships": memberships[:200], "q": q})


@login_required
@require_POST
def role_revoke(request, pk: int):  # noqa: ANN001, ANN201
    scope.require(request.user, "roles.grant")
    membership = get_object_or_404(Membership, pk=pk, is_active=True)
    services.membership_revoke(membership=membership, by=request.user)
    messages.success(request, "已撤销角色。")
    return redirect("accounts:roles")


@login_required
@require_http_methods(["GET", "POST"])
def lockouts(request):  # noqa: ANN001, ANN201
    from axes.models import AccessAttempt

    scope.require(request.user, "accounts.unlock")
    if request.method == "POST":
        username = request.POST.get("username", "")
        services.lockout_clear(username=username, by=request.user)
        messages.success(request, f"已解除“{username}”的登录锁定。")
        return redirect("accounts:lockouts")
    attempts = AccessAttempt.objects.order_by("-attempt_time")[:200]
    return render(request, "accounts/lockouts.html", {"attempts": attempts, "limit": settings.AXES_FAILURE_LIMIT})
