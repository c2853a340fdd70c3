"""Deadline rules of people's mediation and the services that keep them on a case.

Two periods (spec §14.2):

* the mediation term: "人民调解委员会调解纠纷，一般在一个月内调结" (人民调解工作若干规定 第三十三条),
  counted in calendar days from acceptance, 30 days by default (setting
  ``FAZHI_MEDIATION_TERM_DAYS``). The term is "一般" (customary): a case running longer is
  flagged (超期调结), never refused.
* the judicial-confirmation window: the parties may jointly apply to the court "自调解协议生效之日起
  三十日内" (人民调解法 第三十三条), calendar days; a court period, so the 民事诉讼法 第八十五条 rule
  applies (start day not counted, a last day on a holiday rolls to the next working day).

This module works on case instances only; it never imports the models (which import it).
"""

from __future__ import annotations

from datetime import date

from django.contrib.contenttypes.models import ContentType

from fazhi.core import deadlines
from fazhi.core.config import setting
from fazhi.core.deadlines import CALENDAR_ROLL, CALENDAR_STRICT, DeadlineRule
from fazhi.core.models import Deadline

TERM_KEY = "mediation_term"
CONFIRMATION_KEY = "judicial_confirmation"
TERM_DAYS_DEFAULT = 30
CONFIRMATION_DAYS = 30
TERM_BASIS = ("司法部《人民调解工作若干规定》第三十三条：人民调解委员会调解纠纷，一般在一个月内调结"
              "（按日历日自受理之日次日起算）")
CONFIRMATION_BASIS = ("《人民调解法》第三十三条：双方当事人可以自调解协议生效之日起三十日内共同向人民法院申请司法确认"
                      "（期间计算适用民事诉讼法第八十五条）")


def term_days() -> int:
    """Days of the mediation term ("一般在一个月内调结"), 30 unless configured ([U] how a month is counted)."""
    return int(setting("FAZHI_MEDIATION_TERM_DAYS", TERM_DAYS_DEFAULT))


def term_rule_type() -> str:
    """Calendar days; whether a last day on a holiday rolls forward is configurable (default: it rolls,
    as for every unqualified period, spec §0.1)."""
    kind = setting("FAZHI_MEDIATION_TERM_RULE", CALENDAR_ROLL)
    return kind if kind in (CALENDAR_ROLL, CALENDAR_STRICT) else CALENDAR_ROLL


def term_rule() -> DeadlineRule:
    return DeadlineRule(TERM_KEY, "调解期限（一般一个月内调结）", term_days(), term_rule_type(), TERM_BASIS)


CONFIRMATION_RULE = DeadlineRule(CONFIRMATION_KEY, "申请司法确认期限", CONFIRMATION_DAYS, CALENDAR_ROLL,
                                 CONFIRMATION_BASIS)


def term_due(accepted_on: date) -> date:
    """The last day of the mediation term for a case accepted on ``accepted_on``."""
    rule = term_rule()
    return deadlines.compute_due(rule.rule, accepted_on, rule.days).due


def confirmation_due(agreement_date: date) -> date:
    """The last day on which the parties may apply for judicial confirmation (人民调解法 第三十三条)."""
    return deadlines.compute_due(CONFIRMATION_RULE.rule, agreement_date, CONFIRMATION_RULE.days).due


def _deadline(case, key: str) -> Deadline | None:  # noqa: ANN001
    ct = ContentType.objects.get_for_model(case)
    return Deadline.objects.filter(content_type=ct, object_id=case.pk, key=key).first()


def is_concluded(case) -> bool:  # noqa: ANN001
    """True once the mediation ended (settled, failed or terminated) on a known date."""
    return bool(case.result) and case.concluded_on is not None


def sync_term(case) -> Deadline | None:  # noqa: ANN001
    """(Re)start the mediation term from the acceptance date; meet it on the conclusion date.

    Keeps the case's ``over_term`` flag (调结日期晚于期限) in step with the deadline."""
    if case.accepted_on is None:
        return None
    deadline = deadlines.deadline_set(record=case, rule=term_rule(), start=case.accepted_on)
    over = False
    if is_concluded(case) and case.concluded_on >= case.accepted_on:
        deadlines.deadline_meet(deadline=deadline, on=case.concluded_on)
        over = case.concluded_on > deadline.due
    if case.over_term != over:
        case.over_term = over
        type(case).objects.filter(pk=case.pk).update(over_term=over)
    return deadline


def open_confirmation_window(case) -> Deadline | None:  # noqa: ANN001
    """After a written agreement: the 30-day window for applying for judicial confirmation."""
    if case.agreement_form != "written" or case.agreement_date is None:
        return None
    return deadlines.deadline_set(record=case, rule=CONFIRMATION_RULE, start=case.agreement_date)


def meet_confirmation_window(case) -> None:  # noqa: ANN001
    """The parties applied: the window is met on the application date."""
    deadline = _deadline(case, CONFIRMATION_KEY)
    if deadline is None:
        deadline = open_confirmation_window(case)
    if deadline is not None and case.confirmation_applied_on:
        deadlines.deadline_meet(deadline=deadline, on=case.confirmation_applied_on)


def drop_confirmation_window(case) -> None:  # noqa: ANN001
    """The case moved on without an application: the parties' window is no longer tracked
    (it is their option, not a duty of the committee), so it leaves the reminders."""
    deadline = _deadline(case, CONFIRMATION_KEY)
    if deadline is not None and deadline.met_on is None:
        deadline.delete()
