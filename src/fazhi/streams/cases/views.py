"""Pages of the 行政执法案件 stream: the case ledger, and on a case's page the 全过程记录 (entries,
with the audio-visual record's file hashed on upload), the 法制审核 form for a reviewer who is not
on the case, and the extensions of the 办案期限."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.urls import path
from django.utils import timezone

from fazhi.core import scope
from fazhi.core.actions import sub_record_action
from fazhi.core.ledger_forms import style_fields
from fazhi.core.ledger_views import Ledger
from fazhi.streams.cases import services
from fazhi.streams.cases.importers import CASE_IMPORT
from fazhi.streams.cases.models import CaseRecordEntry, EnforcementCase, ReviewConclusion, Step
from fazhi.streams.cases.workflow import DECIDED

TEXTAREA = forms.Textarea(attrs={"rows": 3})
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class StyledForm(forms.Form):
    """A record page's small form, styled like the ledger forms."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style_fields(self.fields)


class ReviewForm(StyledForm):
    conclusion = forms.ChoiceField(label="审核结论", choices=ReviewConclusion.choices)
    opinion = forms.CharField(label="审核意见", widget=TEXTAREA, max_length=2000)
    reviewed_on = forms.DateField(label="审核日期", widget=DATE_INPUT)


class ExtensionForm(StyledForm):
    days = forms.IntegerField(label="延长天数", min_value=1, max_value=365)
    approved_by = forms.CharField(label="批准人", max_length=60)
    approved_on = forms.DateField(label="批准日期", widget=DATE_INPUT)
    reason = forms.CharField(label="延长理由", max_length=200)


class EntryForm(StyledForm):
    step = forms.ChoiceField(label="环节", choices=Step.choices)
    kind = forms.ChoiceField(label="记录类型", choices=CaseRecordEntry.Kind.choices)
    title = forms.CharField(label="文书名称或记录内容", max_length=120)
    doc_no = forms.CharField(label="文书编号", max_length=80, required=False)
    device = forms.CharField(label="记录设备", max_length=80, required=False)
    officer = forms.CharField(label="记录人员", max_length=50, required=False)
    started_at = forms.DateTimeField(label="开始时间", required=False, widget=DATETIME_INPUT)
    ended_at = forms.DateTimeField(label="结束时间", required=False, widget=DATETIME_INPUT)
    storage = forms.CharField(label="存储位置", max_length=200, required=False)
    file = forms.FileField(label="音像文件（可选，仅计算SHA-256，不在本系统保存）", required=False)
    sha256 = forms.RegexField(label="SHA-256", regex=r"^[0-9a-fA-F]{64}$", required=False, max_length=64,
                              help_text="文件超过上传限额时，在本机计算其SHA-256（64位十六进制）填写于此，不必上传文件",
                              error_messages={"invalid": "SHA-256应为64位十六进制字符"})

    def clean(self) -> dict:
        data = super().clean()
        upload, typed = data.get("file"), (data.get("sha256") or "").lower()
        if upload is not None and typed and services.file_sha256(upload) != typed:
            raise forms.ValidationError("填写的SHA-256与上传文件的不一致，请核对")
        data["sha256"] = typed
        return data


def _entry_service(case, *, by, file=None, sha256: str = "", **data):
    if file is not None:
        data.update(sha256=services.file_sha256(file), file_name=file.name)
    elif sha256:
        data.update(sha256=sha256)
    return services.entry_add(case, by=by, **data)


