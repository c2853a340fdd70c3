"""Business rules of the stream that are not a single transition: starting and meeting the
statutory deadlines, recording the local 应诉备案/通报/核对 steps, and approved extensions of
the reconsideration decision period. Views call these; they check scope and write audit."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.core import audit, scope
from fazhi.core.deadlines import (
    DeadlineRule,
    deadline_extend,
    deadline_meet,
    deadline_pause,
    deadline_resume,
    deadline_set,
    deadlines_of,
)
from fazhi.core.models import Deadline
from fazhi.streams.litigation import rules
from fazhi.streams.litigation.models import CaseStep, LitigationCase, Reconsideration

# -- deadline helpers ------------------------------------------------------------------------


def open_deadline(record, key: str) -> Deadline | None:
    return deadlines_of(record).filter(key=key, met_on__isnull=True).first()


def open_due(record, key: str) -> date | None:
    deadline = open_deadline(record, key)
    return deadline.due if deadline else None


def _meet(record, key: str, on: date | None) -> None:
    """Mark the open deadline ``key`` met on ``on`` (never before it started)."""
    deadline = open_deadline(record, key)
    if deadline is not None:
        deadline_meet(deadline=deadline, on=max(on or timezone.localdate(), deadline.start))


def _remeet(record, key: str, on: date | None) -> None:
    """A date already used to meet ``key`` was corrected: record the corrected date."""
    deadline = deadlines_of(record).filter(key=key, met_on__isnull=False).first()
    if deadline is not None and on is not None and on != deadline.met_on:
        deadline_meet(deadline=deadline, on=max(on, deadline.start))


def _set(record, rule: DeadlineRule, start: date | None) -> None:
    if start is not None:
        deadline_set(record=record, rule=rule, start=start)


# -- 行政应诉 ------------------------------------------------------------------------------


def case_after_save(case: LitigationCase, *, created: bool, changes: dict[str, Any]) -> None:
    """Start the 15-day answer period on registration, and restart it when the service date is
    corrected before the answer is filed (行政诉讼法 第六十七条)."""
    if (created or "served_on" in changes) and case.state == "received":
        _set(case, rules.ANSWER, case.served_on)
        if created:
            for step, days in rules.step_deadline_days().items():
                if step in rules.litigation_steps():
                    _set(case, rules.step_rule(step, int(days)), case.served_on)
    if "answer_submitted_on" in changes and case.state != "received":
        _remeet(case, "answer", case.answer_submitted_on)
    if case.state == "judged" and {"judgment_served_on", "judgment_form", "outcome"} & set(changes):
        _start_appeal(case)
    if "appeal_filed_on" in changes and case.state == "appealed":
        _remeet(case, "appeal", case.appeal_filed_on)


def _start_appeal(case: LitigationCase) -> None:
    """Appeal period: 15 days from service of a judgment, 10 days of a ruling (第八十五条);
    none for a second-instance (final) judgment or a mediation statement."""
    if case.instance == "second" or case.judgment_form not in ("judgment", "ruling"):
        deadlines_of(case).filter(key="appeal", met_on__isnull=True).delete()
        return
    rule = rules.APPEAL_JUDGMENT if case.judgment_form == "judgment" else rules.APPEAL_RULING
    _set(case, rule, case.judgment_served_on)


def case_answered(case: LitigationCase) -> None:
    _meet(case, "answer", case.answer_submitted_on)


def case_concluded(case: LitigationCase) -> None:
    _start_appeal(case)


def case_settled(case: LitigationCase) -> None:
    """Withdrawal or mediation: an answer not yet filed is no longer owed."""
    _meet(case, "answer", case.answer_submitted_on or case.judgment_date)


def case_appealed(case: LitigationCase) -> None:
    _meet(case, "appeal", case.appeal_filed_on)


def case_effective(case: LitigationCase) -> None:
    """Nobody appealed: the appeal window closed (met on its last day at the latest)."""
    deadline = open_deadline(case, "appeal")
    if deadline is not None:
        deadline_meet(deadline=deadline, on=max(deadline.start, min(case.effective_on, deadline.due)))


def missing_steps(case: LitigationCase) -> list[str]:
    done = set(case.steps.values_list("step", flat=True))
    return [s for s in rules.litigation_steps() if s not in done]


@transaction.atomic
def step_record(case: LitigationCase, *, step: str, on: date, handler: str, by, note: str = "") -> CaseStep:
    """Record (or correct) one of the configured local steps (FAZHI_LITIGATION_STEPS) with its
    date and who handled it; meets the step's local deadline if one is configured."""
    scope.require(by, "records.write", case.unit)
    if step not in rules.litigation_steps():
        raise ValidationError({"step": f"“{step}”不是本地区设定的应诉工作步骤"})
    if on > timezone.localdate():
        raise ValidationError({"done_on": "办理日期不能晚于今天"})
    if on < case.served_on:
        raise ValidationError({"done_on": "办理日期不能早于收到起诉状副本日期"})
    handler = handler.strip() or (getattr(by, "display_name", "") or by.get_username())
    existing = CaseStep.objects.filter(case=case, step=step).first()
    before = {"step": step, "done_on": existing.done_on, "handler": existing.handler} if existing else None
    record, _ = CaseStep.objects.update_or_create(
        case=case, step=step, defaults={"done_on": on, "handler": handler[:50], "note": note[:200], "recorded_by": by})
    _meet(case, f"step:{step}"[:40], on)
    audit.record(action=audit.Action.UPDATE, actor=by, obj=case, before=before,
                 after={"step": step, "done_on": on, "handler": record.handler},
                 note=f"登记应诉工作步骤“{step}”（{on:%Y-%m-%d}，{record.handler}）")
    return record


