"""Workflows of the mediation ledgers (spec §14.3).

A case: 已受理（调解登记） -> 调解中 -> 达成协议 | 调解不成功 | 终止调解 -> [司法确认中] -> 回访履行 -> 结案.
The spec's APPLIED / INITIATED states are the case's source (申请 / 主动调解 / 委托移送) at
registration; MEDIATOR_ASSIGNED and MEDIATING are one step ("开始调解" needs a mediator).
A party who refuses mediation ends the case as 不予调解 (人民调解法 第十七条).
"""

from __future__ import annotations

from django.db import models

from fazhi.core.workflow import Transition, Workflow
from fazhi.streams.mediation import rules

SETTLED_STATES = ("agreed", "confirming", "follow_up")
CONCLUDED_STATES = ("agreed", "confirming", "follow_up", "failed", "terminated", "closed")


# -- guards -----------------------------------------------------------------------------

def _needs_mediator(case) -> str | None:
    if not case.mediator.strip():
        return "请先填写调解员，再开始调解"
    return None


def _needs_agreement(case) -> str | None:
    """An agreement is written or oral (人民调解法 第二十八条); a written one is dated (第二十九条)."""
    if not case.agreement_form:
        return "请先填写协议形式（书面协议或口头协议），再登记达成协议"
    if case.agreement_form == "written" and case.agreement_date is None:
        return "书面调解协议须填写协议签订日期"
    if case.concluded_on is None:
        return "请先填写调结日期，再登记达成协议"
    return None


def _needs_concluded_on(case) -> str | None:
    if case.concluded_on is None:
        return "请先填写调结日期（调解结束之日），再办理该环节"
    return None


def _needs_written_agreement(case) -> str | None:
    """Judicial confirmation of a written agreement, applied for within 30 days (人民调解法 第三十三条)."""
    if case.agreement_form != "written" or case.agreement_date is None:
        return "只有书面调解协议才能申请司法确认"
    if case.confirmation_applied_on is None:
        return "请先填写申请司法确认日期"
    due = rules.confirmation_due(case.agreement_date)
    if case.confirmation_applied_on > due:
        return f"申请日期已超过申请司法确认的三十日期限（{due:%Y-%m-%d}，人民调解法第三十三条）"
    return None


def _needs_follow_up(case) -> str | None:
    if case.state == "confirming" and not case.confirmation_result:
        return "请先登记人民法院的司法确认结果，再登记回访"
    if case.follow_up_on is None or not case.performance:
        return "请先填写回访日期和履行情况，再登记回访"
    return None


# -- effects ----------------------------------------------------------------------------

def _conclude(result: str):
    def effect(case, by) -> None:
        case.result = result
        case.over_term = rules.is_over_term(case)
        case.save(update_fields=["result", "over_term"])

    return effect


class CaseState(models.TextChoices):
    ACCEPTED = "accepted", "已受理"
    MEDIATING = "mediating", "调解中"
    AGREED = "agreed", "达成协议"
    FAILED = "failed", "调解不成功"
    TERMINATED = "terminated", "终止调解"
    DECLINED = "declined", "不予调解"
    CONFIRMING = "confirming", "司法确认中"
    FOLLOW_UP = "follow_up", "回访履行"
    CLOSED = "closed", "已结案"


CASE_WORKFLOW = Workflow(
    states=CaseState,
    initial=CaseState.ACCEPTED,
    final=frozenset({CaseState.CLOSED, CaseState.DECLINED}),
    transitions=[
        Transition("start", (CaseState.ACCEPTED,), CaseState.MEDIATING, "开始调解", guard=_needs_mediator),
        Transition("settle", (CaseState.MEDIATING,), CaseState.AGREED, "达成协议", guard=_needs_agreement,
                   effect=_conclude("success")),
        Transition("fail", (CaseState.MEDIATING,), CaseState.FAILED, "调解不成功", guard=_needs_concluded_on,
                   effect=_conclude("failed"), style="outline-secondary",
                   confirm="调解不成功的，应当终止调解，并告知当事人可以依法通过仲裁、行政、司法等途径维护自己的权利"
                           "（人民调解法第二十六条）。确认登记调解不成功？"),
        Transition("terminate", (CaseState.ACCEPTED, CaseState.MEDIATING), CaseState.TERMINATED, "终止调解", guard=_needs_concluded_on,
                   effect=_conclude("terminated"), style="outline-secondary",
                   confirm="确认终止调解？（如当事人撤回申请或不愿继续调解）"),
        Transition("decline", (CaseState.ACCEPTED,), CaseState.DECLINED, "不予调解", style="outline-danger",
                   confirm="当事人一方明确拒绝调解的，不得调解（人民调解法第十七条）。确认不予调解？不予调解的纠纷不计入调解统计。"),
        Transition("apply_confirmation", (CaseState.AGREED,), CaseState.CONFIRMING, "申请司法确认", guard=_needs_written_agreement,
                   style="outline-primary"),
        Transition("visit", (CaseState.AGREED, CaseState.CONFIRMING), CaseState.FOLLOW_UP, "登记回访", guard=_needs_follow_up),
        Transition("close", (CaseState.FOLLOW_UP, CaseState.FAILED, CaseState.TERMINATED), CaseState.CLOSED, "结案",
                   confirm="确认结案？结案后调解卷宗归档（人民调解法第二十七条）。"),
    ],
)

class CommitteeState(models.TextChoices):
    ACTIVE = "active", "在册"
    DISSOLVED = "dissolved", "已撤销"


COMMITTEE_WORKFLOW = Workflow(
    states=CommitteeState,
    initial=CommitteeState.ACTIVE,
    final=frozenset({CommitteeState.DISSOLVED}),
    transitions=[
        Transition("dissolve", (CommitteeState.ACTIVE,), CommitteeState.DISSOLVED, "撤销", style="outline-danger",
                   confirm="确认撤销该人民调解委员会？"),
        Transition("restore", (CommitteeState.DISSOLVED,), CommitteeState.ACTIVE, "恢复在册", style="outline-secondary"),
    ],
)

class MediatorState(models.TextChoices):
    ACTIVE = "active", "在册"
    LEFT = "left", "已离任"


MEDIATOR_WORKFLOW = Workflow(
    states=MediatorState,
    initial=MediatorState.ACTIVE,
    final=frozenset({MediatorState.LEFT}),
    transitions=[
        Transition("leave", (MediatorState.ACTIVE,), MediatorState.LEFT, "登记离任", style="outline-danger",
                   confirm="确认该人民调解员离任？"),
        Transition("restore", (MediatorState.LEFT,), MediatorState.ACTIVE, "恢复在册", style="outline-secondary"),
    ],
)


def _needs_held(training) -> str | None:
    if training.held_on is None or not training.participants:
        return "请先填写培训日期和参训人数，再登记举办"
    return None


class TrainingState(models.TextChoices):
    PLANNED = "planned", "计划"
    HELD = "held", "已举办"
    CANCELLED = "cancelled", "已取消"


TRAINING_WORKFLOW = Workflow(
    states=TrainingState,
    initial=TrainingState.PLANNED,
    final=frozenset({TrainingState.HELD, TrainingState.CANCELLED}),
    transitions=[
        Transition("hold", (TrainingState.PLANNED,), TrainingState.HELD, "登记举办", guard=_needs_held),
        Transition("cancel", (TrainingState.PLANNED,), TrainingState.CANCELLED, "取消", style="outline-danger",
                   confirm="确认取消该次培训？取消后不计入统计。"),
    ],
)
