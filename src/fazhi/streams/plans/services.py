"""Business rules of plans and tasks beyond a generic save: cooperating units, deadlines,
progress reports, completion and supervision (督办)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from fazhi.core import audit, scope, workflow
from fazhi.core.checklist import Step
from fazhi.core.deadlines import sync as sync_deadlines
from fazhi.core.ledger import record_create
from fazhi.streams.plans.models import Plan, ProgressReport, Supervision, Task

SUPERVISE_CAPABILITY = "reports.manage"


def can_supervise(user, task: Task) -> bool:
    """督办 is the coordinating office's act (法治办统筹人员, capability ``reports.manage``),
    not the lead unit's own: a unit does not supervise itself."""
    return scope.can(user, SUPERVISE_CAPABILITY, task.unit)


def save_cooperators(task: Task, *, by, created: bool) -> None:
    units = getattr(task, "_cooperators", None)
    task._pending_cooperators = None
    task._cooperators = None
    if units is None:
        return
    before = set(task.cooperating_units.values_list("pk", flat=True))
    if before == {u.pk for u in units}:
        return
    task.cooperating_units.set(units)
    if not created:
        audit.record(action=audit.Action.UPDATE, actor=by, obj=task, before={"cooperating_units": sorted(before)},
                     after={"cooperating_units": sorted(u.pk for u in units)},
                     note=f"协办单位：{'、'.join(u.short_name or u.name for u in units) or '无'}")


def task_add(plan: Plan, *, by, unit, **fields: Any) -> Task:
    """A new task of ``plan`` led by ``unit`` (the task's year is the plan's)."""
    if plan.state == "closed":
        raise ValidationError("该计划已完结，不能再新增任务")
    return record_create(Task, by=by, unit=unit, plan=plan, year=plan.year, **fields)


def task_completed(task: Task) -> None:
    """Effect of 确认完成: the completion date is the final report's date."""
    task.completed_on = task.last_report.reported_on
    type(task).objects.filter(pk=task.pk).update(completed_on=task.completed_on)


def _require_open(task: Task) -> None:
    if task.state == "done":
        raise ValidationError("该任务已完成")
    if task.plan.state == "closed":
        raise ValidationError("所属计划已完结")


def progress_report(task: Task, *, by, on: date, percent: int, text: str) -> ProgressReport:
    """Record a dated progress report; the first report moves a task 未开始 -> 推进中."""
    scope.require(by, "records.write", task.unit)
    _require_open(task)
    errors: dict[str, str] = {}
    last = task.last_report
    if on > timezone.localdate():
        errors["reported_on"] = "填报日期不能晚于今天"
    elif last and on < last.reported_on:
        errors["reported_on"] = f"填报日期不能早于上次填报日期（{last.reported_on:%Y-%m-%d}）"
    if not 0 <= percent <= 100:
        errors["percent"] = "完成进度应在0至100之间"
    elif last and percent < last.percent:
        errors["percent"] = f"完成进度不能低于上次填报的{last.percent}%"
    if not text.strip():
        errors["text"] = "请填写进展情况"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        report = ProgressReport.objects.create(task=task, reported_on=on, percent=percent, text=text.strip(),
                                               recorded_by=by)
        audit.record(action=audit.Action.UPDATE, actor=by, obj=task, after={"progress": percent},
                     note=f"填报进展（{on:%Y-%m-%d}，{percent}%）")
        if task.state == "not_started":
            workflow.transition(task, "start", by=by, note="填报进展")
    return report


def supervise(task: Task, *, by, on: date, supervisor: str, required_by: date, opinion: str = "") -> Supervision:
    """督办 a late task: only the coordinating office, only after the deadline has passed."""
    if not can_supervise(by, task):
        raise PermissionDenied("只有法治办统筹人员可以督办任务")
    _require_open(task)
    errors: dict[str, str] = {}
    if on > timezone.localdate():
        errors["supervised_on"] = "督办日期不能晚于今天"
    elif on <= task.deadline:
        errors["supervised_on"] = f"任务尚未逾期（完成时限{task.deadline:%Y-%m-%d}），无需督办"
    if required_by < on:
        errors["required_by"] = "限期完成日期不能早于督办日期"
    if not supervisor.strip():
        errors["supervisor"] = "请填写督办人或督办单位"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        record = Supervision.objects.create(task=task, supervised_on=on, supervisor=supervisor.strip()[:60],
                                            required_by=required_by, opinion=opinion.strip(), recorded_by=by)
        audit.record(action=audit.Action.UPDATE, actor=by, obj=task,
                     after={"supervised_on": on, "required_by": required_by},
                     note=f"督办（{supervisor.strip()}，限{required_by:%Y-%m-%d}前完成）")
        sync_deadlines(task)
    return record


def checklist(county, year: int) -> list:
    """First-run step (core.checklist): the county's plans of the year are in."""
    plans = Plan.objects.filter(unit__path__startswith=county.path, year=year)
    count = plans.count()
    return [Step(f"录入{year}年度法治政府建设工作计划", count > 0,
                 f"已录入{count}项计划，{Task.objects.filter(plan__in=plans).count()}项任务" if count else "尚未录入",
                 reverse("plans:plans:list"))]
