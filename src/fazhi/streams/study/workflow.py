"""Study sessions: planned -> held -> minutes filed -> closed (spec §2.3), or cancelled."""

from __future__ import annotations

from django.db import models

from fazhi.core.workflow import Transition, Workflow


def _needs_held_on(session) -> str | None:
    if session.held_on is None:
        return "请先填写召开日期，再登记召开"
    return None


def _needs_minutes(session) -> str | None:
    if not session.minutes.strip():
        return "请先填写会议纪要要点，再归档"
    return None


class StudyState(models.TextChoices):
    PLANNED = "planned", "计划"
    HELD = "held", "已召开"
    FILED = "filed", "纪要已归档"
    CLOSED = "closed", "已办结"
    CANCELLED = "cancelled", "已取消"


STUDY_WORKFLOW = Workflow(
    states=StudyState,
    initial=StudyState.PLANNED,
    final=frozenset({StudyState.CLOSED, StudyState.CANCELLED}),
    transitions=[
        Transition("hold", (StudyState.PLANNED,), StudyState.HELD, "登记召开", guard=_needs_held_on),
        Transition("file", (StudyState.HELD,), StudyState.FILED, "纪要归档", guard=_needs_minutes),
        Transition("close", (StudyState.FILED,), StudyState.CLOSED, "办结", capability="records.approve"),
        Transition("cancel", (StudyState.PLANNED,), StudyState.CANCELLED, "取消", style="outline-danger",
                   confirm="确认取消该次学习研究？取消后不计入统计。"),
    ],
)
