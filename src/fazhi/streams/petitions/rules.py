"""The statutory periods of petition work (《信访工作条例》, 2022-05-01, spec §15.2).

The regulation writes "15日", "60日", "30日" without saying how a period is counted, and
writes "5个工作日" where it means working days (Art. 23). The platform's default is calendar
days with the last day rolled forward past a statutory holiday or rest day (spec §0.1 [D]);
spec §22.1 item 12 keeps this open, so the rule type is the setting
``FAZHI_PETITIONS_DAY_RULE`` ("calendar_roll", "calendar_strict" or "working").
"""

from __future__ import annotations

from datetime import date

from fazhi.core.config import setting
from fazhi.core.deadlines import (
    CALENDAR_ROLL,
    DeadlineRule,
    compute_due,
    configured_day_rule,
    table_rule,
)

DAY_RULE_SETTING = "FAZHI_PETITIONS_DAY_RULE"
CESSATION_DAYS_SETTING = "FAZHI_PETITIONS_CESSATION_DAYS"
BASIC_SATISFIED_SETTING = "FAZHI_PETITIONS_COUNT_BASIC_SATISFIED"

DISPOSE = "petition_dispose"
ACCEPT = "petition_accept"
HANDLE = "petition_handle"
REVIEW = "petition_review"
RE_EXAM = "petition_re_exam"

DISPOSE_DAYS = 15
ACCEPT_DAYS = 15
HANDLE_DAYS = 60
EXTENSION_DAYS = 30
REVIEW_DAYS = 30
RE_EXAM_DAYS = 30
REQUEST_WINDOW_DAYS = 30

_RULES = {
    DISPOSE: ("登记后转送交办或告知", DISPOSE_DAYS,
              "《信访工作条例》（2022）第二十二条：信访部门登记后15日内转送、交办或告知信访人"),
    ACCEPT: ("受理告知", ACCEPT_DAYS,
             "《信访工作条例》（2022）第二十三条：收到转送、交办的信访事项后15日内书面告知信访人是否受理"),
    HANDLE: ("办理答复", HANDLE_DAYS,
             "《信访工作条例》（2022）第三十四条：自受理之日起60日内办结；经本机关、单位负责人批准可延长，"
             "延长不超过30日"),
    REVIEW: ("复查答复", REVIEW_DAYS,
             "《信访工作条例》（2022）第三十五条：自收到复查请求之日起30日内提出复查意见"),
    RE_EXAM: ("复核答复", RE_EXAM_DAYS,
              "《信访工作条例》（2022）第三十六条：自收到复核请求之日起30日内提出复核意见，听证时间不计入"),
}


def day_rule() -> str:
    """How "日" in the regulation is counted (spec §0.1; default calendar days rolled forward)."""
    return configured_day_rule(DAY_RULE_SETTING, CALENDAR_ROLL)


def rule(key: str) -> DeadlineRule:
    """The DeadlineRule for ``key`` under the configured day rule."""
    return table_rule(_RULES, key, day_rule())


def due(key: str, start: date, extra_days: int = 0) -> date:
    """Due date of period ``key`` counted from ``start`` (the start day is not counted)."""
    r = rule(key)
    return compute_due(r.rule, start, r.days, extra_days=extra_days).due


def request_window_end(reply: date) -> date:
    """Last day on which the petitioner may ask for 复查 (Art. 35) or 复核 (Art. 36):
    30 days from the written reply or review opinion."""
    return compute_due(day_rule(), reply, REQUEST_WINDOW_DAYS).due


def cessation_days() -> int:
    """Observation window of 息诉罢访 (spec §15.5 [D], no national definition [U]); default 180."""
    return int(setting(CESSATION_DAYS_SETTING, 180))


def counts_basic_satisfied() -> bool:
    """Whether "基本满意" counts as satisfied in 满意率 (spec §15.5 [U]); default False."""
    return bool(setting(BASIC_SATISFIED_SETTING, False))

HEARING = "听证"  # the reason shown for the 复核 hearing pause
