"""States of the 双随机、一公开 ledgers (spec §6.3).

A task goes planned -> drawn -> notified -> inspecting -> results entered -> published -> closed.
The draw itself is made by ``services.draw_execute`` (commitment, seed, selection); the
``draw`` transition refuses unless that service has recorded an executed draw, so the generic
confirmation page cannot skip the commitment. Results are entered only by the assigned
inspectors (``services.result_enter``) and then published (谁检查、谁录入、谁公开).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from fazhi.core.workflow import Transition, Workflow, transition


def _register(states: type[models.TextChoices], leave: str, confirm: str) -> Workflow:
    active, inactive = states.values
    return Workflow(
        states=states, initial=active, final=frozenset({inactive}),
        transitions=[
            Transition("retire", (active,), inactive, leave, style="outline-danger", confirm=confirm),
            Transition("restore", (inactive,), active, "恢复", style="outline-secondary"),
        ],
    )


class ItemState(models.TextChoices):
    ACTIVE = "active", "在用"
    RETIRED = "retired", "已停用"


class RosterState(models.TextChoices):
    """A 名录库 entry (检查对象, 执法检查人员)."""

    ACTIVE = "active", "在库"
    REMOVED = "removed", "已移出"


ITEM_WORKFLOW = _register(ItemState, "停用", "确认停用该抽查事项？停用后不能再据此制定抽查任务。")
ENTITY_WORKFLOW = _register(RosterState, "移出名录库",
                            "确认将该检查对象移出名录库？移出后不再参与抽取。")
INSPECTOR_WORKFLOW = _register(RosterState, "移出名录库",
                               "确认将该执法检查人员移出名录库？移出后不再参与抽取。")


def _plan_has_tasks(plan) -> str | None:
    if not plan.tasks.exists():
        return "抽查计划中还没有抽查任务，请先添加任务"
    return None


class PlanState(models.TextChoices):
    DRAFT = "draft", "编制中"
    APPROVED = "approved", "已批准"
    CLOSED = "closed", "已完成"


PLAN_WORKFLOW = Workflow(
    states=PlanState,
    initial=PlanState.DRAFT,
    final=frozenset({PlanState.CLOSED}),
    transitions=[
        Transition("approve", (PlanState.DRAFT,), PlanState.APPROVED, "批准计划", capability="records.approve", guard=_plan_has_tasks,
                   confirm="确认批准该年度抽查计划？批准后按计划组织抽取。"),
        Transition("close", (PlanState.APPROVED,), PlanState.CLOSED, "计划完成", capability="records.approve"),
    ],
)


def _drawn_by_service(task) -> str | None:
    draw = task.current_draw()
    if draw is None or not draw.executed_at:
        return "请在“摇号抽取”页面先公示承诺值再执行抽取"
    return None


def _plan_approved(task) -> str | None:
    if task.plan.state != "approved":
        return "所属抽查计划尚未批准"
    return None


def _all_entered(task) -> str | None:
    pending = task.results.filter(state="pending").count()
    if pending:
        return f"还有{pending}户检查对象未录入检查结果"
    return None


def publish_entered(task, by) -> int:
    """Publish every entered result of ``task`` (each through its own ``publish`` step)."""
    count = 0
    for result in task.results.filter(state="entered"):
        transition(result, "publish", by=by, note="随任务一并公示")
        count += 1
    return count


def _publish_results(task, by) -> None:
    publish_entered(task, by)


class TaskState(models.TextChoices):
    PLANNED = "planned", "待抽取"
    DRAWN = "drawn", "已抽取"
    NOTIFIED = "notified", "已通知"
    INSPECTING = "inspecting", "检查中"
    RESULTS_ENTERED = "results_entered", "结果已录入"
    PUBLISHED = "published", "结果已公示"
    CLOSED = "closed", "已办结"
    CANCELLED = "cancelled", "已取消"


TASK_WORKFLOW = Workflow(
    states=TaskState,
    initial=TaskState.PLANNED,
    final=frozenset({TaskState.CLOSED, TaskState.CANCELLED}),
    transitions=[
        Transition("draw", (TaskState.PLANNED,), TaskState.DRAWN, "登记抽取完成", guard=_drawn_by_service),
        Transition("notify", (TaskState.DRAWN,), TaskState.NOTIFIED, "通知检查人员", guard=_plan_approved),
        Transition("start", (TaskState.NOTIFIED,), TaskState.INSPECTING, "开始检查"),
        Transition("finish", (TaskState.INSPECTING,), TaskState.RESULTS_ENTERED, "检查结束", guard=_all_entered,
                   confirm="确认全部检查对象的结果均已录入？"),
        Transition("publish", (TaskState.RESULTS_ENTERED,), TaskState.PUBLISHED, "公示结果", effect=_publish_results,
                   confirm="确认公示本任务全部已录入的检查结果？公示后将在门户网站执法公示专栏展示（个人信息已脱敏）。"),
        Transition("close", (TaskState.PUBLISHED,), TaskState.CLOSED, "办结", capability="records.approve"),
        Transition("cancel", (TaskState.PLANNED,), TaskState.CANCELLED, "取消", style="outline-danger",
                   confirm="确认取消该抽查任务？"),
    ],
)


def _result_filled(result) -> str | None:
    if not result.result or result.inspected_on is None:
        return "请由派出的执法检查人员在“录入结果”页面填写检查日期和检查结果"
    return None


def _publish_one(result, by) -> None:
    """The publication date; it meets the declared publication period (models.InspectionResult.tracked)."""
    result.published_on = timezone.localdate()
    result.save(update_fields=["published_on"])


class ResultState(models.TextChoices):
    PENDING = "pending", "待检查"
    ENTERED = "entered", "结果已录入"
    PUBLISHED = "published", "已公示"
    VOID = "void", "已作废（重新抽取）"


RESULT_WORKFLOW = Workflow(
    states=ResultState,
    initial=ResultState.PENDING,
    final=frozenset({ResultState.PUBLISHED, ResultState.VOID}),
    transitions=[
        Transition("enter", (ResultState.PENDING,), ResultState.ENTERED, "录入结果", guard=_result_filled),
        Transition("publish", (ResultState.ENTERED,), ResultState.PUBLISHED, "公示", effect=_publish_one,
                   confirm="确认公示该检查结果？公示内容中的个人信息将脱敏。"),
    ],
)
