"""The public 检查码 check (issue 16), mounted at /gk/jc/ (manifest ``public_prefix``): a business
scans the QR code or types the code and sees that the inspection is registered, by which unit, on
what basis and by which inspectors (names and certificate numbers are public under the 行政执法公示
制度). Nothing is shown of an inspection not yet due, cancelled or expired, nor of anyone else;
look-ups are rate-limited per address."""

from __future__ import annotations

from django import forms
from django.shortcuts import redirect, render
from django.urls import path

from fazhi.core import ratelimit
from fazhi.core.ledger_forms import style_fields
from fazhi.streams.checks import rules, services
from fazhi.streams.checks.models import CODE_LENGTH, normalise_code

app_name = "gk_checks"

MESSAGES = {
    "unknown": "未查询到该检查码，请核对后重新输入。未经登记的检查，企业有权拒绝，并可向司法局（法治办）反映。",
    "cancelled": "该检查码对应的检查已取消。",
    "expired": "该检查码已过期。",
    "not_yet": "尚未到检查时间，暂不显示检查详情。",
}
STATUS = {"unknown": 404, "limited": 429}


class CodeForm(forms.Form):
    code = forms.CharField(label="检查码", max_length=20, help_text=f"执法人员出示的{CODE_LENGTH}位检查码，不区分大小写")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style_fields(self.fields)
        self.fields["code"].widget.attrs.update(autocomplete="off", autocapitalize="characters")


def lookup(request):
    form = CodeForm(request.GET or None)
    if form.is_bound and form.is_valid() and normalise_code(form.cleaned_data["code"]):
        return redirect("gk_checks:check", code=normalise_code(form.cleaned_data["code"]))
    return render(request, "checks/public/lookup.html", {"form": form})


def check(request, code: str):
    if not ratelimit.public_form_allowed("checks_lookup", request, per_hour=rules.lookups_per_hour()):
        status = "limited"
        message, found = ratelimit.LIMITED_MESSAGE, None
    else:
        result = services.lookup(code)
        status, found = result.status, result.inspection
        message = MESSAGES.get(status, "")
    return render(request, "checks/public/check.html", {
        "status": status, "message": message, "inspection": found, "form": CodeForm(),
        "inspectors": found.inspector_list() if found else [],
    }, status=STATUS.get(status, 200))


urlpatterns = [
    path("", lookup, name="lookup"),
    path("<str:code>/", check, name="check"),
]