class CaseLedger(Ledger):
    def detail_names(self, record) -> list[str]:
        names = super().detail_names(record)
        review = ["reviewer_name", "review_conclusion", "review_opinion", "reviewed_on"] if record.reviewed_on else []
        closed = ["closed_on"] if record.closed_on else []
        return [*names, "major", *review, *closed]

    def extra_context(self, request, record) -> dict[str, Any]:
        can_write = scope.can(request.user, "records.write", record.unit) and record.state != "closed"
        today = timezone.localdate()
        refusal = services.reviewer_refusal(record, request.user) if record.state == "review" else None
        return {
            "entries": record.entries.all(),
            "extensions": record.extensions.all(),
            "published": record.published_decision() if record.state in DECIDED else None,
            "major_reasons": record.major_reasons(),
            "missing": record.missing_records("closed"),
            "notice_end": record.notice_period_end(),
            "can_entry": can_write,
            "entry_form": EntryForm(auto_id="id_entry_%s"),
            "can_review": record.state == "review" and refusal is None,
            "review_refusal": refusal,
            "review_form": ReviewForm(initial={"reviewed_on": today}, auto_id="id_review_%s"),
            "can_extend": (record.extension_refusal() is None
                           and scope.can(request.user, "records.approve", record.unit)),
            "extension_form": ExtensionForm(initial={"approved_on": today}, auto_id="id_ext_%s"),
        }


CASES = CaseLedger(
    model=EnforcementCase,
    namespace="cases:cases",
    title="行政执法案件台账",
    detail_template="cases/case_detail.html",
    form_fields=["case_no", "kind", "party_type", "party_org", "party_credit_code", "party_person", "party_id_number",
                 "cause", "source", "officer_names", "officer_certs", "clue_on", "filed_on", "onsite_investigation",
                 "proposed_fine", "revoke_licence", "suspend_business", "proposed_measures", "notified_on",
                 "hearing_requested", "hearing_held_on", "waived_on", "discussed_on", "discussion_note",
                 "decision_no", "decided_on", "decision_content", "served_on", "service_method", "executed_on",
                 "execution_note"],
    list_columns=["case_no", "kind", "party_org", "party_person", "cause", "unit", "filed_on", "major", "state"],
    export_columns=["year", "case_no", "kind", "party_type", "party_org", "party_credit_code", "party_person",
                    "party_id_number", "cause", "source", "officer_names", "unit", "filed_on", "proposed_fine",
                    "major", "notified_on", "reviewed_on", "review_conclusion", "decision_no", "decided_on",
                    "served_on", "executed_on", "closed_on", "state"],
    search_fields=["case_no", "party_org", "party_credit_code", "cause", "decision_no"],  # not person names
    filter_fields=["kind", "party_type", "source", "major"],
    widgets={name: TEXTAREA for name in ("proposed_measures", "discussion_note", "decision_content",
                                         "execution_note")},
    date_field="filed_on",
    import_spec=CASE_IMPORT,
    unit_label="执法单位",
)


@login_required
def entry_view(request, pk: int):
    """登记全过程记录 (a document or an audio-visual record) on a case."""
    return sub_record_action(
        request, CASES, pk, form=lambda data, **kw: EntryForm(data, request.FILES, **kw),
        form_kwargs={"auto_id": "id_entry_%s"}, service=_entry_service, success="已登记全过程记录。")


@login_required
def review_view(request, pk: int):
    """法制审核 (a reviewer with records.approve who is not on the case)."""
    return sub_record_action(
        request, CASES, pk, capability=services.REVIEW_CAPABILITY, denied=services.NOT_A_REVIEWER,
        form=ReviewForm, form_kwargs={"auto_id": "id_review_%s"}, service=services.legal_review,
        success="已登记法制审核意见。")


@login_required
def extend_view(request, pk: int):
    """延长办案期限 (approved by the agency's head)."""
    return sub_record_action(
        request, CASES, pk, capability="records.approve", denied="延长办案期限须经行政机关负责人批准",
        form=ExtensionForm, form_kwargs={"auto_id": "id_ext_%s"}, service=services.extend_limit,
        success=lambda data, _: f"已登记延长办案期限{data['days']}日。")


def case_urls() -> list:
    return [*CASES.urls(), path("<int:pk>/entry/", entry_view, name="entry"),
            path("<int:pk>/review/", review_view, name="review"),
            path("<int:pk>/extend/", extend_view, name="extend")]
