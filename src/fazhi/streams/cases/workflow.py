"""An enforcement case from 立案 to 结案 (行政处罚法 第五章; spec §12 penalty case):

立案 → 调查取证 → 告知 → [法制审核] → [集体讨论] → 决定 → 送达 → 执行 → 结案

The dates and documents of each step are entered on the case (edit page, record entries); each
transition checks that its step is complete and says in Chinese what is missing. The checks live
on the model (``EnforcementCase.refusal_for``) so that an Excel import of a case in a later state
is held to the same rules.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone

from fazhi.core import registry
from fazhi.core.workflow import Transition, TransitionError, Workflow


class CaseState(models.TextChoices):
    FILED = "filed", "立案"
    INVESTIGATING = "investigating", "调查取证"
    NOTIFIED = "notified", "告知"
    REVIEW = "review", "法制审核"
    DISCUSSION = "discussion", "集体讨论"
    DECIDED = "decided", "决定"
    SERVED = "served", "送达"
    EXECUTED = "executed", "执行"
    CLOSED = "closed", "结案"


STATES = dict(CaseState.choices)  # in procedural order
# the states reached once the decision is made
DECIDED = ("decided", "served", "executed", "closed")


def _guard(target: str):
    return lambda case: case.refusal_for(target)


def _review_started(case, by) -> None:
    """A case sent (again) to 法制审核 starts with no opinion: an earlier one was on other facts."""
    type(case).objects.filter(pk=case.pk).update(reviewer=None, reviewer_name="", review_conclusion="",
                                                 review_opinion="", reviewed_on=None)


def _decided(case, by) -> None:
    """The decision goes to 执法决定公示 (the stream that provides ``publish_decision``): its public
    record is created, or linked by 文号, inside this step's transaction; a refusal there undoes
    the step, with the reason."""
    try:
        registry.publish_decision(case.decision_notice(), by=by)
    except ValidationError as exc:
        raise TransitionError("；".join(exc.messages)) from exc
    except PermissionDenied as exc:
        raise TransitionError("您没有权限登记该决定的公示信息") from exc


def _closed(case, by) -> None:
    type(case).objects.filter(pk=case.pk).update(closed_on=case.closed_on or timezone.localdate())


CASE_WORKFLOW = Workflow(
    states=CaseState,
    initial="filed",
    final=frozenset({"closed"}),
    transitions=[
        Transition("investigate", ("filed",), "investigating", "开始调查取证", guard=_guard("investigating")),
        Transition("notify", ("investigating",), "notified", "告知当事人", guard=_guard("notified")),
        Transition("submit_review", ("notified",), "review", "提交法制审核", guard=_guard("review"),
                   effect=_review_started),
        Transition("return", ("review",), "investigating", "退回补充调查", style="outline-secondary"),
        Transition("discuss", ("notified", "review"), "discussion", "提交集体讨论", guard=_guard("discussion")),
        Transition("decide", ("notified", "review", "discussion"), "decided", "作出决定", guard=_guard("decided"),
                   capability="records.approve", effect=_decided,
                   confirm="确认作出处理决定？决定后请及时送达，并在期限内公示。"),
        Transition("serve", ("decided",), "served", "送达", guard=_guard("served")),
        Transition("execute", ("served",), "executed", "执行完毕", guard=_guard("executed")),
        Transition("close", ("executed",), "closed", "结案", guard=_guard("closed"), effect=_closed,
                   style="success", confirm="确认结案？结案前请核对全过程记录是否齐全。"),
    ],
)
