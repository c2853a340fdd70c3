"""Pages of the enforcement stream: one generic ledger per register. An officer's state shows
"过期" once the certificate's validity has run out; a campaign's page lists its score sheets."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from fazhi.core import scope
from fazhi.core.ledger_views import Ledger
from fazhi.streams.enforcement.importers import (
    BENCHMARK_IMPORT,
    CAMPAIGN_IMPORT,
    DECISION_IMPORT,
    EXAM_IMPORT,
    LICENCE_IMPORT,
    OFFICER_IMPORT,
    TRAINING_IMPORT,
)
from fazhi.streams.enforcement.models import (
    Benchmark,
    Campaign,
    Decision,
    ExamResult,
    FileReview,
    LicenceItem,
    Officer,
    TrainingRecord,
)

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class OfficerLedger(Ledger):
    """The certificate's state as of today: 有效 / 暂扣 / 注销, or 过期 after its validity."""

    def display(self, record, name: str, masked: bool = False) -> Any:
        if name == "state":
            return record.status_on(timezone.localdate())
        return super().display(record, name, masked)


class CampaignLedger(Ledger):
    def extra_context(self, request, record) -> dict[str, Any]:
        files = record.files.select_related("reviewed_unit").order_by("reviewed_unit__path", "case_no")
        return {"files": files, "can_add_file": scope.can(request.user, "records.write", record.unit)}


DECISIONS = Ledger(
    model=Decision,
    namespace="enforcement:decisions",
    title="行政执法决定公示台账",
    form_fields=["doc_no", "decision_type", "party_type", "party_org", "party_credit_code", "party_person",
                 "party_id_number", "matter", "basis", "content", "decided_on", "disclosed_on",
                 "disclosure_channel", "reversed_on", "withdrawn_on", "withdrawal_reason"],
    list_columns=["doc_no", "decision_type", "party_org", "party_person", "matter", "unit", "decided_on",
                  "disclosed_on", "state"],
    export_columns=["year", "doc_no", "decision_type", "party_type", "party_org", "party_credit_code",
                    "party_person", "party_id_number", "matter", "basis", "content", "unit", "decided_on",
                    "disclosed_on", "disclosure_channel", "withdrawn_on", "withdrawal_reason", "state"],
    search_fields=["doc_no", "party_org", "party_credit_code", "matter"],  # not person names
    filter_fields=["decision_type", "party_type"],
    widgets={"content": TEXTAREA},
    date_field="decided_on",
    import_spec=DECISION_IMPORT,
    unit_label="执法单位",
)

OFFICERS = OfficerLedger(
    model=Officer,
    namespace="enforcement:officers",
    title="执法人员台账",
    form_fields=["name", "certificate_no", "certificate_type", "enforcement_field", "issued_on", "valid_until",
                 "id_number", "phone", "suspended_on", "restored_on", "revoked_on", "revoke_reason", "note"],
    list_columns=["name", "certificate_no", "certificate_type", "enforcement_field", "unit", "issued_on",
                  "valid_until", "state"],
    export_columns=["name", "certificate_no", "certificate_type", "enforcement_field", "unit", "issued_on",
                    "valid_until", "id_number", "phone", "state"],
    search_fields=["name", "certificate_no", "enforcement_field"],  # names are public (事前公开)
    filter_fields=["certificate_type"],
    date_field="valid_until",
    import_spec=OFFICER_IMPORT,
    unit_label="所在单位",
)

EXAMS = Ledger(
    model=ExamResult,
    namespace="enforcement:exams",
    title="执法资格考试台账",
    form_fields=["candidate_name", "id_number", "exam_date", "score", "certificate_no"],
    detail_fields=["candidate_name", "id_number", "exam_date", "score", "passed", "certificate_no"],
    list_columns=["year", "exam_date", "candidate_name", "unit", "score", "passed", "certificate_no"],
    search_fields=["certificate_no"],
    filter_fields=["passed"],
    date_field="exam_date",
    import_spec=EXAM_IMPORT,
    unit_label="报考单位",
)

TRAININGS = Ledger(
    model=TrainingRecord,
    namespace="enforcement:trainings",
    title="执法人员培训台账",
    form_fields=["certificate_no", "course", "held_on", "hours"],
    list_columns=["year", "held_on", "certificate_no", "course", "hours", "unit"],
    search_fields=["certificate_no", "course"],
    date_field="held_on",
    import_spec=TRAINING_IMPORT,
    unit_label="所在单位",
)

CAMPAIGNS = CampaignLedger(
    model=Campaign,
    namespace="enforcement:campaigns",
    title="案卷评查活动台账",
    form_fields=["title", "kind", "organiser", "scope_note", "held_on", "issued_on", "summary"],
    list_columns=["year", "title", "kind", "organiser", "held_on", "unit", "state"],
    search_fields=["title", "organiser", "scope_note"],
    filter_fields=["kind"],
    widgets={"summary": TEXTAREA},
    date_field="held_on",
    import_spec=CAMPAIGN_IMPORT,
    detail_template="enforcement/campaign_detail.html",
    unit_label="组织单位（本系统）",
)

REVIEWS = Ledger(
    model=FileReview,
    namespace="enforcement:reviews",
    title="案卷评查表",
    form_fields=["campaign", "reviewed_unit", "case_no", "case_type", "closed_on", "score_subject", "score_facts",
                 "score_evidence", "score_law", "score_procedure", "score_documents", "reviewers",
                 "issue_category", "findings", "rectification_due", "rectified_on", "rectification_note"],
    detail_fields=["campaign", "reviewed_unit", "case_no", "case_type", "closed_on", "score_subject", "score_facts",
                   "score_evidence", "score_law", "score_procedure", "score_documents", "total", "grade",
                   "reviewers", "issue_category", "findings", "rectification_due", "rectified_on",
                   "rectification_note"],
    list_columns=["year", "campaign", "reviewed_unit", "case_no", "case_type", "total", "grade",
                  "rectification_due", "state"],
    search_fields=["case_no", "findings", "reviewers"],
    filter_fields=["case_type", "grade", "issue_category"],
    widgets={"findings": TEXTAREA},
    date_field="rectification_due",
    unit_label="组织单位（本系统）",
)

LICENCES = Ledger(
    model=LicenceItem,
    namespace="enforcement:licences",
    title="行政许可事项清单",
    form_fields=["item_code", "name", "basis", "issuing_body", "conditions", "time_limit_days", "fee", "commitment",
                 "published_on", "repealed_on"],
    list_columns=["year", "item_code", "name", "issuing_body", "unit", "commitment", "published_on", "state"],
    search_fields=["item_code", "name", "basis"],
    filter_fields=["commitment"],
    widgets={"basis": TEXTAREA, "conditions": TEXTAREA},
    date_field="published_on",
    import_spec=LICENCE_IMPORT,
    unit_label="实施单位",
)

BENCHMARKS = Ledger(
    model=Benchmark,
    namespace="enforcement:benchmarks",
    title="行政裁量权基准",
    form_fields=["code", "kind", "domain", "violation", "basis", "grade", "circumstances", "penalty_range",
                 "edition", "published_on", "repealed_on"],
    list_columns=["year", "code", "domain", "violation", "grade", "penalty_range", "unit", "state"],
    search_fields=["code", "domain", "violation"],
    filter_fields=["kind", "grade"],
    widgets={"basis": TEXTAREA, "circumstances": TEXTAREA},
    date_field="published_on",
    import_spec=BENCHMARK_IMPORT,
    unit_label="制定单位",
)
