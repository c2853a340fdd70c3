"""Periods and settings of the 双随机、一公开 stream (spec §6.2)."""

from __future__ import annotations

from fazhi.core.config import setting
from fazhi.core.deadlines import WORKING, DeadlineRule
from fazhi.core.identifiers import credit_china_url  # noqa: F401 (the stream's links use core's)

PUBLISH_DAYS = 20
PUBLISH_KEY = "publish"


def publish_rule() -> DeadlineRule:
    """Results published within 20 working days of the inspection (市场监管总局 2018, 企业信息公示暂行条例
    第六条); the number of days is a setting (FAZHI_INSPECTIONS_PUBLISH_DAYS)."""
    days = int(setting("FAZHI_INSPECTIONS_PUBLISH_DAYS", PUBLISH_DAYS))
    return DeadlineRule(
        PUBLISH_KEY, "检查结果公示期限", days, WORKING,
        f"“双随机、一公开”：抽查检查结果自检查之日起{days}个工作日内公示"
        "（市场监管总局2018年6月8日国务院政策例行吹风会；企业信息公示暂行条例 第六条）")


def exclusion_days() -> int:
    """Entities inspected for the same item within this many days are left out of a draw."""
    return int(setting("FAZHI_INSPECTIONS_EXCLUSION_DAYS", 365))
