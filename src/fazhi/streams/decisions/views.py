"""Pages of the stream: three ledgers declared with ``Ledger(...)`` (decisions, catalogues,
catalogue items) and small POST actions for what the generic pages cannot express: recording
one of the five statutory procedures, an execution report, a post-evaluation, the handling of
a public comment, and a catalogue check or adjustment. Business rules live in ``services``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.forms import modelform_factory
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from fazhi.core import scope
from fazhi.core.actions import sub_record_action
from fazhi.core.ledger_forms import style_fields
from fazhi.core.ledger_views import Ledger
from fazhi.streams.decisions import rules, services
from fazhi.streams.decisions.importers import ITEM_IMPORT
from fazhi.streams.decisions.models import (
    CatalogueCheck,
    CatalogueItem,
    Decision,
    DecisionCatalogue,
    DecisionProcedure,
    PostEvaluation,
    PublicComment,
)
from fazhi.streams.decisions.workflow import (
    COLLECTIVE,
    EXPERT,
    LEGALITY,
    OPEN_STATES,
    PARTICIPATION,
    PROCEDURE_LABELS,
    RISK,
    decide_problem,
)

TEXTAREA = forms.Textarea(attrs={"rows": 3})
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# kind -> (fields, labels): each procedure is entered with the fields and words it uses.
PROCEDURE_FORMS: dict[str, tuple[list[str], dict[str, str]]] = {
    PARTICIPATION: (["started_on", "ended_on", "shortened_reason", "comments_received", "comments_adopted", "result",
                     "document"],
                    {"started_on": "征求意见开始日期", "ended_on": "征求意见截止日期", "result": "意见采纳情况",
                     "document": "征求意见公告（网址或文号）"}),
    EXPERT: (["started_on", "ended_on", "organiser", "result", "document"],
             {"started_on": "论证开始日期", "ended_on": "论证完成日期", "organiser": "论证专家",
              "result": "论证意见", "document": "专家论证意见书"}),
    RISK: (["started_on", "ended_on", "organiser", "risk_level", "result", "document"],
           {"started_on": "评估开始日期", "ended_on": "评估完成日期", "organiser": "评估单位",
            "result": "评估结论及防范化解措施", "document": "风险评估报告"}),
    LEGALITY: (["started_on", "ended_on", "organiser", "conclusion", "result", "document", "shortened_reason"],
               {"started_on": "送审日期", "ended_on": "出具意见日期", "organiser": "审查机构及参与的法律顾问、公职律师",
                "result": "审查意见", "document": "审查意见书文号"}),
    COLLECTIVE: (["ended_on", "meeting", "result", "document"],
                 {"ended_on": "会议日期", "result": "会议决定及不同意见记录", "document": "会议纪要"}),
}


def procedure_form_class(kind: str) -> type[forms.ModelForm]:
    fields, labels = PROCEDURE_FORMS[kind]
    widgets = {f: DATE for f in ("started_on", "ended_on") if f in fields}
    widgets["result"] = TEXTAREA
    return modelform_factory(DecisionProcedure, fields=fields, labels=labels, widgets=widgets)


def _styled(form):
    style_fields(form.fields)
    return form


class ReportForm(forms.Form):
    reported_on = forms.DateField(label="报告日期", widget=DATE)
    reporter = forms.CharField(label="报告单位", max_length=100)
    progress = forms.CharField(label="执行情况", widget=TEXTAREA)
    problems = forms.CharField(label="存在问题及建议", max_length=500, required=False)


class EvaluationForm(forms.Form):
    trigger = forms.ChoiceField(label="评估原因", choices=PostEvaluation.Trigger.choices)
    evaluator = forms.CharField(label="评估机构", max_length=100)
    started_on = forms.DateField(label="开始日期", widget=DATE)
    completed_on = forms.DateField(label="完成日期", widget=DATE, required=False)
    conclusion = forms.CharField(label="评估结论", widget=TEXTAREA, required=False)
    adjustment = forms.CharField(label="调整建议及处理", max_length=500, required=False)


class HandleForm(forms.Form):
    handling = forms.ChoiceField(label="采纳情况", choices=PublicComment.Handling.choices)
    reply = forms.CharField(label="理由", max_length=500, required=False)


class CheckForm(forms.Form):
    kind = forms.ChoiceField(label="类型", choices=CatalogueCheck.Kind.choices)
    on = forms.DateField(label="日期", widget=DATE)
    content = forms.CharField(label="检查或调整内容", widget=TEXTAREA)
    result = forms.CharField(label="结论及整改", max_length=500, required=False)


# -- 重大行政决策 ----------------------------------------------------------------------------

@dataclass
class DecisionLedger(Ledger):
    def extra_context(self, request, record) -> dict[str, Any]:
        can_write = scope.can(request.user, "records.write", record.unit)
        editable = can_write and record.state in OPEN_STATES
        done = {p.kind: p for p in record.procedures.all()}
        required = {PARTICIPATION: record.participation_required, EXPERT: record.expert_required,
                    RISK: record.risk_required, LEGALITY: True, COLLECTIVE: True}
        procedures = []
        for kind, label in PROCEDURE_LABELS.items():
            existing = done.get(kind)
            form = None
            if editable:
                form = _styled(procedure_form_class(kind)(instance=existing, prefix=kind))
            procedures.append({"kind": kind, "label": label, "record": existing, "required": required[kind],
                               "form": form})
        executing = can_write and record.state in ("decided", "executing", "evaluated")
        return {
            "procedures": procedures,
            "decide_problem": decide_problem(record) if record.state == "awaiting_discussion" else None,
            "comment_open": services.comment_is_open(record),
            "comments": [(c, _styled(HandleForm(initial={"handling": c.handling, "reply": c.reply},
                                                prefix=f"c{c.pk}")) if can_write else None)
                         for c in record.comments.all()],
            "reports": record.reports.all(),
            "evaluations": record.evaluations.all(),
            "report_form": _styled(ReportForm(initial={"reported_on": timezone.localdate(),
                                                       "reporter": record.execution_unit or record.unit.name},
                                              prefix="report")) if executing else None,
            "evaluation_form": _styled(EvaluationForm(prefix="evaluation"))
            if can_write and record.state == "executing" else None,
            "comment_min_days": rules.comment_period_min_days(),
        }


DECISIONS = DecisionLedger(
    model=Decision,
    namespace="decisions:decisions",
    title="重大行政决策台账",
    detail_template="decisions/decision_detail.html",
    form_fields=["file_no", "title", "catalogue_item", "category", "decision_body", "legal_basis", "summary",
                 "participation_required", "participation_exemption", "expert_required", "risk_required",
                 "decision_document", "secret", "published_on", "publication_url", "adoption_summary",
                 "execution_unit", "archive_no"],
    detail_fields=["file_no", "title", "catalogue_item", "category", "decision_body", "legal_basis", "summary",
                   "participation_required", "participation_exemption", "expert_required", "risk_required",
                   "decided_on", "decision_document", "secret", "published_on", "publication_url",
                   "adoption_summary", "execution_unit", "archive_no"],
    list_columns=["year", "file_no", "title", "unit", "category", "decided_on", "published_on", "state"],
    export_columns=["year", "file_no", "title", "unit", "category", "decision_body", "legal_basis",
                    "participation_required", "expert_required", "risk_required", "decided_on",
                    "decision_document", "published_on", "state"],
    search_fields=["file_no", "title", "legal_basis", "decision_document"],
    filter_fields=["category"],
    widgets={"summary": TEXTAREA, "adoption_summary": TEXTAREA},
    date_field="decided_on",
)


@login_required
def procedure_view(request, pk: int, kind: str):
    """Record one of the five statutory procedures with its dates, result and document."""
    def procedure(decision: Decision) -> DecisionProcedure:  # the row of this kind, existing or new
        if kind not in PROCEDURE_FORMS:
            raise Http404
        return decision.procedures.filter(kind=kind).first() or DecisionProcedure(decision=decision, kind=kind)

    return sub_record_action(
        request, DECISIONS, pk, target=procedure,
        form=lambda data, **kwargs: procedure_form_class(kind)(data, **kwargs),
        form_kwargs=lambda row: {"prefix": kind, "instance": row},
        service=lambda row, **data: services.procedure_record(row.decision, kind=kind, **data),
        success=f"已登记“{PROCEDURE_LABELS.get(kind, '')}”。")


@login_required
def report_view(request, pk: int):
    return sub_record_action(request, DECISIONS, pk, form=ReportForm, form_kwargs={"prefix": "report"},
                             service=services.report_record, success="已登记执行情况报告。")


@login_required
def evaluation_view(request, pk: int):
    return sub_record_action(request, DECISIONS, pk, form=EvaluationForm, form_kwargs={"prefix": "evaluation"},
                             service=services.evaluation_record, success="已登记决策后评估。")


@login_required
def comment_handle_view(request, pk: int, comment_pk: int):
    return sub_record_action(
        request, DECISIONS, pk,
        target=lambda decision: get_object_or_404(PublicComment, pk=comment_pk, decision=decision),
        form=HandleForm, form_kwargs=lambda comment: {"prefix": f"c{comment.pk}"},
        service=services.comment_handle, success="已登记意见采纳情况。")


# -- 决策事项目录 ----------------------------------------------------------------------------

@dataclass
class CatalogueLedger(Ledger):
    def extra_context(self, request, record) -> dict[str, Any]:
        can_write = scope.can(request.user, "records.write", record.unit)
        return {
            "items": record.items.select_related("unit").prefetch_related("decisions").order_by("seq", "id"),
            "checks": record.checks.all(),
            "check_form": _styled(CheckForm(initial={"on": timezone.localdate()}, prefix="check"))
            if can_write else None,
        }


CATALOGUES = CatalogueLedger(
    model=DecisionCatalogue,
    namespace="decisions:catalogues",
    title="重大行政决策事项目录",
    detail_template="decisions/catalogue_detail.html",
    unit_label="决策机关",
    form_fields=["title", "party_consent_on", "published_on", "publication_url", "note"],
    list_columns=["year", "title", "unit", "party_consent_on", "published_on", "state"],
    search_fields=["title"],
    widgets={"note": TEXTAREA},
    date_field="published_on",
)


@login_required
def check_view(request, pk: int):
    return sub_record_action(
        request, CATALOGUES, pk, form=CheckForm, form_kwargs={"prefix": "check"},
        service=services.catalogue_check_record,
        success=lambda data, _: f"已登记{dict(CatalogueCheck.Kind.choices)[data['kind']]}。")


ITEMS = Ledger(
    model=CatalogueItem,
    namespace="decisions:items",
    title="决策事项目录事项",
    form_fields=["catalogue", "seq", "name", "category", "legal_basis", "planned_completion", "published_on",
                 "removed_on", "removal_reason"],
    list_columns=["year", "seq", "name", "unit", "category", "planned_completion", "published_on", "state"],
    search_fields=["name", "legal_basis"],
    filter_fields=["category"],
    date_field="planned_completion",
    import_spec=ITEM_IMPORT,
)
