"""Workflows of the 重大行政决策 stream (spec §5.3, simplified to the steps the county runs).

Decision: 拟定 → 征求意见 → 审查论证 → 待集体讨论 → 已决策 → 执行中 → 已后评估, or 终止 / 撤回
before the decision. The guards enforce the regulation's order: no discussion without a passed
legality review (第二十八条), no decision without legality review and collective discussion
(第二十五条、第三十条), and a public comment period of at least 30 days unless a reason for
shortening is recorded (第十五条).

Catalogue: 编制中 → 已公布 (after the Party committee's consent, 第三条) → 已归档.
Catalogue item: 已列入 → 已调出 (an adjustment with its reason and date).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from fazhi.core.workflow import Transition, Workflow

PARTICIPATION, EXPERT, RISK, LEGALITY, COLLECTIVE = "participation", "expert", "risk", "legality", "collective"
PROCEDURE_LABELS = {
    PARTICIPATION: "公众参与",
    EXPERT: "专家论证",
    RISK: "风险评估",
    LEGALITY: "合法性审查",
    COLLECTIVE: "集体讨论决定",
}
DECIDED_STATES = ("decided", "executing", "evaluated")
OPEN_STATES = ("drafting", "consulting", "reviewing", "awaiting_discussion")


def _procedure(decision, kind: str):
    return decision.procedures.filter(kind=kind).first()


def participation_problem(decision) -> str | None:
    """Why the public-participation requirement is not met, or None."""
    if not decision.participation_required:
        return None
    p = _procedure(decision, PARTICIPATION)
    if p is None or not (p.started_on and p.ended_on):
        return "该决策需公开征求意见，尚未登记公众参与（征求意见起止日期）"
    return p.period_problem()


def _can_consult(decision) -> str | None:
    if not decision.participation_required:
        return "该决策已登记为不需公开征求意见，请直接进入审查论证"
    return participation_problem(decision)


def _can_review(decision) -> str | None:
    if decision.state == "drafting":
        if decision.participation_required:
            return "该决策需公开征求意见，请先公开征求意见"
        return None
    problem = participation_problem(decision)
    if problem:
        return problem
    p = _procedure(decision, PARTICIPATION)
    if p.ended_on >= timezone.localdate():
        return f"征求意见期至{p.ended_on:%Y年%m月%d日}，期满后方可进入审查论证"
    if not p.result.strip():
        return "请先登记公众意见的采纳情况"
    return None


def missing_before_discussion(decision) -> list[str]:
    missing = []
    if decision.expert_required and not _done(decision, EXPERT):
        missing.append(PROCEDURE_LABELS[EXPERT])
    if decision.risk_required and not _done(decision, RISK):
        missing.append(PROCEDURE_LABELS[RISK])
    if not _done(decision, LEGALITY):
        missing.append(PROCEDURE_LABELS[LEGALITY])
    return missing


def _done(decision, kind: str) -> bool:
    p = _procedure(decision, kind)
    return p is not None and p.is_done


def _legality_problem(decision) -> str | None:
    p = _procedure(decision, LEGALITY)
    if p is not None and p.is_done and p.conclusion != "passed":
        return f"合法性审查结论为“{p.get_conclusion_display()}”，未经审查或者经审查不合法的，不得提交讨论"
    return None


def _can_discuss(decision) -> str | None:
    missing = missing_before_discussion(decision)
    if missing:
        return f"尚未完成{'、'.join(missing)}，不能提请集体讨论"
    return _legality_problem(decision)


def decide_problem(decision) -> str | None:
    """Why the decision cannot be marked decided, naming every missing procedure."""
    missing = [PROCEDURE_LABELS[k] for k in (LEGALITY, COLLECTIVE) if not _done(decision, k)]
    if missing:
        return f"尚未登记{'、'.join(missing)}，不能作出决策"
    problem = _legality_problem(decision) or participation_problem(decision)
    if problem:
        return problem
    legality, collective = _procedure(decision, LEGALITY), _procedure(decision, COLLECTIVE)
    if legality.ended_on > collective.ended_on:
        return "合法性审查应在集体讨论之前完成"
    return None


def _decided(decision, by) -> None:
    """The decision date is the date of the collective discussion that decided it."""
    collective = _procedure(decision, COLLECTIVE)
    if decision.decided_on is None and collective is not None:
        type(decision).objects.filter(pk=decision.pk).update(decided_on=collective.ended_on)


def _can_execute(decision) -> str | None:
    if not decision.decision_document.strip():
        return "请先填写决策文件文号，再组织实施"
    return None


def _can_finish_evaluation(decision) -> str | None:
    if not decision.evaluations.filter(completed_on__isnull=False).exists():
        return "尚未登记已完成的后评估报告"
    return None


class DecisionState(models.TextChoices):
    DRAFTING = "drafting", "拟定"
    CONSULTING = "consulting", "征求意见"
    REVIEWING = "reviewing", "审查论证"
    AWAITING_DISCUSSION = "awaiting_discussion", "待集体讨论"
    DECIDED = "decided", "已决策"
    EXECUTING = "executing", "执行中"
    EVALUATED = "evaluated", "已后评估"
    TERMINATED = "terminated", "终止"
    WITHDRAWN = "withdrawn", "撤回"


DECISION_WORKFLOW = Workflow(
    states=DecisionState,
    initial=DecisionState.DRAFTING,
    final=frozenset({DecisionState.EVALUATED, DecisionState.TERMINATED, DecisionState.WITHDRAWN}),
    transitions=[
        Transition("consult", (DecisionState.DRAFTING,), DecisionState.CONSULTING, "公开征求意见", guard=_can_consult),
        Transition("review", (DecisionState.DRAFTING, DecisionState.CONSULTING), DecisionState.REVIEWING, "进入审查论证", guard=_can_review),
        Transition("submit", (DecisionState.REVIEWING,), DecisionState.AWAITING_DISCUSSION, "提请集体讨论", guard=_can_discuss),
        Transition("return", (DecisionState.REVIEWING, DecisionState.AWAITING_DISCUSSION), DecisionState.DRAFTING, "退回修改",
                   style="outline-secondary", confirm="确认退回承办单位修改决策草案？"),
        Transition("decide", (DecisionState.AWAITING_DISCUSSION,), DecisionState.DECIDED, "登记决策", capability="records.approve",
                   guard=decide_problem, effect=_decided,
                   confirm="确认该事项已经集体讨论作出决策？"),
        Transition("execute", (DecisionState.DECIDED,), DecisionState.EXECUTING, "组织实施", guard=_can_execute),
        Transition("evaluate", (DecisionState.EXECUTING,), DecisionState.EVALUATED, "完成后评估", guard=_can_finish_evaluation),
        Transition("terminate", OPEN_STATES, DecisionState.TERMINATED, "终止决策", capability="records.approve",
                   style="outline-danger", confirm="确认终止该决策事项？终止后不再办理。"),
        Transition("withdraw", OPEN_STATES, DecisionState.WITHDRAWN, "撤回", style="outline-danger",
                   confirm="确认撤回该决策事项？"),
    ],
)


def _can_publish(catalogue) -> str | None:
    missing = []
    if catalogue.party_consent_on is None:
        missing.append("党委同意日期")
    if catalogue.published_on is None:
        missing.append("公布日期")
    if missing:
        return f"请先填写{'、'.join(missing)}：决策事项目录经同级党委同意后向社会公布"
    if not catalogue.items.exists():
        return "目录中还没有决策事项"
    return None


def _published(catalogue, by) -> None:
    """Items listed before publication become public with the catalogue."""
    catalogue.items.filter(published_on__isnull=True, state="listed").update(published_on=catalogue.published_on)


class CatalogueState(models.TextChoices):
    DRAFTING = "drafting", "编制中"
    PUBLISHED = "published", "已公布"
    ARCHIVED = "archived", "已归档"


CATALOGUE_WORKFLOW = Workflow(
    states=CatalogueState,
    initial=CatalogueState.DRAFTING,
    final=frozenset({CatalogueState.ARCHIVED}),
    transitions=[
        Transition("publish", (CatalogueState.DRAFTING,), CatalogueState.PUBLISHED, "公布目录", capability="records.approve",
                   guard=_can_publish, effect=_published, confirm="确认目录已经同级党委同意，向社会公布？"),
        Transition("archive", (CatalogueState.PUBLISHED,), CatalogueState.ARCHIVED, "归档", style="outline-secondary"),
    ],
)


def _can_remove(item) -> str | None:
    if item.removed_on is None or not item.removal_reason.strip():
        return "请先填写调出日期和调出理由"
    return None


class ItemState(models.TextChoices):
    LISTED = "listed", "已列入目录"
    REMOVED = "removed", "已调出目录"


ITEM_WORKFLOW = Workflow(
    states=ItemState,
    initial=ItemState.LISTED,
    final=frozenset({ItemState.REMOVED}),
    transitions=[
        Transition("remove", (ItemState.LISTED,), ItemState.REMOVED, "调出目录", guard=_can_remove, style="outline-danger",
                   confirm="确认将该事项调出决策事项目录？"),
    ],
)
