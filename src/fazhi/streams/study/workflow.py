"""Study sessions: planned -> held -> minutes filed -> closed (spec §2.3), or cancelled."""

from __future__ import annotations

from fazhi.core.workflow import Transition, Workflow


def _needs_held_on(session) -> str | None:
    if session.held_on is None:
        return "请先填写召开日期，再登记召开"
    return None


def _needs_minutes(session) -> str | None:
    if not session.minutes.strip():
        return "请先填写会议纪要要点，再归档"
    return None


STUDY_WORKFLOW = Workflow(
    states={"planned": "计划", "held": "已召开", "filed": "纪要已归档", "closed": "已办结", "cancelled": "已取消"},
    initial="planned",
    final=frozenset({"closed", "cancelled"}),
    transitions=[
        Transition("hold", ("planned",), "held", "登记召开", guard=_needs_held_on),
        Transition("file", ("held",), "filed", "纪要归档", guard=_needs_minutes),
        Transition("close", ("filed",), "closed", "办结", capability="records.approve"),
        Transition("cancel", ("planned",), "cancelled", "取消", style="outline-danger",
                   confirm="确认取消该次学习研究？取消后不计入统计。"),
    ],
)
