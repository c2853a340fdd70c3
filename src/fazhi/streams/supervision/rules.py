"""Periods of 法治督察 (spec §1; 《法治政府建设与责任落实督察工作规定》).

整改期限: a finding is to be rectified within N working days of the day it was found; N is a
local choice [U], setting ``FAZHI_SUPERVISION_RECTIFY_DAYS`` (default 30). A finding may fix
its own date instead (限期整改至…): that date stands as written (calendar_strict).

Departments' and townships' own annual reports are due on the date the coordinating office
sets when it opens the collection (calendar_strict: the notice's date stands).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ImproperlyConfigured

from fazhi.core.config import setting
from fazhi.core.deadlines import CALENDAR_STRICT, WORKING, DeadlineRule

RECTIFY_DAYS_SETTING = "FAZHI_SUPERVISION_RECTIFY_DAYS"
RECTIFY = "supervision_rectify"
UNIT_REPORT = "supervision_unit_report"
BASIS = "《法治政府建设与责任落实督察工作规定》"


def rectify_days() -> int:
    value = setting(RECTIFY_DAYS_SETTING, 30)
    if not isinstance(value, int) or value <= 0:
        raise ImproperlyConfigured(f"{RECTIFY_DAYS_SETTING} must be a positive number of working days")
    return value


def rectify_rule(found_on: date, required_by: date | None) -> DeadlineRule:
    if required_by is not None:
        return DeadlineRule(RECTIFY, "督察整改期限", max((required_by - found_on).days, 0), CALENDAR_STRICT,
                            f"督察整改通知限期{required_by:%Y-%m-%d}前完成整改")
    days = rectify_days()
    return DeadlineRule(RECTIFY, "督察整改期限", days, WORKING,
                        f"自督察发现问题之日起{days}个工作日内完成整改（{BASIS}，本地设置）")


def unit_report_rule(opened_on: date, due_on: date) -> DeadlineRule:
    return DeadlineRule(UNIT_REPORT, "年度法治政府建设情况报告报送", max((due_on - opened_on).days, 0),
                        CALENDAR_STRICT, f"依法治区办征集通知要求{due_on:%Y-%m-%d}前报送（{BASIS}）")
