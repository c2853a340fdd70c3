"""Pages of the 问题举报 stream: the report ledger (with the 转办 form and query codes) and
the announcements ledger. The portal's intake form and status query call
``services.complaint_submit`` / ``services.complaint_lookup``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from fazhi.core import scope
from fazhi.core.actions import form_page, sub_record_action
from fazhi.core.ledger_forms import style_fields
from fazhi.core.ledger_views import Ledger
from fazhi.core.models import Unit
from fazhi.streams.complaints.importers import ANNOUNCEMENT_IMPORT, COMPLAINT_IMPORT
from fazhi.streams.complaints.models import Announcement, Complaint
from fazhi.streams.complaints.services import complaint_new_query_code, complaint_route

REPORTER_WITHHELD = "（举报人信息保密）"


class ComplaintLedger(Ledger):
    """The generic ledger with two report rules: a reporter's identity is withheld whole
    wherever personal data is masked (never disclosed to the reported party, spec §8.6,
    parallel to 信访工作条例 第三十条), and routing has its own page (the responsible unit is
    chosen there), so the generic "转办" button is replaced by a link to it."""

    def display(self, record, name: str, masked: bool = False) -> Any:
        if masked and name in self.model.personal_fields and getattr(record, name):
            return REPORTER_WITHHELD
        return super().display(record, name, masked)

    def visible(self, user):
        return super().visible(user).select_related("registered_unit")

    def detail_names(self, record) -> list[str]:
        names = super().detail_names(record)
        extra = ["registered_unit", "routed_on", "route_note"] if record.routed_on else ["registered_unit"]
        return [*names[:3], "tracking_no", *extra, *names[4:], "closed_on"]

    def extra_context(self, request, record) -> dict[str, Any]:
        available = self.model.workflow.available(record, request.user)
        can_write = scope.can(request.user, "records.write", record.unit)
        return {"transitions": [t for t in available if t.name != "route"],
                "can_route": record.state == "registered" and can_write,
                "can_query_code": can_write and record.state != "closed",
                "has_query_code": bool(record.query_code_hash)}


CASES = ComplaintLedger(
    model=Complaint,
    namespace="complaints:cases",
    title="问题举报台账",
    detail_template="complaints/complaint_detail.html",
    form_fields=["tracking_no", "channel", "received_on", "anonymous", "reporter_name", "reporter_phone", "category",
                 "subject", "content", "reported_party", "findings", "finding", "reply", "replied_on", "satisfaction"],
    list_columns=["tracking_no", "received_on", "channel", "category", "subject", "reporter_name", "unit", "state"],
    export_columns=["tracking_no", "year", "received_on", "channel", "anonymous", "reporter_name", "reporter_phone",
                    "category", "subject", "reported_party", "registered_unit", "unit", "routed_on", "finding",
                    "replied_on", "closed_on", "satisfaction", "state"],
    search_fields=["tracking_no", "subject", "content", "reported_party"],
    filter_fields=["channel", "category", "anonymous", "finding"],
    widgets={name: forms.Textarea(attrs={"rows": 3}) for name in ("content", "findings", "reply")},
    date_field="received_on",
    import_spec=COMPLAINT_IMPORT,
    unit_label="责任单位",
)

ANNOUNCEMENTS = Ledger(
    model=Announcement,
    namespace="complaints:announcements",
    title="受理问题举报公告",
    form_fields=["title", "action", "body", "hotline", "mailbox", "address", "accept_from", "accept_until",
                 "published_on"],
    list_columns=["year", "title", "unit", "published_on", "accept_until", "state"],
    search_fields=["title", "action", "body"],
    widgets={"body": forms.Textarea(attrs={"rows": 8})},
    date_field="published_on",
    import_spec=ANNOUNCEMENT_IMPORT,
    unit_label="发布单位",
)


class RouteForm(forms.Form):
    unit = forms.ModelChoiceField(label="责任单位", queryset=Unit.objects.none(), empty_label="请选择责任单位")
    routed_on = forms.DateField(label="转办日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    note = forms.CharField(label="转办意见", max_length=200, required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, county: Unit, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        units = county.descendants().filter(is_active=True).exclude(kind=Unit.Kind.VILLAGE)
        self.fields["unit"].queryset = units.order_by("path", "sort_order")
        style_fields(self.fields)


@login_required
@require_http_methods(["GET", "POST"])
def route_view(request, pk: int):
    """转办: choose the responsible unit; the report then belongs to it."""
    record = CASES.get_visible(request.user, pk)
    scope.require(request.user, "records.write", record.unit)
    initial = {"unit": record.unit, "routed_on": timezone.localdate()}
    form = RouteForm(request.POST or None, initial=initial, county=record.unit.county() or record.unit)
    return form_page(
        request, form,
        action=lambda data: complaint_route(record, by=request.user, to_unit=data["unit"], on=data["routed_on"],
                                            note=data["note"]),
        success=lambda data, _: f"已转办至{data['unit'].name}。",
        # the report now belongs to the chosen unit: back to its page only if the user still reads it
        done=lambda _: (CASES.url("detail", record.pk) if scope.can(request.user, "records.read", form.cleaned_data["unit"])
                        else CASES.url("list")),
        template="complaints/route.html", context={"ledger": CASES, "record": record})


@login_required
def query_code_view(request, pk: int):
    """A new query code, shown once (for reports taken by phone, letter or visit)."""
    return sub_record_action(
        request, CASES, pk, service=complaint_new_query_code,
        success=lambda _, code: f"新的查询码：{code}（仅显示一次，请告知举报人；原查询码已失效）")


def case_urls() -> list:
    return [*CASES.urls(), path("<int:pk>/route/", route_view, name="route"),
            path("<int:pk>/query-code/", query_code_view, name="query_code")]