# -- 行政复议 ------------------------------------------------------------------------------


def _simple(rec: Reconsideration) -> bool:
    return rec.procedure == Reconsideration.Procedure.SIMPLE


def reconsideration_after_save(rec: Reconsideration, *, created: bool, changes: dict[str, Any]) -> None:
    """Acceptance review: 5 working days from receipt (第三十条, 第八十八条); the opinion-letter
    period: 60 days from receipt of the 意见书 (第七十六条)."""
    if (created or "received_on" in changes) and rec.state == "received" and rec.supplement_received_on is None:
        _set(rec, rules.ACCEPTANCE, rec.received_on)
    if "opinion_received_on" in changes and rec.opinion_received_on and rec.opinion_reported_on is None:
        _set(rec, rules.OPINION, rec.opinion_received_on)
    if "opinion_reported_on" in changes and rec.opinion_reported_on:
        _meet(rec, "opinion", rec.opinion_reported_on)
    if "procedure" in changes and not created:
        _procedure_changed(rec)
    for field, key in (("accepted_on", "acceptance"), ("copy_served_on", "send_copy"),
                       ("reply_submitted_on", "reply"), ("decided_on", "decision")):
        if field in changes and getattr(rec, field):
            _remeet(rec, key, getattr(rec, field))


def _procedure_changed(rec: Reconsideration) -> None:
    """A case moved between the simple and the ordinary procedure (第五十三条、第五十五条): the
    open periods still to run are counted again under the procedure now applied."""
    simple = _simple(rec)
    for key, ordinary_rule, simple_rule, start in (
            ("send_copy", rules.SEND_COPY, rules.SEND_COPY_SIMPLE, rec.accepted_on),
            ("reply", rules.REPLY, rules.REPLY_SIMPLE, rec.copy_served_on),
            ("decision", rules.DECISION, rules.DECISION_SIMPLE, rec.accepted_on)):
        if open_deadline(rec, key) is not None:
            _set(rec, simple_rule if simple else ordinary_rule, start)


def reconsideration_accepted(rec: Reconsideration) -> None:
    """On acceptance: the application copy goes to the respondent within 7 working days (3 in
    the simple procedure) and the decision is due 60 days (30) after acceptance (第四十八条,
    第五十四条, 第六十二条)."""
    _meet(rec, "acceptance", rec.accepted_on)
    _set(rec, rules.SEND_COPY_SIMPLE if _simple(rec) else rules.SEND_COPY, rec.accepted_on)
    _set(rec, rules.DECISION_SIMPLE if _simple(rec) else rules.DECISION, rec.accepted_on)


