"""Deadline rules of people's mediation.

Two periods (spec §14.2):

* the mediation term: "人民调解委员会调解纠纷，一般在一个月内调结" (人民调解工作若干规定 第三十三条),
  counted in calendar days from acceptance, 30 days by default (setting
  ``FAZHI_MEDIATION_TERM_DAYS``). The term is "一般" (customary): a case running longer is
  flagged (超期调结), never refused.
* the judicial-confirmation window: the parties may jointly apply to the court "自调解协议生效之日起
  三十日内" (人民调解法 第三十三条), calendar days; a court period, so the 民事诉讼法 第八十五条 rule
  applies (start day not counted, a last day on a holiday rolls to the next working day).

The models declare both on ``MediationCase.tracked``; core keeps them in step. This module
works on case instances only; it never imports the models (which import it).
"""

from __future__ import annotations

from datetime import date

from fazhi.core import deadlines
from fazhi.core.config import setting
from fazhi.core.deadlines import CALENDAR_ROLL, CALENDAR_STRICT, DeadlineRule

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


def is_concluded(case) -> bool:
    """True once the mediation ended (settled, failed or terminated) on a known date."""
    return bool(case.result) and case.concluded_on is not None


def is_over_term(case) -> bool:
    """超期调结: concluded after the last day of the mediation term."""
    return bool(is_concluded(case) and case.accepted_on and case.concluded_on > term_due(case.accepted_on))


# States in which the parties have applied for judicial confirmation (the window is met).
CONFIRMATION_APPLIED_STATES = ("confirming", "follow_up", "closed")


def confirmation_window_open(case) -> bool:
    """A written agreement's 30-day window is tracked while the case waits in 达成协议, and kept
    (met) once the parties applied; a case that moved on without applying drops it (applying is
    the parties' option, not a duty of the committee)."""
    if case.agreement_form != "written" or case.result != "success":
        return False
    return case.state == "agreed" or (case.state in CONFIRMATION_APPLIED_STATES
                                      and case.confirmation_applied_on is not None)


# -- registration numbers ---------------------------------------------------------------------
# A committee numbers its cases per year: （2026）唐林村调字第903号 — the year, the name of the
# committee's village (or township, unit), 调字, the running number of at least three digits.

def registration_number(year: int, unit_name: str, n: int) -> str:
    return f"（{year}）{unit_name}调字第{n:03d}号"


def registration_prefix(year: int, unit_name: str) -> str:
    return f"（{year}）{unit_name}调字第"


def running_number(number: str, prefix: str) -> int | None:
    """The running number of ``number`` when it follows the rule for ``prefix``, else None."""
    if not number.startswith(prefix) or not number.endswith("号"):
        return None
    digits = number[len(prefix):-1]
    return int(digits) if digits.isdigit() else None
