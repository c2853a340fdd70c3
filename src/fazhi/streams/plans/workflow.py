"""Plans and their tasks (spec §8.3, §16 [D]).

Plan: 实施中 -> 已完结 (when every task is done). Task: 未开始 -> 推进中 -> 已完成, the last step
only with a final progress report (100%). 已逾期 is not a state: it is computed from the
deadline (a task not done after its deadline), and shown on lists through the deadline.
"""

from __future__ import annotations

from django.db import models

from fazhi.core.workflow import Transition, Workflow


def _all_tasks_done(plan) -> str | None:
    open_tasks = plan.tasks.exclude(state="done").count()
    if open_tasks:
        return f"尚有{open_tasks}项任务未完成，不能完结该计划"
    if not plan.tasks.exists():
        return "该计划尚未分解任务，不能完结"
    return None


def _final_report(task) -> str | None:
    last = task.last_report
    if last is None or last.percent < 100:
        return "请先填报完成进度为100%的最终进展情况，再确认完成"
    return None


def _task_completed(task, by) -> None:
    # here, not at the top: fazhi.streams.plans.services imports this module, directly or through others (a cycle)
    from fazhi.streams.plans.services import task_completed

    task_completed(task)


class PlanState(models.TextChoices):
    ACTIVE = "active", "实施中"
    CLOSED = "closed", "已完结"


PLAN_WORKFLOW = Workflow(
    states=PlanState,
    initial=PlanState.ACTIVE,
    final=frozenset({PlanState.CLOSED}),
    transitions=[
        Transition("close", (PlanState.ACTIVE,), PlanState.CLOSED, "完结计划", guard=_all_tasks_done, capability="records.approve",
                   confirm="确认完结该计划？完结后各项任务不再填报进展。"),
    ],
)

class TaskState(models.TextChoices):
    NOT_STARTED = "not_started", "未开始"
    IN_PROGRESS = "in_progress", "推进中"
    DONE = "done", "已完成"


TASK_WORKFLOW = Workflow(
    states=TaskState,
    initial=TaskState.NOT_STARTED,
    final=frozenset({TaskState.DONE}),
    transitions=[
        Transition("start", (TaskState.NOT_STARTED,), TaskState.IN_PROGRESS, "开始推进"),
        Transition("complete", (TaskState.NOT_STARTED, TaskState.IN_PROGRESS), TaskState.DONE, "确认完成", guard=_final_report,
                   effect=_task_completed, style="success",
                   confirm="确认该任务已完成？完成日期取最终进展的填报日期。"),
    ],
)
