"""Pages of the 涉企行政检查 stream: the ledger (with the 检查码 and its QR code on the record page,
a printable notice) and the coordinator's approval beyond the 无事不扰 cap."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path, reverse

from fazhi.accounts import otp
from fazhi.core.actions import sub_record_action
from fazhi.core.ledger_forms import style_fields
from fazhi.core.ledger_views import Ledger
from fazhi.core.roles import Role
from fazhi.streams.checks import services
from fazhi.streams.checks.importers import CHECK_IMPORT
from fazhi.streams.checks.models import BusinessInspection


def code_context(request, inspection: BusinessInspection) -> dict[str, str]:
    """The public address of a live 检查码 and its QR code (nothing for a draft or a cancelled one)."""
    if not inspection.check_code or inspection.state == "cancelled":
        return {}
    url = request.build_absolute_uri(reverse("gk_checks:check", args=[inspection.check_code]))
    return {"public_url": url, "qr": otp.qr_svg(url, label="检查码二维码")}


class CheckLedger(Ledger):
    def detail_names(self, record) -> list[str]:
        names = super().detail_names(record)
        extra = ["check_code", "registered_at"] if record.check_code else []
        if record.cap_approved_at:
            extra += ["cap_reason", "cap_approved_by", "cap_approved_at"]
        return [*names[:3], *extra, *names[3:]]

    def extra_context(self, request, record) -> dict[str, Any]:
        over = record.cap_problem() if record.state == "draft" else None
        context: dict[str, Any] = {
            "can_approve": over is not None and Role.COORDINATOR in request.user.roles(),
            "over_cap": over,
            "approve_form": ApproveForm(),
        }
        return {**context, **code_context(request, record)}


LEDGER = CheckLedger(
    model=BusinessInspection,
    namespace="checks:inspections",
    title="涉企行政检查台账",
    detail_template="checks/inspection_detail.html",
    form_fields=["kind", "matter", "basis", "entity_name", "credit_code", "planned_on", "inspectors",
                 "done_on", "result", "draw_ref"],
    list_columns=["planned_on", "kind", "entity_name", "credit_code", "unit", "check_code", "state"],
    export_columns=["year", "planned_on", "kind", "matter", "basis", "entity_name", "credit_code", "unit",
                    "inspectors", "check_code", "registered_at", "done_on", "result", "draw_ref", "state"],
    search_fields=["entity_name", "credit_code", "matter", "check_code", "draw_ref"],
    filter_fields=["kind"],
    widgets={"inspectors": forms.Textarea(attrs={"rows": 3}), "result": forms.Textarea(attrs={"rows": 3}),
             "basis": forms.TextInput()},
    date_field="planned_on",
    import_spec=CHECK_IMPORT,
    unit_label="检查单位",
)


class ApproveForm(forms.Form):
    reason = forms.CharField(label="批准理由", max_length=300, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style_fields(self.fields)


@login_required
def approve_view(request, pk: int):
    """法治办 allows an inspection beyond the yearly cap (无事不扰), with a reason; audited."""
    return sub_record_action(request, LEDGER, pk, form=ApproveForm, service=services.approve_over_cap,
                             capability="records.read", denied=services.APPROVERS,
                             success="已批准超频次检查，经办单位可以登记。")


@login_required
def print_view(request, pk: int):
    """The notice with the 检查码 and QR code that the inspectors show the business."""
    record = LEDGER.get_visible(request.user, pk)
    return render(request, "checks/print.html", {"record": record, "ledger": LEDGER, **code_context(request, record)})


def inspection_urls() -> list:
    return [*LEDGER.urls(), path("<int:pk>/approve/", approve_view, name="approve"),
            path("<int:pk>/print/", print_view, name="print")]
