"""Periods and settings of the 双随机、一公开 stream (spec §6.2)."""

from __future__ import annotations

from urllib.parse import quote

from fazhi.core.config import setting
from fazhi.core.deadlines import WORKING, DeadlineRule

PUBLISH_DAYS = 20


def publish_rule() -> DeadlineRule:
    """Results published within 20 working days of the inspection (市场监管总局 2018, 企业信息公示暂行条例
    第六条); the number of days is a setting (FAZHI_INSPECTIONS_PUBLISH_DAYS)."""
    days = int(setting("FAZHI_INSPECTIONS_PUBLISH_DAYS", PUBLISH_DAYS))
    return DeadlineRule(
        "publish", "检查结果公示期限", days, WORKING,
        f"“双随机、一公开”：抽查检查结果自检查之日起{days}个工作日内公示"
        "（市场监管总局2018年6月8日国务院政策例行吹风会；企业信息公示暂行条例 第六条）")


def exclusion_days() -> int:
    """Entities inspected for the same item within this many days are left out of a draw."""
    return int(setting("FAZHI_INSPECTIONS_EXCLUSION_DAYS", 365))


CREDIT_CHINA_SEARCH = "https://www.creditchina.gov.cn/xinyongxinxi/index.html?keyword={code}"


def credit_china_url(code: str) -> str:
    """The 信用中国 credit query for a unified social credit code (一键查询)."""
    template = setting("FAZHI_INSPECTIONS_CREDIT_CHINA_URL", CREDIT_CHINA_SEARCH)
    return template.format(code=quote((code or "").strip().upper()))
