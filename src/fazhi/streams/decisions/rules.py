"""Statutory periods of the 重大行政决策 stream (spec §5.1, §5.2; 重大行政决策程序暂行条例).

These are minimum periods, not due dates: the public comment period is generally at least
30 days (第十五条) and the legality review is generally given at least 7 working days
(第二十七条). A shorter period needs a recorded reason. The numbers are settings so a
county whose detailed rules differ can change them.
"""

from __future__ import annotations

from datetime import date

from fazhi.core.calendar import add_working_days
from fazhi.core.config import setting

COMMENT_PERIOD_BASIS = "重大行政决策程序暂行条例 第十五条：公开征求意见的期限一般不少于30日；因情况紧急等原因需要缩短期限的，公开征求意见时应当予以说明"
LEGALITY_BASIS = "重大行政决策程序暂行条例 第二十七条：送请合法性审查，应当保证必要的审查时间，一般不少于7个工作日"
HEARING_NOTICE_DAYS = 7  # 第十七条: hearing materials at least 7 days before the hearing


def comment_period_min_days() -> int:
    return int(setting("FAZHI_DECISIONS_COMMENT_PERIOD_DAYS", 30))


def legality_review_min_working_days() -> int:
    return int(setting("FAZHI_DECISIONS_LEGALITY_REVIEW_WORKING_DAYS", 7))


def comment_period_days(start: date, end: date) -> int:
    """Length of a comment period, both the first and the last day counted
    ("2023年3月1日至3月30日" is 30 days)."""
    return (end - start).days + 1


def legality_review_earliest_end(submitted: date) -> date:
    """The earliest day a review submitted on ``submitted`` may conclude: the 7th working day
    after submission (the submission day not counted; holidays and make-up days respected)."""
    return add_working_days(submitted, legality_review_min_working_days())
