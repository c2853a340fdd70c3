"""涉企行政检查: 待登记 -> 已登记 (检查码 issued) -> 已完成, or 已取消.

登记 checks what must hold before an inspection may happen (two inspectors with certificates
valid on the planned date, not dated before the registration, 无事不扰 cap); its effect stamps
the registration time and issues the 检查码."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from fazhi.core.workflow import Transition, Workflow


def _can_register(inspection) -> str | None:
    problems = list(inspection.inspector_problems())
    if inspection.planned_on < timezone.localdate():
        problems.append("检查日期不能早于登记日期：行政检查应先登记后实施")
    inspection.lock_entity_year()
    if cap := inspection.cap_problem():
        problems.append(cap)
    return "；".join(problems) or None


def _register(inspection, by) -> None:
    # here, not at the top: fazhi.streams.checks.services imports this module, directly or through others (a cycle)
    from fazhi.streams.checks.services import issue_code

    issue_code(inspection)


def _can_finish(inspection) -> str | None:
    if inspection.done_on is None or not inspection.result.strip():
        return "请先填写实施检查日期和检查结果，再登记完成"
    if inspection.registered_at and inspection.done_on < inspection.registered_at.date():
        return "实施检查日期不能早于登记日期"
    if inspection.done_on > timezone.localdate():
        return "实施检查日期不能晚于今天"
    if inspection.kind == "random" and not inspection.draw_ref.strip():
        return "双随机抽查应填写抽查任务编号，再登记完成"
    return None


class CheckState(models.TextChoices):
    DRAFT = "draft", "待登记"
    REGISTERED = "registered", "已登记"
    DONE = "done", "已完成"
    CANCELLED = "cancelled", "已取消"


CHECK_WORKFLOW = Workflow(
    states=CheckState,
    initial=CheckState.DRAFT,
    final=frozenset({CheckState.DONE, CheckState.CANCELLED}),
    transitions=[
        Transition("register", (CheckState.DRAFT,), CheckState.REGISTERED, "登记并生成检查码", guard=_can_register, effect=_register,
                   confirm="确认登记该次检查并生成检查码？登记后检查码即可在公开专栏查询。"),
        Transition("finish", (CheckState.REGISTERED,), CheckState.DONE, "登记完成", guard=_can_finish),
        Transition("cancel", (CheckState.DRAFT, CheckState.REGISTERED), CheckState.CANCELLED, "取消", style="outline-danger",
                   confirm="确认取消该次检查？取消后检查码查询将显示“已取消”。"),
    ],
)
