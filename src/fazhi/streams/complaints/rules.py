"""Periods and [U] choices of the 问题举报 stream (spec §8.2).

No national rule sets the reply period of a special action's problem reports: the local
work plan does ([U]). Default: reply within 15 working days of receipt
(``FAZHI_COMPLAINTS_REPLY_DAYS``, rule type ``FAZHI_COMPLAINTS_REPLY_RULE``). A report that is in
substance a 信访 matter is handled in the petition ledger under the 信访 deadlines.
"""

from __future__ import annotations

from fazhi.core.config import setting
from fazhi.core.deadlines import CALENDAR_ROLL, CALENDAR_STRICT, WORKING, DeadlineRule

REPLY = "reply"
RULE_TYPES = (WORKING, CALENDAR_ROLL, CALENDAR_STRICT)


def reply_rule() -> DeadlineRule:
    kind = setting("FAZHI_COMPLAINTS_REPLY_RULE", WORKING)
    if kind not in RULE_TYPES:
        kind = WORKING
    days = int(setting("FAZHI_COMPLAINTS_REPLY_DAYS", 15))
    unit = "个工作日" if kind == WORKING else "日"
    return DeadlineRule(
        REPLY, "答复期限", days, kind,
        f"专项整治工作方案及受理问题举报公告：自收到举报之日起{days}{unit}内办理并答复举报人"
        f"（本地规定，可在系统设置中调整；属信访事项的按《信访工作条例》期限办理）")
