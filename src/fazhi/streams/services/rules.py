"""Periods and [U] choices of the 政务服务 stream (spec §3), as settings with defaults.

- 差评整改期限: set by local rule; examples 5 working days (德州, [P16b]) and 7 days ([P47]).
  Default 5 working days (``FAZHI_SERVICES_RECTIFY_DAYS``, ``FAZHI_SERVICES_RECTIFY_RULE``).
- Which levels of the five-level scale count as 差评: default 不满意 and 非常不满意 ([P47]),
  ``FAZHI_SERVICES_BAD_LEVELS``.
"""

from __future__ import annotations

from fazhi.core.config import setting
from fazhi.core.deadlines import CALENDAR_ROLL, CALENDAR_STRICT, WORKING, DeadlineRule

RECTIFY = "rectify"
RULE_TYPES = (WORKING, CALENDAR_ROLL, CALENDAR_STRICT)
DEFAULT_BAD_LEVELS = ("dissatisfied", "very_dissatisfied")


def rectify_days() -> int:
    return int(setting("FAZHI_SERVICES_RECTIFY_DAYS", 5))


def rectify_rule() -> DeadlineRule:
    kind = setting("FAZHI_SERVICES_RECTIFY_RULE", WORKING)
    if kind not in RULE_TYPES:
        kind = WORKING
    days = rectify_days()
    unit = "个工作日" if kind == WORKING else "日"
    return DeadlineRule(
        RECTIFY, "差评整改反馈期限", days, kind,
        f"国办发〔2019〕51号《关于建立政务服务“好差评”制度提高政务服务水平的意见》：差评须核实、整改并反馈；"
        f"整改反馈期限按本地规定为{days}{unit}（可在系统设置中调整）")


def bad_levels() -> tuple[str, ...]:
    return tuple(setting("FAZHI_SERVICES_BAD_LEVELS", DEFAULT_BAD_LEVELS))
