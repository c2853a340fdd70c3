"""Statutory periods of the 依申请公开 stream (spec §4.2), all in working days (条例 第三十条、
第三十二条、第三十三条), and the [U] choices of the annual-report mapping as settings."""

from __future__ import annotations

from fazhi.core.config import setting
from fazhi.core.deadlines import WORKING, DeadlineRule

SUPPLEMENT_NOTICE_DAYS = 7
REPLY_DAYS = 20
EXTENSION_MAX_DAYS = 20
THIRD_PARTY_DAYS = 15

SUPPLEMENT_NOTICE = DeadlineRule(
    "supplement_notice", "补正通知期限", SUPPLEMENT_NOTICE_DAYS, WORKING,
    "政府信息公开条例 第三十条：申请内容不明确的，应当自收到申请之日起7个工作日内一次性告知申请人补正")
REPLY = DeadlineRule(
    "reply", "答复期限", REPLY_DAYS, WORKING,
    "政府信息公开条例 第三十三条第二款：自收到申请之日起20个工作日内予以答复；征求第三方意见所需时间不计算在内（第三十三条第三款）")
REPLY_AFTER_SUPPLEMENT = DeadlineRule(
    "reply", "答复期限", REPLY_DAYS, WORKING,
    "政府信息公开条例 第三十条、第三十三条第二款：答复期限自行政机关收到补正的申请之日起计算，20个工作日")
THIRD_PARTY = DeadlineRule(
    "third_party", "第三方答复期限", THIRD_PARTY_DAYS, WORKING,
    "政府信息公开条例 第三十二条：第三方应当自收到征求意见书之日起15个工作日内提出意见")

# Table 三 rows (spec §21.6). Where a reply type is counted is a local choice the spec marks [U].
TABLE_ROWS = ("public", "partial", "refused", "no_info", "not_processed", "other")


def already_public_row() -> str:
    """"Already disclosed: applicant told where to find it" -> row (一) in common practice [U]."""
    return setting("FAZHI_DISCLOSURE_ALREADY_PUBLIC_ROW", "public")


def special_channel_row() -> str:
    """Special statutory channel (工商 / 不动产 data) -> (五) or (六) by local guidance [U]."""
    return setting("FAZHI_DISCLOSURE_SPECIAL_CHANNEL_ROW", "other")
