"""Pages of the 双随机、一公开 stream: the generic ledger pages of the item list, the two
registers, plans, tasks and results; the draw (commitment, execution, public JSON), re-draw,
inspector replacement, and result entry by the drawn inspectors."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from fazhi.core import scope
from fazhi.core.actions import form_page
from fazhi.core.ledger import submitted_version
from fazhi.core.ledger_forms import style_fields
from fazhi.core.ledger_views import Ledger, _attachment
from fazhi.streams.inspections import services
from fazhi.streams.inspections.importers import (
    ENTITY_IMPORT,
    INSPECTOR_IMPORT,
    ITEM_IMPORT,
    PLAN_IMPORT,
    bulk_import,
)
from fazhi.streams.inspections.models import (
    Draw,
    Entity,
    InspectionItem,
    InspectionPlan,
    InspectionResult,
    InspectionTask,
    Inspector,
    Outcome,
)

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class RegisterLedger(Ledger):
    """A register imported in bulk (tens of thousands of rows)."""

    def import_file(self, upload, *, by):
        return bulk_import(self.import_spec, upload, by=by)


class TaskLedger(Ledger):
    def extra_context(self, request, record) -> dict[str, Any]:
        draw = record.current_draw()
        results = record.results.exclude(state="void").order_by("stratum", "rank") if draw else []
        can_redraw = (draw is not None and draw.executed_at is not None and record.state in services.REDRAW_STATES
                      and scope.can(request.user, "records.approve", record.unit))
        return {"draw": draw, "draws": record.draws.order_by("sequence"), "results": results,
                "can_redraw": can_redraw}

    def delete_view(self, request, pk: int):
        record = self.get_visible(request.user, pk)
        if record.draws.exists():
            messages.error(request, "该任务已有抽取记录，不能删除（抽取记录须永久保存）；可在抽取前取消任务。")
            return redirect(self.url("detail", record.pk))
        return super().delete_view(request, pk)


class ResultLedger(Ledger):
    """Results are created by the draw and entered by the drawn inspectors only."""

    def extra_context(self, request, record) -> dict[str, Any]:
        return {
            "assignments": record.assignments.select_related("inspector").order_by("position", "-active"),
            "replacements": record.replacements.select_related("replaced", "replacement"),
            "may_enter": services.is_assigned(record, request.user) and record.state in ("pending", "entered"),
        }

    def form_view(self, request, pk: int | None = None):
        if pk is None:
            raise PermissionDenied("检查结果由抽取生成，不能手工新增")
        return redirect("inspections:result_enter", pk)

    def delete_view(self, request, pk: int):
        raise PermissionDenied("检查结果不能删除")


ITEMS = Ledger(
    model=InspectionItem,
    namespace="inspections:items",
    title="随机抽查事项清单",
    form_fields=["code", "name", "category", "basis", "content", "method", "entity_type", "ratio", "frequency"],
    list_columns=["code", "name", "unit", "category", "method", "entity_type", "ratio", "frequency", "state"],
    search_fields=["code", "name", "basis"],
    filter_fields=["category", "method"],
    widgets={"basis": TEXTAREA, "content": TEXTAREA},
    import_spec=ITEM_IMPORT,
    unit_label="实施单位",
)

ENTITIES = RegisterLedger(
    model=Entity,
    namespace="inspections:entities",
    title="检查对象名录库",
    form_fields=["name", "credit_code", "entity_type", "industry", "address", "township", "risk_grade"],
    list_columns=["credit_code", "name", "entity_type", "industry", "township", "risk_grade", "unit", "state"],
    search_fields=["name", "credit_code", "industry", "address"],
    filter_fields=["entity_type", "risk_grade", "township"],
    import_spec=ENTITY_IMPORT,
    export_columns=["credit_code", "name", "entity_type", "industry", "address", "township", "risk_grade", "unit",
                    "state"],
    unit_label="监管单位",
)

INSPECTORS = RegisterLedger(
    model=Inspector,
    namespace="inspections:inspectors",
    title="执法检查人员名录库",
    form_fields=["name", "certificate_no", "valid_until", "qualifications", "residence_township", "relations",
                 "account"],
    list_columns=["certificate_no", "name", "unit", "valid_until", "qualifications", "state"],
    search_fields=["certificate_no", "name"],
    widgets={"relations": TEXTAREA},
    import_spec=INSPECTOR_IMPORT,
    export_columns=["certificate_no", "name", "unit", "valid_until", "qualifications", "residence_township", "state"],
    unit_label="所在单位",
)

PLANS = Ledger(
    model=InspectionPlan,
    namespace="inspections:plans",
    title="年度抽查计划",
    form_fields=["title", "joint", "cooperating_units", "filed_on", "note"],
    list_columns=["year", "title", "unit", "joint", "cooperating_units", "filed_on", "state"],
    search_fields=["title", "cooperating_units"],
    filter_fields=["joint"],
    widgets={"note": TEXTAREA},
    import_spec=PLAN_IMPORT,
    unit_label="牵头单位",
)

TASK_FIELDS = ["plan", "item", "title", "entity_types", "industries", "townships", "risk_grades", "ratio", "count",
               "stratify_risk", "stratify_township", "ratio_by_grade", "inspectors_per_entity", "exclusion_days",
               "period_start", "period_end", "witness"]
TASKS = TaskLedger(
    model=InspectionTask,
    namespace="inspections:tasks",
    title="抽查任务",
    form_fields=TASK_FIELDS,
    list_columns=["year", "title", "unit", "item", "period_start", "period_end", "state"],
    search_fields=["title"],
    date_field="period_start",
    detail_template="inspections/task_detail.html",
    unit_label="牵头单位",
)

RESULTS = ResultLedger(
    model=InspectionResult,
    namespace="inspections:results",
    title="抽查检查结果",
    form_fields=[],
    list_columns=["year", "task", "credit_code", "entity_name", "inspected_on", "result", "published_on", "state"],
    search_fields=["credit_code", "entity_name", "findings"],
    filter_fields=["result"],
    date_field="inspected_on",
    detail_fields=["task", "credit_code", "entity_name", "stratum", "rank", "inspectors_display", "inspected_on",
                   "result", "findings", "follow_up", "entered_by_name", "published_on"],
    detail_template="inspections/result_detail.html",
)


# -- draw ------------------------------------------------------------------------------------

def _visible_task(request, pk: int) -> InspectionTask:
    return TASKS.get_visible(request.user, pk)


@login_required
@require_http_methods(["GET", "POST"])
def draw_view(request, pk: int):
    """The draw ceremony: 1. publish the commitment, 2. run the draw and reveal the seed."""
    task = _visible_task(request, pk)
    if request.method == "POST":
        scope.require(request.user, "records.write", task.unit)
        try:
            if request.POST.get("step") == "execute":
                draw = task.current_draw()
                if draw is None:
                    raise ValidationError("请先公示承诺值")
                draw = services.draw_execute(draw, by=request.user)
                messages.success(request, f"已完成抽取并公布随机种子：抽中{len(draw.result['entities'])}户检查对象。")
                return redirect("inspections:draw", draw.pk)
            draw = services.draw_commit(task, by=request.user, witness=request.POST.get("witness", "")[:100])
            messages.success(request, "已公示承诺值。")
            return redirect("inspections:draw", draw.pk)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
            return redirect("inspections:tasks:detail", task.pk)
    return render(request, "inspections/draw_start.html", {"task": task, "draw": task.current_draw(),
                                                           "ledger": TASKS})


def _visible_draw(request, pk: int) -> Draw:
    draw = get_object_or_404(Draw.objects.select_related("task__unit", "task__item", "previous"), pk=pk)
    if not scope.can(request.user, "records.read", draw.task.unit):
        raise PermissionDenied(scope.DENIED_MESSAGE)
    return draw


@login_required
@require_GET
def draw_detail(request, pk: int):
    draw = _visible_draw(request, pk)
    results = {r.credit_code: r for r in draw.results.all()}
    rows = []
    for row in (draw.result or {}).get("final", []):
        rows.append((results.get(row["code"]), row))
    return render(request, "inspections/draw_detail.html", {
        "draw": draw, "task": draw.task, "rows": rows, "ledger": TASKS,
        "replacements": draw.replacements.select_related("result", "replaced", "replacement"),
        "json_url": request.build_absolute_uri(f"/s/inspections/draws/{draw.pk}/public.json"),
    })


@require_GET
def draw_public_json(request, pk: int):
    """Anyone may download a draw's public JSON and check it with verify.py (no sign-in)."""
    draw = get_object_or_404(Draw.objects.select_related("task__unit", "task__item", "previous"), pk=pk)
    if draw.task.plan.state == "draft" and not scope.can(request.user, "records.read", draw.task.unit):
        raise Http404
    response = JsonResponse(services.public_json(draw), json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = _attachment(f"抽取结果-{draw.task.pk}-{draw.sequence}.json")
    return response


class ReasonForm(forms.Form):
    reason = forms.CharField(label="理由", max_length=500, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style_fields(self.fields)


@login_required
@require_http_methods(["GET", "POST"])
def redraw_view(request, pk: int):
    task = _visible_task(request, pk)
    scope.require(request.user, "records.approve", task.unit)
    return form_page(
        request, ReasonForm(request.POST or None),
        action=lambda data: services.redraw(task, by=request.user, reason=data["reason"]),
        success=lambda _, draw: f"已批准重新抽取，第{draw.sequence}次抽取的承诺值已公示。",
        done=lambda draw: reverse("inspections:draw", args=[draw.pk]),
        template="inspections/reason_form.html", context={
            "task": task, "title": "批准重新抽取", "button": "确认重新抽取",
            "help": "重新抽取将生成新的抽取记录并与原记录关联，原抽取记录及其结果保留并标记作废。批准人记为您本人。",
            "cancel": TASKS.url("detail", task.pk),
        })


class ReplaceForm(ReasonForm):
    inspector = forms.ModelChoiceField(label="被替换的执法检查人员", queryset=Inspector.objects.none())

    field_order = ["inspector", "reason"]


@login_required
@require_http_methods(["GET", "POST"])
def replace_view(request, pk: int):
    result = RESULTS.get_visible(request.user, pk)
    scope.require(request.user, "records.write", result.unit)
    form = ReplaceForm(request.POST or None)
    form.fields["inspector"].queryset = Inspector.objects.filter(assignments__result=result,
                                                                 assignments__active=True)
    form.fields["inspector"].label_from_instance = lambda i: f"{i.name}（{i.certificate_no}）"
    return form_page(
        request, form,
        action=lambda data: services.replace_inspector(result, data["inspector"], by=request.user,
                                                       reason=data["reason"]),
        success=lambda _, new: f"已按抽取规则替换，替换人员执法证号{new.certificate_no}。",
        done=RESULTS.url("detail", result.pk),
        template="inspections/reason_form.html", context={
            "task": result.task, "title": f"替换执法检查人员：{result.entity_name}", "button": "确认替换",
            "help": "替换人员由系统按同一抽取规则（随机种子与替换次序）自动抽取，替换及理由记入抽取记录并公开。",
            "cancel": RESULTS.url("detail", result.pk),
        })


class EntryForm(forms.Form):
    inspected_on = forms.DateField(label="检查日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    result = forms.ChoiceField(label="检查结果", choices=[("", "请选择"), *Outcome.choices])
    findings = forms.CharField(label="发现的问题", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    follow_up = forms.CharField(label="后续处置", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style_fields(self.fields)


@login_required
@require_http_methods(["GET", "POST"])
def result_enter_view(request, pk: int):
    """谁检查、谁录入: the page only opens for an inspector assigned to the entity."""
    result = get_object_or_404(InspectionResult.objects.select_related("task", "unit"), pk=pk)
    if not services.is_assigned(result, request.user):
        raise PermissionDenied(services.NOT_ASSIGNED)
    initial = {"inspected_on": result.inspected_on, "result": result.result, "findings": result.findings,
               "follow_up": result.follow_up}
    return form_page(
        request, EntryForm(request.POST or None, initial=initial),
        action=lambda data: services.result_enter(
            result, by=request.user, inspected_on=data["inspected_on"], outcome=data["result"],
            findings=data["findings"], follow_up=data["follow_up"],
            expected_version=submitted_version(request.POST.get("version"))),
        success="已录入检查结果。", done=reverse("inspections:my_results"),
        template="inspections/result_enter.html", context={"result": result})


@login_required
@require_GET
def my_results(request):
    """The entities a signed-in inspector was drawn for."""
    rows = (InspectionResult.objects.filter(assignments__active=True,
                                            assignments__inspector__account=request.user.get_username())
            .exclude(state="void").select_related("task").distinct().order_by("-year", "state", "task", "rank"))
    return render(request, "inspections/my_results.html", {"rows": rows})



@login_required
def home(request):
    return redirect(TASKS.url("list"))
