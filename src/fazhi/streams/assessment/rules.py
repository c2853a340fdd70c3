"""Periods and [U] settings of the 法治建设考核 stream (spec §20).

No national rule sets how long an assessed unit may object (申辩) to its score: the county's
考核方案 does ([U]). Default: within 5 working days of the scoring run
(``FAZHI_ASSESSMENT_OBJECTION_DAYS``).
"""

from __future__ import annotations

from fazhi.core.config import setting
from fazhi.core.deadlines import WORKING, DeadlineRule

OBJECTION = "objection"


def objection_days() -> int:
    return max(int(setting("FAZHI_ASSESSMENT_OBJECTION_DAYS", 5)), 0)


def objection_rule() -> DeadlineRule:
    days = objection_days()
    return DeadlineRule(
        OBJECTION, "申辩期限", days, WORKING,
        f"年度法治建设考核方案：被考核单位对评分有异议的，自评分之日起{days}个工作日内提出申辩"
        "（本地规定，可在系统设置中调整）")
