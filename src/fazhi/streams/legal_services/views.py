"""Pages of public legal services: one generic ledger per register, and the quick-entry page
on which a village legal adviser logs a consultation from a phone in under a minute."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from fazhi.core import scope
from fazhi.core.ledger_views import Ledger
from fazhi.core.models import Unit
from fazhi.core.quick import BAD_KEY, QuickEntry, accept, digest_of, json_answer
from fazhi.core.quick import today as entry_day
from fazhi.streams.legal_services.importers import (
    APPOINTMENT_IMPORT,
    CONSULTATION_IMPORT,
    ITEM_IMPORT,
    LECTURE_IMPORT,
    LEGAL_AID_IMPORT,
)
from fazhi.streams.legal_services.models import (
    AdvisorAppointment,
    CertificationItem,
    CommitmentCase,
    Consultation,
    DutyDay,
    Lecture,
    LegalAidApplication,
)
from fazhi.streams.legal_services.services import advisor_villages, consultation_quick_add

SENSITIVE_WITHHELD = "（敏感个人信息，已隐藏）"


def _text(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


CONSULTATIONS = Ledger(
    model=Consultation,
    namespace="legal_services:consultations",
    title="值班咨询日志",
    unit_label="村（社区）",
    form_fields=["consulted_on", "advisor", "consulter_name", "consulter_phone", "category", "summary",
                 "disposition", "answer"],
    list_columns=["consulted_on", "unit", "advisor", "consulter_name", "category", "summary", "disposition",
                  "state"],
    export_columns=["year", "consulted_on", "unit", "advisor", "consulter_name", "consulter_phone", "category",
                    "summary", "disposition", "answer", "state"],
    search_fields=["summary", "advisor"],
    filter_fields=["category", "disposition", "channel", "state"],
    widgets={"answer": _text()},
    date_field="consulted_on",
    import_spec=CONSULTATION_IMPORT,
    photo_field="slip_photo",
)

ADVISORS = Ledger(
    model=AdvisorAppointment,
    namespace="legal_services:advisors",
    title="村（社区）法律顾问聘任台账",
    unit_label="聘任单位",
    form_fields=["village", "advisor_name", "law_firm", "advisor_phone", "contract_start", "contract_end",
                 "duty_days_per_month", "notes"],
    list_columns=["village", "advisor_name", "law_firm", "advisor_phone", "contract_start", "contract_end", "state"],
    search_fields=["advisor_name", "law_firm", "village__name"],
    widgets={"notes": _text()},
    date_field="contract_start",
    import_spec=APPOINTMENT_IMPORT,
)

DUTY = Ledger(
    model=DutyDay,
    namespace="legal_services:duty",
    title="法律顾问值班台账",
    unit_label="村（社区）",
    form_fields=["duty_on", "advisor", "hours", "documents_reviewed", "disputes_mediated", "notes"],
    list_columns=["duty_on", "unit", "advisor", "hours", "documents_reviewed", "disputes_mediated", "state"],
    search_fields=["advisor", "notes"],
    widgets={"notes": _text()},
    date_field="duty_on",
)

LECTURES = Ledger(
    model=Lecture,
    namespace="legal_services:lectures",
    title="法治讲座台账",
    unit_label="村（社区）",
    form_fields=["topic", "speaker", "planned_on", "held_on", "audience", "notes"],
    list_columns=["held_on", "unit", "topic", "speaker", "audience", "state"],
    search_fields=["topic", "speaker"],
    widgets={"notes": _text()},
    date_field="held_on",
    import_spec=LECTURE_IMPORT,
)


class LegalAidLedger(Ledger):
    """Sensitive personal information (financial hardship) is withheld whole wherever personal
    data is masked (个人信息保护法 第二十八条) and never exported."""

    def display(self, record, name: str, masked: bool = False) -> Any:
        if masked and name in self.model.sensitive_fields and getattr(record, name):
            return SENSITIVE_WITHHELD
        return super().display(record, name, masked)


LEGAL_AID = LegalAidLedger(
    model=LegalAidApplication,
    namespace="legal_services:aid",
    title="法律援助申请台账",
    unit_label="受理机构",
    form_fields=["application_no", "applied_on", "channel", "applicant_name", "applicant_id_number",
                 "applicant_phone", "applicant_address", "case_type", "matter", "hardship_basis",
                 "supplement_requested_on", "supplement_items", "supplement_received_on", "decided_on",
                 "refusal_reason", "assigned_on", "lawyer", "law_firm", "closed_on", "closing_summary"],
    list_columns=["application_no", "applied_on", "applicant_name", "case_type", "matter", "unit", "state"],
    export_columns=["application_no", "year", "applied_on", "channel", "applicant_name", "applicant_id_number",
                    "applicant_phone", "applicant_address", "case_type", "matter", "unit", "decided_on",
                    "assigned_on", "lawyer", "law_firm", "closed_on", "state"],
    search_fields=["application_no", "matter", "lawyer"],
    filter_fields=["case_type", "channel"],
    widgets={"closing_summary": _text()},
    date_field="applied_on",
    import_spec=LEGAL_AID_IMPORT,
)

ITEMS = Ledger(
    model=CertificationItem,
    namespace="legal_services:items",
    title="证明事项告知承诺清单",
    unit_label="实施单位",
    form_fields=["name", "matter", "legal_basis", "issuing_unit", "method", "verification_days", "listed_on",
                 "withdrawn_on"],
    list_columns=["name", "matter", "unit", "issuing_unit", "method", "verification_days", "state"],
    search_fields=["name", "matter", "legal_basis"],
    filter_fields=["method"],
    date_field="listed_on",
    import_spec=ITEM_IMPORT,
)

VERIFICATIONS = Ledger(
    model=CommitmentCase,
    namespace="legal_services:verifications",
    title="告知承诺核查台账",
    unit_label="实施单位",
    form_fields=["case_no", "item", "applicant_name", "applicant_id_number", "committed_on", "decided_on",
                 "verified_on", "result", "follow_up", "follow_up_on", "follow_up_note"],
    list_columns=["case_no", "item", "applicant_name", "committed_on", "verified_on", "result", "unit", "state"],
    search_fields=["case_no", "item__name"],
    filter_fields=["result", "follow_up"],
    widgets={"follow_up_note": _text()},
    date_field="committed_on",
)


# -- quick entry (mobile) --------------------------------------------------------------------------

class QuickConsultationForm(forms.Form):
    village = forms.ModelChoiceField(queryset=Unit.objects.none(), label="村（社区）", empty_label=None)
    consulted_on = forms.DateField(label="日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    category = forms.ChoiceField(label="问题类别", choices=Consultation.Category.choices, widget=forms.RadioSelect)
    summary = forms.CharField(label="问题摘要", max_length=300,
                              widget=forms.Textarea(attrs={"rows": 2, "placeholder": "一句话写明咨询的问题"}))
    disposition = forms.ChoiceField(label="处理方式", choices=Consultation.Disposition.choices,
                                    initial=Consultation.Disposition.ANSWERED)
    consulter_name = forms.CharField(label="咨询人（可不填）", max_length=50, required=False)
    # the draft's key (core/quick.py): a consultation sent twice, or kept offline and sent later, is logged once
    draft_key = forms.UUIDField(widget=forms.HiddenInput(), error_messages={"invalid": BAD_KEY, "required": BAD_KEY})

    def __init__(self, *args, villages: list[Unit], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = Unit.objects.filter(pk__in=[v.pk for v in villages]).order_by("path")
        if len(villages) == 1:
            self.fields["village"].widget = forms.HiddenInput()
        big = {"village": "form-select form-select-lg", "disposition": "form-select form-select-lg",
               "consulted_on": "form-control form-control-lg", "summary": "form-control form-control-lg",
               "consulter_name": "form-control form-control-lg", "category": "btn-check"}
        for name, css in big.items():
            self.fields[name].widget.attrs["class"] = css
        self.fields["summary"].widget.attrs["autocomplete"] = "off"
        self.fields["consulter_name"].widget.attrs["autocomplete"] = "off"

    def clean_consulted_on(self):
        day = self.cleaned_data["consulted_on"]
        if day > timezone.localdate():
            raise ValidationError("咨询日期不能晚于今天")
        return day


def _consultation_create(*, by, unit: Unit, data: dict[str, Any]) -> Consultation:
    return consultation_quick_add(by=by, village=unit, **data)


# The shared quick-entry declaration (core/quick.py): this stream serves its own page (category
# buttons, today's count), and takes each draft once through core.quick.accept.
CONSULTATION_QUICK = QuickEntry(
    model=Consultation,
    namespace="legal_services:quick",
    url_name="legal_services:quick",
    title="快速登记咨询",
    fields=("consulted_on", "category", "summary", "disposition", "consulter_name"),
    date_field="consulted_on",
    defaults={"consulted_on": entry_day},
    units=advisor_villages,
    create=_consultation_create,
    photo_field="slip_photo",
)


@login_required
@require_http_methods(["GET", "POST"])
def quick_view(request):
    """快速登记: few fields, big touch targets, defaults (today, the adviser's own village),
    one submit; after saving, "已登记" and an empty form for the next one."""
    scope.require(request.user, "records.write")
    villages = [v for v in advisor_villages(request.user) if scope.can(request.user, "records.write", v)]
    if not villages:
        raise PermissionDenied("快速登记供村（社区）法律顾问使用：您没有可登记咨询的村（社区）")
    today = timezone.localdate()
    initial = {"village": villages[0].pk, "consulted_on": today, "disposition": Consultation.Disposition.ANSWERED,
               "draft_key": uuid.uuid4()}
    form = QuickConsultationForm(request.POST or None, initial=initial, villages=villages)
    if request.method == "POST":
        outcome = None
        photo_error = CONSULTATION_QUICK.photo_refusal(request)
        if photo_error is not None:
            form.is_valid()
            form.add_error(None, photo_error)
        elif form.is_valid():
            data = form.cleaned_data
            try:
                outcome = accept(CONSULTATION_QUICK, by=request.user, key=data["draft_key"], unit=data["village"],
                                 data={name: data[name] for name in CONSULTATION_QUICK.fields}, auto=set(),
                                 digest=digest_of(request.POST, ("village", *CONSULTATION_QUICK.fields)))
                outcome = CONSULTATION_QUICK.with_photo(request, outcome, data["draft_key"])
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
        if outcome is not None and not outcome.accepted:
            form.add_error(None, outcome.message)
        accepted = outcome is not None and outcome.accepted
        if accepted and request.headers.get("X-Quick-Mode") != "sync":
            messages.success(request, "已登记")
        if "application/json" in request.headers.get("Accept", ""):
            return json_answer(outcome, form, next_url=reverse("legal_services:quick"))
        if accepted:
            return redirect("legal_services:quick")
    logged_today = Consultation.objects.filter(unit__in=villages, consulted_on=today, created_by=request.user).count()
    return render(request, "legal_services/quick.html", {
        "form": form, "photo_label": CONSULTATION_QUICK.photo_label, "villages": villages, "today": today, "logged_today": logged_today,
        "single_village": villages[0] if len(villages) == 1 else None,
    })
