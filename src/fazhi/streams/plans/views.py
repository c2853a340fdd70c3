"""Pages of the plans stream: the plan ledger (with its tasks), the task ledger (with its
progress reports and 督办 records), and two small actions the generic pages cannot express:
reporting progress on a task and supervising (督办) a late task."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Min, Subquery
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from fazhi.core import scope
from fazhi.core.actions import form_page, sub_record_action
from fazhi.core.ledger_forms import open_deadlines, style_fields
from fazhi.core.ledger_views import Ledger
from fazhi.core.models import Unit
from fazhi.streams.plans import services
from fazhi.streams.plans.importers import PLAN_IMPORT, TASK_IMPORT
from fazhi.streams.plans.models import Plan, Task

TEXTAREA = forms.Textarea(attrs={"rows": 3})
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


# -- 计划 ------------------------------------------------------------------------------------

@dataclass
class PlanLedger(Ledger):
    """Plans are work documents every unit works to: any staff member who may read records
    sees every plan (its tasks stay visible only to their lead unit's readers); changing a
    plan still needs write access to the issuing unit."""

    def visible(self, user):
        if not scope.has_capability(user, "records.read"):
            return self.model.objects.none()
        next_due = open_deadlines(self.model).values("object_id").annotate(m=Min("due")).values("m")
        return (self.model.objects.select_related("unit").annotate(next_due=Subquery(next_due[:1]))
                .order_by("-year", "-id"))

    def get_visible(self, user, pk: int):
        record = get_object_or_404(self.model.objects.select_related("unit"), pk=pk)
        if not scope.has_capability(user, "records.read"):
            raise PermissionDenied(scope.DENIED_MESSAGE)
        return record

    def extra_context(self, request, record) -> dict[str, Any]:
        tasks = scope.filter_records(record.tasks.select_related("unit"), request.user).order_by("number", "id")
        can_add = record.state != "closed" and scope.has_capability(request.user, "records.write")
        return {"tasks": tasks, "hidden_tasks": record.tasks.count() - tasks.count(), "can_add_task": can_add}

    def delete_view(self, request, pk: int):
        record = self.get_visible(request.user, pk)
        if record.tasks.exists():
            messages.error(request, "该计划已分解任务，请先删除其任务，再删除计划。")
            return redirect(self.url("detail", record.pk))
        return super().delete_view(request, pk)


PLANS = PlanLedger(
    model=Plan,
    namespace="plans:plans",
    title="计划与专项行动",
    detail_template="plans/plan_detail.html",
    form_fields=["kind", "title", "doc_number", "issued_on", "summary"],
    list_columns=["year", "kind", "title", "doc_number", "unit", "issued_on", "state"],
    search_fields=["title", "doc_number", "summary"],
    filter_fields=["kind"],
    widgets={"summary": TEXTAREA},
    date_field="issued_on",
    import_spec=PLAN_IMPORT,
    unit_label="印发单位",
)


# -- 任务 ------------------------------------------------------------------------------------

class ReportForm(forms.Form):
    reported_on = forms.DateField(label="填报日期", widget=DATE_INPUT)
    percent = forms.IntegerField(label="完成进度（%）", min_value=0, max_value=100)
    text = forms.CharField(label="进展情况", widget=TEXTAREA)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style_fields(self.fields)


class SuperviseForm(forms.Form):
    supervised_on = forms.DateField(label="督办日期", widget=DATE_INPUT)
    supervisor = forms.CharField(label="督办人/督办单位", max_length=60)
    required_by = forms.DateField(label="限期完成日期", widget=DATE_INPUT)
    opinion = forms.CharField(label="督办意见", required=False, widget=TEXTAREA)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style_fields(self.fields)


class TaskAddForm(forms.ModelForm):
    """A new task of a given plan: the plan is fixed by the page it is added from."""

    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label="牵头单位", empty_label="请选择单位")

    class Meta:
        model = Task
        fields = ["unit", "number", "content", "measures", "cooperating_units", "deadline"]
        widgets = {"content": TEXTAREA, "measures": TEXTAREA, "deadline": DATE_INPUT,
                   "cooperating_units": forms.SelectMultiple(attrs={"size": 6})}

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = scope.units_for(user, "records.write")
        style_fields(self.fields)


@dataclass
class TaskLedger(Ledger):
    def form_view(self, request, pk: int | None = None):
        """Editing is the generic form (the plan stays fixed); a new task is added from its
        plan's page, so the generic "新增" leads there."""
        if pk is None:
            scope.require(request.user, "records.write")
            plan = request.GET.get("plan", "")
            if plan.isdigit():
                return redirect(PLANS.url("add_task", int(plan)))
            messages.info(request, "请先打开任务所属的计划，在计划页面“新增任务”。")
            return redirect(PLANS.url("list"))
        return super().form_view(request, pk)

    def display(self, record, name: str, masked: bool = False) -> Any:
        if name == "cooperating_units":
            return record.cooperating_names
        return super().display(record, name, masked)

    def detail_names(self, record) -> list[str]:
        names = super().detail_names(record)
        return names + ["completed_on"] if record.completed_on else names

    def extra_context(self, request, record) -> dict[str, Any]:
        today = timezone.localdate()
        open_ = record.state != "done" and record.plan.state != "closed"
        can_report = open_ and scope.can(request.user, "records.write", record.unit)
        can_supervise = open_ and record.overdue(today) and services.can_supervise(request.user, record)
        return {
            "reports": record.reports.all(),
            "supervisions": record.supervisions.all(),
            "can_report": can_report,
            "report_form": ReportForm(initial={"reported_on": today, "percent": record.percent},
                                      auto_id="id_report_%s"),
            "can_supervise": can_supervise,
            "supervise_form": SuperviseForm(initial={"supervised_on": today, "supervisor": str(request.user)},
                                            auto_id="id_supervise_%s"),
            "overdue": record.overdue(today),
        }


TASKS = TaskLedger(
    model=Task,
    namespace="plans:tasks",
    title="计划任务台账",
    detail_template="plans/task_detail.html",
    form_fields=["number", "content", "measures", "cooperating_units", "deadline"],
    detail_fields=["plan", "number", "content", "measures", "cooperating_units", "deadline"],
    list_columns=["year", "plan", "number", "content", "unit", "deadline", "state"],
    export_columns=["year", "plan", "number", "content", "unit", "cooperating_units", "deadline", "completed_on",
                    "state"],
    search_fields=["content", "number", "measures", "plan__title"],
    filter_fields=["plan"],
    widgets={"content": TEXTAREA, "measures": TEXTAREA,
             "cooperating_units": forms.SelectMultiple(attrs={"size": 6})},
    date_field="deadline",
    import_spec=TASK_IMPORT,
    unit_label="牵头单位",
)


@login_required
def report_view(request, pk: int):
    """填报进展 on a task (lead unit staff)."""
    return sub_record_action(
        request, TASKS, pk, form=ReportForm, form_kwargs={"auto_id": "id_report_%s"},
        service=lambda task, *, by, reported_on, percent, text: services.progress_report(
            task, by=by, on=reported_on, percent=percent, text=text),
        success=lambda data, _: f"已填报进展（{data['percent']}%）。")


@login_required
def supervise_view(request, pk: int):
    """督办 a late task (coordinating office)."""
    return sub_record_action(
        request, TASKS, pk, capability=services.SUPERVISE_CAPABILITY, denied="只有法治办统筹人员可以督办任务",
        form=SuperviseForm, form_kwargs={"auto_id": "id_supervise_%s"},
        service=lambda task, *, by, supervised_on, **data: services.supervise(task, by=by, on=supervised_on, **data),
        success=lambda data, _: f"已督办，限{data['required_by']:%Y-%m-%d}前完成。")


@login_required
@require_http_methods(["GET", "POST"])
def add_task_view(request, pk: int):
    """新增任务 of a plan: the lead unit is one the user may write for."""
    plan = PLANS.get_visible(request.user, pk)
    scope.require(request.user, "records.write")
    if plan.state == "closed":
        messages.error(request, "该计划已完结，不能再新增任务。")
        return redirect(PLANS.url("detail", plan.pk))
    return form_page(
        request, TaskAddForm(request.POST or None, user=request.user),
        action=lambda data: services.task_add(plan, by=request.user, **data),
        success="已登记。", done=lambda task: TASKS.url("detail", task.pk),
        template="plans/task_add.html", context={"ledger": TASKS, "plan": plan})



def plan_urls() -> list:
    return [*PLANS.urls(), path("<int:pk>/add-task/", add_task_view, name="add_task")]


def task_urls() -> list:
    return [*TASKS.urls(), path("<int:pk>/report/", report_view, name="report"),
            path("<int:pk>/supervise/", supervise_view, name="supervise")]
