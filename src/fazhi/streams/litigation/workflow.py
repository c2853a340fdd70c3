"""Workflows of the stream (spec §10.3 行政应诉, §10.6 行政复议), with guards that explain in
Chinese why a step cannot be taken yet. The statutory deadlines are declared on the models
(``tracked``) and follow the dates the steps record; the few dates a step itself sets (a
suspension, its end, the abandonment) are set by the effects here. Models import this module,
so guards and effects read fields by name."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import models
from django.utils import timezone

from fazhi.core import deadlines
from fazhi.core.workflow import Transition, Workflow
from fazhi.streams.litigation import rules

# -- 行政应诉 ------------------------------------------------------------------------------

CONCLUDED_STATES = ("judged", "appealed", "effective", "executed", "closed")
SETTLED = ("withdrawn", "mediated")
LOST = ("revoked", "illegal", "void", "perform", "changed", "compensation", "revised")


def missing_steps(case) -> list[str]:
    """The configured local steps (FAZHI_LITIGATION_STEPS) the case has not recorded yet."""
    done = set(case.steps.values_list("step", flat=True))
    return [s for s in rules.litigation_steps() if s not in done]


def _answer_guard(case) -> str | None:
    if case.answer_submitted_on is None:
        return "请先填写提交答辩状及证据日期，再登记提交答辩"
    return None


def _conclude_guard(case) -> str | None:
    if not case.outcome:
        return "请先填写裁判结果，再登记裁判"
    if case.outcome in SETTLED:
        return "原告撤诉或调解结案的，请使用“撤诉/调解结案”"
    if not case.judgment_form or case.judgment_date is None:
        return "请先填写裁判文书类型和裁判日期"
    if case.instance != "second" and case.judgment_form != "mediation" and case.judgment_served_on is None:
        return "请先填写裁判文书送达日期（上诉期限自送达之日起算，行政诉讼法 第八十五条）"
    return None


def _settle_guard(case) -> str | None:
    if case.outcome not in SETTLED:
        return "请先将裁判结果填写为“原告撤诉”或“调解结案”"
    if case.judgment_date is None:
        return "请先填写裁判日期（准予撤诉裁定或调解书日期）"
    return None


def _appeal_guard(case) -> str | None:
    if case.instance == "second":
        return "二审裁判为终审裁判，不能上诉"
    if not case.appellant or case.appeal_filed_on is None:
        return "请先填写上诉方和上诉日期"
    return None


def _effective_guard(case) -> str | None:
    if case.effective_on is None:
        return "请先填写裁判生效日期"
    return None


def _perform_guard(case) -> str | None:
    if case.performed_on is None or not case.performance.strip():
        return "请先填写履行日期和履行情况"
    return None


def _close_guard(case) -> str | None:
    if not case.outcome:
        return "案件尚无裁判结果，不能办结"
    if case.state == "effective" and case.outcome in LOST:
        return "败诉案件须先登记生效裁判的履行情况，再办结"
    if case.judicial_suggestion and case.suggestion_replied_on is None:
        return "收到的司法建议尚未回复，请填写司法建议回复日期后再办结"
    missing = missing_steps(case)
    if missing:
        return f"请先完成以下应诉工作步骤：{'、'.join(missing)}"
    return None


class CaseState(models.TextChoices):
    RECEIVED = "received", "已收案（答辩举证中）"
    ANSWERED = "answered", "已答辩（审理中）"
    JUDGED = "judged", "已裁判（待生效）"
    APPEALED = "appealed", "已上诉"
    EFFECTIVE = "effective", "裁判已生效"
    EXECUTED = "executed", "已履行"
    CLOSED = "closed", "已办结"


CASE_WORKFLOW = Workflow(
    states=CaseState,
    initial=CaseState.RECEIVED,
    final=frozenset({CaseState.CLOSED}),
    transitions=[
        Transition("answer", (CaseState.RECEIVED,), CaseState.ANSWERED, "提交答辩", guard=_answer_guard),
        Transition("conclude", (CaseState.ANSWERED,), CaseState.JUDGED, "登记裁判结果", guard=_conclude_guard),
        Transition("settle", (CaseState.RECEIVED, CaseState.ANSWERED), CaseState.EFFECTIVE, "撤诉/调解结案", guard=_settle_guard,
                   style="outline-primary"),
        Transition("appeal", (CaseState.JUDGED,), CaseState.APPEALED, "登记上诉", guard=_appeal_guard, style="outline-primary"),
        Transition("effective", (CaseState.JUDGED,), CaseState.EFFECTIVE, "确认裁判生效", guard=_effective_guard),
        Transition("perform", (CaseState.EFFECTIVE,), CaseState.EXECUTED, "登记履行", guard=_perform_guard),
        Transition("close", (CaseState.EFFECTIVE, CaseState.EXECUTED, CaseState.APPEALED), CaseState.CLOSED, "办结", guard=_close_guard,
                   confirm="确认该案件办结？办结前请核对裁判结果、应诉备案、通报和核对情况。"),
    ],
)


# -- 庭审 ----------------------------------------------------------------------------------

def _hold_guard(hearing) -> str | None:
    if hearing.hearing_date > timezone.localdate():
        return "开庭日期尚未到，不能登记开庭情况"
    return hearing.appearance_problem()


class HearingState(models.TextChoices):
    SCHEDULED = "scheduled", "已排期"
    HELD = "held", "已开庭"
    CANCELLED = "cancelled", "已取消"


HEARING_WORKFLOW = Workflow(
    states=HearingState,
    initial=HearingState.SCHEDULED,
    final=frozenset({HearingState.HELD, HearingState.CANCELLED}),
    transitions=[
        Transition("hold", (HearingState.SCHEDULED,), HearingState.HELD, "登记开庭情况", guard=_hold_guard),
        Transition("cancel", (HearingState.SCHEDULED,), HearingState.CANCELLED, "取消（延期）", style="outline-danger",
                   confirm="确认取消该次庭审？取消的庭审不计入出庭应诉统计。"),
    ],
)


# -- 行政复议 ------------------------------------------------------------------------------

DECIDED_STATES = ("decided", "performed", "closed")
ACCEPTED_STATES = ("accepted", "answering", "answered", "suspended", *DECIDED_STATES)
CORRECTIONS = ("revoke", "change", "illegal", "perform", "void")


def _required(value, message: str) -> str | None:
    return message if value in (None, "") else None


def _abandon_guard(rec) -> str | None:
    if rec.supplement_received_on is not None:
        return "已收到补正材料，请登记“补正完成”"
    period = deadlines.deadlines_of(rec).filter(key="supplement", met_on__isnull=True).first()
    due = period.due if period else None
    if due is not None and timezone.localdate() <= due:
        return f"补正期限尚未届满（{due:%Y年%m月%d日}），不能视为放弃申请"
    return None


def _reject_guard(rec) -> str | None:
    if rec.rejected_on is None or not rec.rejection_reason.strip():
        return "请先填写不予受理决定日期和不予受理理由（第三十条）"
    return None


def _suspend_guard(rec) -> str | None:
    if rec.suspended_on is None or not rec.suspension_reason.strip():
        return "请先填写中止日期和中止原因（第三十九条）"
    if rec.resumed_on is not None and rec.resumed_on >= rec.suspended_on:
        return "请填写本次中止的日期（应晚于上次恢复审理日期），并清空恢复审理日期"
    if rec.accepted_on and rec.suspended_on < rec.accepted_on:
        return "中止日期不能早于受理日期（复议决定期限的起算日）"
    if any(p.get("end") and rec.suspended_on <= date.fromisoformat(p["end"]) for p in rec.suspensions):
        return "中止日期应在上次恢复日期之后"
    return None


def _on_suspend(rec, by) -> None:
    """中止 (第三十九条): the decision period does not run from the suspension date on (models: tracked)."""
    rec.suspensions = [*rec.suspensions,
                       {"start": rec.suspended_on.isoformat(), "end": None, "reason": f"中止审理：{rec.suspension_reason}"}]
    rec.save(update_fields=["suspensions"])


def _resume_guard(rec) -> str | None:
    if rec.resumed_on is None:
        return "请先填写恢复审理日期"
    if rec.suspended_on and rec.resumed_on <= rec.suspended_on:
        return "恢复审理日期应晚于中止日期"
    return None


def _on_resume(rec, by) -> None:
    """Counting starts again on the resumption date (the day before is the last day not counted)."""
    last = (rec.resumed_on - timedelta(days=1)).isoformat()
    rec.suspensions = [p if p.get("end") else {**p, "end": last} for p in rec.suspensions]
    rec.save(update_fields=["suspensions"])


def _on_abandon(rec, by) -> None:
    """The day the request is deemed abandoned meets the 补正 period it let run out."""
    rec.abandoned_on = timezone.localdate()
    rec.save(update_fields=["abandoned_on"])


def _decide_guard(rec) -> str | None:
    if not rec.decision_type or rec.decided_on is None:
        return "请先填写决定类型和决定日期"
    return None


def _close_reconsideration_guard(rec) -> str | None:
    if not rec.decision_type:
        return "尚未作出复议决定，不能办结"
    if rec.state == "decided" and rec.decision_type in CORRECTIONS:
        return "纠错决定须先登记被申请人履行情况（第七十七条），再办结"
    if rec.opinion_received_on and rec.opinion_reported_on is None:
        return "收到的行政复议意见书尚未报送纠正情况（第七十六条），不能办结"
    return None


class ReconsiderationState(models.TextChoices):
    RECEIVED = "received", "受理审查中"
    SUPPLEMENT = "supplement", "补正中"
    ACCEPTED = "accepted", "已受理"
    ANSWERING = "answering", "待被申请人答复"
    ANSWERED = "answered", "已答复（审理中）"
    SUSPENDED = "suspended", "中止审理"
    DECIDED = "decided", "已作出决定"
    PERFORMED = "performed", "已履行"
    CLOSED = "closed", "已办结"
    REJECTED = "rejected", "不予受理"
    ABANDONED = "abandoned", "视为放弃申请"


RECONSIDERATION_WORKFLOW = Workflow(
    states=ReconsiderationState,
    initial=ReconsiderationState.RECEIVED,
    final=frozenset({ReconsiderationState.CLOSED, ReconsiderationState.REJECTED, ReconsiderationState.ABANDONED}),
    transitions=[
        Transition("accept", (ReconsiderationState.RECEIVED,), ReconsiderationState.ACCEPTED, "受理",
                   guard=lambda r: _required(r.accepted_on, "请先填写受理日期（审查期限届满未作出不予受理决定的，"
                                                              "自期限届满之日起视为受理，第三十条）")),
        Transition("request_supplement", (ReconsiderationState.RECEIVED,), ReconsiderationState.SUPPLEMENT, "通知补正", style="outline-primary",
                   guard=lambda r: _required(r.supplement_notice_on, "请先填写补正通知送达日期（第三十一条）")),
        Transition("supplemented", (ReconsiderationState.SUPPLEMENT,), ReconsiderationState.RECEIVED, "补正完成",
                   guard=lambda r: _required(r.supplement_received_on, "请先填写收到补正材料日期")),
        Transition("abandon", (ReconsiderationState.SUPPLEMENT,), ReconsiderationState.ABANDONED, "逾期未补正（视为放弃）", style="outline-danger",
                   guard=_abandon_guard, effect=_on_abandon,
                   confirm="申请人无正当理由逾期不补正的，视为放弃行政复议申请（第三十一条）。确认记录在案？"),
        Transition("reject", (ReconsiderationState.RECEIVED,), ReconsiderationState.REJECTED, "不予受理", style="outline-danger", guard=_reject_guard),
        Transition("serve_copy", (ReconsiderationState.ACCEPTED,), ReconsiderationState.ANSWERING, "送达申请书副本",
                   guard=lambda r: _required(r.copy_served_on, "请先填写申请书副本送达被申请人日期")),
        Transition("reply", (ReconsiderationState.ANSWERING,), ReconsiderationState.ANSWERED, "提交书面答复",
                   guard=lambda r: _required(r.reply_submitted_on, "请先填写被申请人提交答复日期")),
        Transition("suspend", (ReconsiderationState.ANSWERED,), ReconsiderationState.SUSPENDED, "中止审理", style="outline-secondary",
                   guard=_suspend_guard, effect=_on_suspend),
        Transition("resume", (ReconsiderationState.SUSPENDED,), ReconsiderationState.ANSWERED, "恢复审理", guard=_resume_guard, effect=_on_resume),
        Transition("decide", (ReconsiderationState.ACCEPTED, ReconsiderationState.ANSWERING, ReconsiderationState.ANSWERED), ReconsiderationState.DECIDED, "登记复议决定",
                   guard=_decide_guard),
        Transition("perform", (ReconsiderationState.DECIDED,), ReconsiderationState.PERFORMED, "登记履行",
                   guard=lambda r: _required(r.performed_on, "请先填写履行日期")
                   or _required(r.performance.strip(), "请先填写履行情况")),
        Transition("close", (ReconsiderationState.DECIDED, ReconsiderationState.PERFORMED), ReconsiderationState.CLOSED, "办结", guard=_close_reconsideration_guard,
                   confirm="确认该复议案件办结？"),
    ],
)
