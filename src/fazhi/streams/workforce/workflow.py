"""Workforce register: 在册 -> 已离任 (spec §12 [D]); a person or team leaves with an end date."""

from __future__ import annotations

from django.db import models

from fazhi.core.workflow import Transition, Workflow


def _needs_end_date(member) -> str | None:
    if member.ended_on is None:
        return "请先在编辑页填写离任（解聘）日期，再办理离任"
    return None


def _needs_no_end_date(member) -> str | None:
    if member.ended_on is not None:
        return "请先清除离任（解聘）日期，再恢复在册"
    return None


class WorkforceState(models.TextChoices):
    ACTIVE = "active", "在册"
    LEFT = "left", "已离任"


WORKFORCE_WORKFLOW = Workflow(
    states=WorkforceState,
    initial=WorkforceState.ACTIVE,
    final=frozenset({WorkforceState.LEFT}),
    transitions=[
        Transition("leave", (WorkforceState.ACTIVE,), WorkforceState.LEFT, "办理离任", guard=_needs_end_date, style="outline-danger",
                   confirm="确认办理离任？离任后自离任日期次日起不再计入在册人数。"),
        Transition("reinstate", (WorkforceState.LEFT,), WorkforceState.ACTIVE, "恢复在册", guard=_needs_no_end_date,
                   capability="records.approve", style="outline-secondary"),
    ],
)
