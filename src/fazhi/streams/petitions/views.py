"""Pages of the petition stream: the generic ledger pages for petitions and reception days,
a detail page that also shows the approved extension, and the extension form (unit heads)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from fazhi.core import scope
from fazhi.core.actions import form_page
from fazhi.core.ledger_forms import style_fields
from fazhi.core.ledger_views import Ledger
from fazhi.streams.petitions.importers import PETITION_IMPORT, RECEPTION_IMPORT
from fazhi.streams.petitions.models import Petition, Reception
from fazhi.streams.petitions.services import petition_extend

ACCUSER_WITHHELD = "（检举控告人信息保密）"
EXTENSION_FIELDS = ["extension_approved_on", "extension_approver", "extension_reason"]


class PetitionLedger(Ledger):
    """The generic ledger, with two petition rules: an accuser's identity is withheld whole
    wherever personal data is masked (信访工作条例 第三十条), and yes/no shows as 是/否."""

    def display(self, record, name: str, masked: bool = False) -> Any:
        if masked and name in self.model.personal_fields and record.is_accusation and getattr(record, name):
            return ACCUSER_WITHHELD
        return super().display(record, name, masked)

    def detail_names(self, record) -> list[str]:
        names = super().detail_names(record)
        return names + EXTENSION_FIELDS if record.extension_approved_on else names

    def extra_context(self, request, record) -> dict[str, Any]:
        can_extend = (record.state == "handling" and not record.extension_approved_on
                      and scope.can(request.user, "records.approve", record.unit))
        return {"can_extend": can_extend}


PETITIONS = PetitionLedger(
    model=Petition,
    namespace="petitions:cases",
    title="信访件台账",
    detail_template="petitions/petition_detail.html",
    form_fields=[
        "reg_no", "channel", "registered_on", "petitioner_name", "petitioner_id_number", "petitioner_phone",
        "petitioner_address", "people_count", "category", "subject", "summary", "routed_on", "acceptance_on",
        "opinion", "result", "replied_on", "review_requested_on", "review_answered_on", "review_result",
        "re_exam_requested_on", "hearing_from", "hearing_to", "re_exam_answered_on", "re_exam_result",
        "leader_case", "leader_name", "leader_position", "leader_progress", "leader_resolved", "satisfaction",
        "earlier_reg_no",
    ],
    list_columns=["reg_no", "registered_on", "channel", "petitioner_name", "subject", "unit", "state"],
    export_columns=[
        "reg_no", "year", "channel", "registered_on", "petitioner_name", "petitioner_id_number",
        "petitioner_phone", "petitioner_address", "people_count", "category", "subject", "unit", "routed_on",
        "acceptance_on", "opinion", "replied_on", "extension_approved_on", "review_requested_on",
        "review_answered_on", "re_exam_requested_on", "re_exam_answered_on", "leader_case", "leader_name",
        "leader_resolved", "satisfaction", "earlier_reg_no", "state",
    ],
    search_fields=["reg_no", "subject", "summary"],  # not names: a masked reader could confirm an identity
    filter_fields=["channel", "category", "leader_case", "satisfaction"],
    widgets={name: forms.Textarea(attrs={"rows": 3}) for name in ("summary", "result", "leader_progress")},
    date_field="registered_on",
    import_spec=PETITION_IMPORT,
)

RECEPTIONS = Ledger(
    model=Reception,
    namespace="petitions:receptions",
    title="接访登记台账",
    form_fields=["received_on", "kind", "receiver", "batches", "resolved_on_site", "notes"],
    list_columns=["year", "received_on", "kind", "receiver", "batches", "resolved_on_site", "unit", "state"],
    search_fields=["receiver", "notes"],
    filter_fields=["kind"],
    widgets={"notes": forms.Textarea(attrs={"rows": 3})},
    date_field="received_on",
    import_spec=RECEPTION_IMPORT,
)


class ExtensionForm(forms.Form):
    approver = forms.CharField(label="批准人（本机关、单位负责人）", max_length=50)
    approved_on = forms.DateField(label="批准日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    reason = forms.CharField(label="延期理由（应告知信访人）", max_length=200, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style_fields(self.fields)


@login_required
@require_http_methods(["GET", "POST"])
def extend_view(request, pk: int):
    """延期办理: the unit head approves +30 days once (信访工作条例 第三十四条)."""
    petition = PETITIONS.get_visible(request.user, pk)
    scope.require(request.user, "records.approve", petition.unit)
    initial = {"approver": str(request.user), "approved_on": timezone.localdate()}
    return form_page(
        request, ExtensionForm(request.POST or None, initial=initial),
        action=lambda data: petition_extend(petition, by=request.user, approver=data["approver"],
                                            on=data["approved_on"], reason=data["reason"]),
        success="已批准延期30日。", done=PETITIONS.url("detail", petition.pk),
        template="petitions/extend.html", context={"ledger": PETITIONS, "record": petition})


def petition_urls() -> list:
    return [*PETITIONS.urls(), path("<int:pk>/extend/", extend_view, name="extend")]