def reconsideration_supplement_requested(rec: Reconsideration) -> None:
    """The supplement notice ends the first review; the applicant has 10 working days (第三十一条)."""
    _meet(rec, "acceptance", rec.supplement_notice_on)
    _set(rec, rules.SUPPLEMENT, rec.supplement_notice_on)


def reconsideration_supplemented(rec: Reconsideration) -> None:
    """After the supplement the review runs again for 5 working days (第三十一条 → 第三十条)."""
    _meet(rec, "supplement", rec.supplement_received_on)
    _set(rec, rules.ACCEPTANCE, rec.supplement_received_on)


def reconsideration_closed_early(rec: Reconsideration) -> None:
    for deadline in deadlines_of(rec).filter(met_on__isnull=True):
        on = rec.rejected_on if deadline.key == "acceptance" and rec.rejected_on else timezone.localdate()
        deadline_meet(deadline=deadline, on=max(on, deadline.start))


def reconsideration_copy_served(rec: Reconsideration) -> None:
    """The respondent answers within 10 working days of receiving the copy (5 in the simple
    procedure) (第四十八条, 第五十四条)."""
    _meet(rec, "send_copy", rec.copy_served_on)
    _set(rec, rules.REPLY_SIMPLE if _simple(rec) else rules.REPLY, rec.copy_served_on)


def reconsideration_replied(rec: Reconsideration) -> None:
    _meet(rec, "reply", rec.reply_submitted_on)


def reconsideration_suspended(rec: Reconsideration) -> None:
    """中止 (第三十九条): the decision period does not run from the suspension date on."""
    deadline = open_deadline(rec, "decision")
    if deadline is not None:
        try:
            deadline_pause(deadline=deadline, on=rec.suspended_on, reason=f"中止审理：{rec.suspension_reason}")
        except ValueError as exc:
            raise ValidationError(str(exc)) from None


def reconsideration_resumed(rec: Reconsideration) -> None:
    """Counting starts again on the resumption date (the day before is the last day not counted)."""
    deadline = open_deadline(rec, "decision")
    if deadline is not None:
        try:
            deadline_resume(deadline=deadline, on=rec.resumed_on - timedelta(days=1))
        except ValueError as exc:
            raise ValidationError(str(exc)) from None


def reconsideration_decided(rec: Reconsideration) -> None:
    _meet(rec, "decision", rec.decided_on)
    for key in ("send_copy", "reply"):  # no longer owed once the case is decided (e.g. 终止)
        _meet(rec, key, rec.decided_on)


@transaction.atomic
def reconsideration_extend(rec: Reconsideration, *, days: int, approved_by: str, on: date, reason: str,
                           by) -> Deadline:
    """Extend the decision period once, by at most 30 days, with the approval of the head of the
    reconsideration office (行政复议法 第六十二条); not in the simple procedure."""
    scope.require(by, "records.write", rec.unit)
    if _simple(rec):
        raise ValidationError("适用简易程序的案件不能延长审理期限（第六十二条），如需延长请先转为普通程序")
    deadline = open_deadline(rec, "decision")
    if deadline is None:
        raise ValidationError("该案件没有进行中的复议决定期限")
    if not approved_by.strip():
        raise ValidationError("请填写批准延长的行政复议机构负责人")
    if not reason.strip():
        raise ValidationError("请填写延长理由（情况复杂，不能在规定期限内作出决定）")
    used = sum(int(e["days"]) for e in deadline.extensions)
    if days <= 0 or used + days > rules.MAX_DECISION_EXTENSION_DAYS:
        raise ValidationError(f"延长期限最多不得超过{rules.MAX_DECISION_EXTENSION_DAYS}日（第六十二条）")
    if on > deadline.due:
        raise ValidationError("应在原审理期限届满前批准延长")
    before_due = deadline.due
    try:
        deadline = deadline_extend(deadline=deadline, days=days, approved_by=approved_by.strip(), on=on,
                                   reason=reason.strip(), max_extensions=1)
    except ValueError as exc:
        raise ValidationError(str(exc)) from None
    audit.record(action=audit.Action.UPDATE, actor=by, obj=rec, before={"decision_due": before_due},
                 after={"decision_due": deadline.due},
                 note=f"经{approved_by.strip()}批准延长复议决定期限{days}日")
    return deadline
