"""Pages of the stream: three ledgers declared with ``Ledger(...)``, plus two small actions the
generic pages cannot express — recording a local step (应诉备案/通报/核对) of a case, and
recording an approved extension of a reconsideration's decision period. Business rules live
in ``services``; these views only check the request and call them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.utils import timezone

from fazhi.core import scope
from fazhi.core.actions import sub_record_action
from fazhi.core.ledger_forms import style_fields
from fazhi.core.ledger_views import Ledger
from fazhi.streams.litigation import rules, services
from fazhi.streams.litigation.importers import CASE_IMPORT, HEARING_IMPORT, RECONSIDERATION_IMPORT
from fazhi.streams.litigation.models import Hearing, LitigationCase, Reconsideration

TEXTAREA = forms.Textarea(attrs={"rows": 3})


# -- 行政应诉案件 ----------------------------------------------------------------------------

class StepForm(forms.Form):
    step = forms.ChoiceField(label="步骤")
    done_on = forms.DateField(label="办理日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    handler = forms.CharField(label="经办人", max_length=50, required=False, help_text="不填则记为当前登录人")
    note = forms.CharField(label="说明", max_length=200, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = [(s, s) for s in rules.litigation_steps()]
        style_fields(self.fields)


@dataclass
class CaseLedger(Ledger):
    def extra_context(self, request, record) -> dict[str, Any]:
        done = {s.step: s for s in record.steps.all()}
        return {
            "hearings": record.hearings.order_by("hearing_date", "id"),
            "steps": [(name, done.get(name)) for name in rules.litigation_steps()],
            "step_form": StepForm(initial={"done_on": timezone.localdate()}, auto_id="id_step_%s"),
            "lost": record.lost,
        }


CASES = CaseLedger(
    model=LitigationCase,
    namespace="litigation:cases",
    title="行政应诉案件台账",
    detail_template="litigation/case_detail.html",
    form_fields=["case_number", "court", "instance", "related_case_number", "cause", "act_kind", "act_document",
                 "plaintiff_kind", "plaintiff_name", "plaintiff_id_number", "plaintiff_credit_code", "plaintiff_phone",
                 "plaintiff_address", "other_plaintiffs", "co_defendants", "filed_on", "served_on", "handler",
                 "answer_submitted_on", "judgment_form", "judgment_date", "judgment_served_on", "outcome",
                 "appellant", "appeal_filed_on", "effective_on", "performed_on", "performance",
                 "judicial_suggestion", "suggestion_replied_on", "notes"],
    list_columns=["case_number", "unit", "instance", "cause", "plaintiff_name", "served_on", "outcome", "state"],
    export_columns=["year", "case_number", "court", "unit", "instance", "cause", "act_kind", "plaintiff_name",
                    "plaintiff_id_number", "plaintiff_credit_code", "plaintiff_phone", "served_on",
                    "answer_submitted_on", "judgment_date", "outcome", "state"],
    search_fields=["case_number", "cause", "court", "plaintiff_name"],
    filter_fields=["instance", "outcome", "act_kind"],
    widgets={"notes": TEXTAREA},
    date_field="served_on",
    import_spec=CASE_IMPORT,
)


@login_required
def step_view(request, pk: int):
    """Record one local step (应诉备案、通报、核对 …) of a case with its date and who."""
    return sub_record_action(
        request, CASES, pk, form=StepForm, form_kwargs={"auto_id": "id_step_%s"},
        service=lambda case, *, by, step, done_on, handler, note: services.step_record(
            case, step=step, on=done_on, handler=handler, note=note, by=by),
        success=lambda data, _: f"已登记“{data['step']}”。")


# -- 庭审 ----------------------------------------------------------------------------------

HEARINGS = Ledger(
    model=Hearing,
    namespace="litigation:hearings",
    title="庭审及出庭应诉台账",
    form_fields=["case_number", "hearing_date", "court_room", "court_notice", "head_appeared", "head_name",
                 "head_title", "head_position", "identity_accepted", "absence_reason", "absence_explanation",
                 "substitute", "appearers", "notes"],
    list_columns=["case_number", "unit", "hearing_date", "court_room", "head_appeared", "head_name", "head_position",
                  "state"],
    search_fields=["case_number", "head_name", "appearers", "court_room"],
    filter_fields=["head_appeared", "head_position", "court_notice"],
    widgets={"notes": TEXTAREA},
    date_field="hearing_date",
    import_spec=HEARING_IMPORT,
)


# -- 行政复议案件 ----------------------------------------------------------------------------

class ExtensionForm(forms.Form):
    days = forms.IntegerField(label="延长天数", min_value=1, max_value=rules.MAX_DECISION_EXTENSION_DAYS)
    approved_by = forms.CharField(label="批准人（行政复议机构负责人）", max_length=50)
    on = forms.DateField(label="批准日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    reason = forms.CharField(label="延长理由", max_length=200)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style_fields(self.fields)


EXTENDABLE_STATES = ("accepted", "answering", "answered", "suspended")


@dataclass
class ReconsiderationLedger(Ledger):
    def extra_context(self, request, record) -> dict[str, Any]:
        can_extend = (record.state in EXTENDABLE_STATES and record.procedure == Reconsideration.Procedure.ORDINARY
                      and scope.can(request.user, "records.write", record.unit))
        return {"extension_form": ExtensionForm(initial={"days": rules.MAX_DECISION_EXTENSION_DAYS,
                                                         "on": timezone.localdate()}, auto_id="id_ext_%s")
                if can_extend else None,
                "corrected": record.corrected}


RECONSIDERATIONS = ReconsiderationLedger(
    model=Reconsideration,
    namespace="litigation:reconsiderations",
    title="行政复议案件台账",
    detail_template="litigation/reconsideration_detail.html",
    form_fields=["case_number", "body", "applicant_kind", "applicant_name", "applicant_id_number",
                 "applicant_credit_code", "applicant_phone", "applicant_address", "contested_act", "act_document",
                 "received_on", "procedure", "supplement_notice_on", "supplement_received_on", "accepted_on",
                 "rejected_on", "rejection_reason", "copy_served_on", "reply_submitted_on", "suspended_on",
                 "suspension_reason", "resumed_on", "decided_on", "decision_type", "decision_number", "performed_on",
                 "performance", "opinion_received_on", "opinion_reported_on", "notes"],
    list_columns=["case_number", "unit", "applicant_name", "contested_act", "received_on", "procedure",
                  "decision_type", "state"],
    export_columns=["year", "case_number", "body", "unit", "applicant_name", "applicant_id_number", "applicant_phone",
                    "contested_act", "received_on", "accepted_on", "decided_on", "decision_type", "state"],
    search_fields=["case_number", "applicant_name", "contested_act", "act_document"],
    filter_fields=["procedure", "decision_type"],
    widgets={"notes": TEXTAREA},
    date_field="received_on",
    import_spec=RECONSIDERATION_IMPORT,
)


def _extend(rec: Reconsideration, *, by, **data):
    if rec.state not in EXTENDABLE_STATES:
        raise ValidationError(f"当前状态为“{rec.state_label}”，不能延长审理期限")
    return services.reconsideration_extend(rec, by=by, **data)


@login_required
def extend_view(request, pk: int):
    """Record the approved extension of the decision period (行政复议法 第六十二条)."""
    return sub_record_action(
        request, RECONSIDERATIONS, pk, form=ExtensionForm, form_kwargs={"auto_id": "id_ext_%s"}, service=_extend,
        success=lambda _, deadline: f"已延长复议决定期限，新的到期日为{deadline.due:%Y年%m月%d日}。")
