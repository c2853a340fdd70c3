"""Petition workflow (spec §15.3, 《信访工作条例》 2022):

registered → routed (转送/交办, Art. 22) → handling (受理, Art. 23) | not_accepted (不予受理)
→ replied (处理意见书, Art. 32/34) → [review (复查, Art. 35) → reviewed]
→ [re_exam (复核, Art. 36) → re_examined] → closed (办结).

A reply becomes final when the petitioner does not ask for 复查 within 30 days (Art. 35) or
for 复核 within 30 days of the review (Art. 36), or after 复核; closing earlier is allowed
when the petitioner has declared himself satisfied. Every state change re-synchronises the
statutory deadlines (declared on the model: ``Petition.tracked``).
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.utils import timezone

from fazhi.core.workflow import Transition, Workflow
from fazhi.streams.petitions import rules


class PetitionState(models.TextChoices):
    REGISTERED = "registered", "已登记"
    ROUTED = "routed", "已转送交办"
    HANDLING = "handling", "已受理办理中"
    NOT_ACCEPTED = "not_accepted", "不予受理"
    REPLIED = "replied", "已答复"
    REVIEW = "review", "复查中"
    REVIEWED = "reviewed", "已复查"
    RE_EXAM = "re_exam", "复核中"
    RE_EXAMINED = "re_examined", "已复核"
    CLOSED = "closed", "已办结"


STATES = dict(PetitionState.choices)
# How far along the procedure a state is (not_accepted ends at the acceptance step).
RANK = {"registered": 0, "routed": 1, "handling": 2, "not_accepted": 2, "replied": 3, "review": 4,
        "reviewed": 5, "re_exam": 6, "re_examined": 7, "closed": 8}
CONCLUDED = ("replied", "review", "reviewed", "re_exam", "re_examined", "closed")


def _cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _missing(record, *names: str) -> str | None:
    labels = [str(record._meta.get_field(n).verbose_name) for n in names if not getattr(record, n)]
    return f"请先在编辑页填写{'、'.join(labels)}" if labels else None


def _can_route(p) -> str | None:
    return _missing(p, "routed_on")


def _can_accept(p) -> str | None:
    return _missing(p, "acceptance_on")


def _can_refuse(p) -> str | None:
    reason = _missing(p, "acceptance_on")
    if reason:
        return reason
    if not p.result.strip():
        return "不予受理应在“办理结果”中写明理由（信访工作条例 第二十三条、第三十一条）"
    return None


def _can_reply(p) -> str | None:
    missing = _missing(p, "opinion", "replied_on")
    if missing:
        return missing
    if not p.result.strip():
        return "请先在编辑页填写办理结果（处理意见书要点，信访工作条例 第三十二条）"
    return None


def _in_window(requested: date | None, answered: date | None, what: str, basis: str) -> str | None:
    if requested is None or answered is None:
        return None
    end = rules.request_window_end(answered)
    if requested > end:
        return f"{what}请求日期已超过答复之日起30日（至{_cn(end)}），依照{basis}不再受理"
    return None


def _can_request_review(p) -> str | None:
    return _missing(p, "review_requested_on") or _in_window(
        p.review_requested_on, p.replied_on, "复查", "信访工作条例 第三十五条")


def _can_answer_review(p) -> str | None:
    return _missing(p, "review_answered_on", "review_result")


def _can_request_re_exam(p) -> str | None:
    return _missing(p, "re_exam_requested_on") or _in_window(
        p.re_exam_requested_on, p.review_answered_on, "复核", "信访工作条例 第三十六条")


def _can_answer_re_exam(p) -> str | None:
    if p.hearing_from and not p.hearing_to:
        return "听证尚未结束，请先填写听证结束日期"
    return _missing(p, "re_exam_answered_on", "re_exam_result")


def _can_close(p, today: date | None = None) -> str | None:
    """Final when the request window for the next level has passed (Art. 35, 36), after 复核,
    or when the petitioner declared himself satisfied."""
    if p.state == "re_examined" or p.satisfaction in ("satisfied", "basic"):
        return None
    today = today or timezone.localdate()
    answered, step = (p.replied_on, "复查") if p.state == "replied" else (p.review_answered_on, "复核")
    end = rules.request_window_end(answered)
    if today <= end:
        return (f"信访人可在{_cn(end)}前请求{step}，期满未请求或信访人表示满意后方可办结"
                f"（信访工作条例 第三十五条、第三十六条）")
    return None


PETITION_WORKFLOW = Workflow(
    states=PetitionState,
    initial="registered",
    final=frozenset({"not_accepted", "closed"}),
    transitions=[
        Transition("route", ("registered",), "routed", "转送交办", guard=_can_route),
        Transition("accept", ("registered", "routed"), "handling", "受理", guard=_can_accept),
        Transition("refuse", ("registered", "routed"), "not_accepted", "不予受理", guard=_can_refuse,
                   style="outline-danger",
                   confirm="确认不予受理？请确认已书面告知信访人并写明理由。"),
        Transition("reply", ("handling",), "replied", "出具处理意见", guard=_can_reply),
        Transition("request_review", ("replied",), "review", "登记复查请求", guard=_can_request_review,
                   style="outline-primary"),
        Transition("answer_review", ("review",), "reviewed", "出具复查意见", guard=_can_answer_review),
        Transition("request_re_exam", ("reviewed",), "re_exam", "登记复核请求", guard=_can_request_re_exam,
                   style="outline-primary"),
        Transition("answer_re_exam", ("re_exam",), "re_examined", "出具复核意见", guard=_can_answer_re_exam),
        Transition("close", ("replied", "reviewed", "re_examined"), "closed", "办结", guard=_can_close,
                   style="success",
                   confirm="确认办结该信访件？办结后信访人以同一事实和理由再次信访的，按重复信访登记。"),
    ],
)


class ReceptionState(models.TextChoices):
    RECORDED = "recorded", "已登记"
    CONFIRMED = "confirmed", "已核实"


RECEPTION_WORKFLOW = Workflow(
    states=ReceptionState,
    initial=ReceptionState.RECORDED,
    final=frozenset({ReceptionState.CONFIRMED}),
    transitions=[
        Transition("confirm", (ReceptionState.RECORDED,), ReceptionState.CONFIRMED, "核实", capability="records.approve",
                   confirm="确认接访批次和现场解决件数已核实无误？"),
    ],
)
