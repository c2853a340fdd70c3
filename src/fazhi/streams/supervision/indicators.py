"""Indicators of 法治督察 and of units' own annual reports, per inspected unit; the period is
normally a year. The assessment (考核) scheme binds to these keys:

* ``supervision.visits``: visits done (已督察 or 已完结) whose visit date falls in the period,
  counted for the inspected unit;
* ``supervision.findings``: problems found in the period (each is one 整改 task of the unit);
* ``supervision.rectifications_overdue``: 整改 tasks of findings of the period that are overdue —
  still unreported (or returned) after their due date, or reported after it;
* ``supervision.rectification_on_time_rate``: 整改 tasks reported by their due date and closed
  (销号) ÷ 整改 tasks of the period that are closed or past their due date;
* ``supervision.unit_reports_received``: the unit's annual reports for a year of the period that
  were submitted (已报送 or 已审核);
* ``supervision.unit_reports_on_time_rate``: reports submitted by their due date ÷ reports
  requested whose due date has passed or that were submitted.

"Overdue" and "due date" come from the deadline the record carries (core.deadlines), the
same date its page, its list's overdue filter and the reminders show.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q
from django.utils import timezone

from fazhi.core.models import Deadline
from fazhi.indicators.registry import Indicator, Result, register
from fazhi.streams.supervision import rules
from fazhi.streams.supervision.models import Rectification, SupervisionVisit, UnitReport


def visits(units, period) -> Result:
    """督察 visits done (已督察 or 已完结) to the unit whose visit date falls in the period."""
    return Result.count(SupervisionVisit.objects.filter(
        inspected__in=units, state__in=("done", "closed"), visited_on__gte=period.start, visited_on__lte=period.end))


def _rectifications(units, period):
    return Rectification.objects.filter(unit__in=units, found_on__gte=period.start, found_on__lte=period.end)


def _deadlines(**conditions):
    return Deadline.objects.filter(content_type=ContentType.objects.get_for_model(Rectification),
                                   key=rules.RECTIFY).filter(**conditions)


def _late():
    today = timezone.localdate()
    return Q(pk__in=_deadlines(met_on__isnull=True, due__lt=today).values("object_id")) | Q(
        pk__in=_deadlines(met_on__gt=F("due")).values("object_id"))


def findings(units, period) -> Result:
    """Problems found on 督察 of the unit in the period (each is one 整改 task; the records are the tasks)."""
    return Result.count(_rectifications(units, period))


def rectifications_overdue(units, period) -> Result:
    """整改 tasks of the period's findings that are late: unreported (or returned) after their due date, or reported after it."""
    return Result.count(_rectifications(units, period).filter(_late()))


def rectification_on_time_rate(units, period) -> Result:
    """整改 tasks reported by their due date and closed (销号) ÷ the period's 整改 tasks that are closed or past their due date."""
    today = timezone.localdate()
    due = _rectifications(units, period).filter(
        Q(state="closed") | Q(pk__in=_deadlines(due__lt=today).values("object_id")))
    on_time = due.filter(state="closed").exclude(_late())
    return Result.ratio(on_time, due)


def _unit_reports(units, period):
    return UnitReport.objects.filter(unit__in=units, year__gte=period.start.year, year__lte=period.end.year)


def unit_reports_received(units, period) -> Result:
    """The unit's own annual 法治政府建设 reports for a year of the period that were submitted (已报送 or 已审核)."""
    return Result.count(_unit_reports(units, period).filter(state__in=("submitted", "accepted")))


def unit_reports_on_time_rate(units, period) -> Result:
    """Reports submitted by their due date ÷ reports requested for a year of the period that are submitted or past due."""
    today = timezone.localdate()
    reports = _unit_reports(units, period)
    due = reports.filter(Q(state__in=("submitted", "accepted")) | Q(due_on__lt=today))
    on_time = due.filter(state__in=("submitted", "accepted"), submitted_on__lte=F("due_on"))
    return Result.ratio(on_time, due)


# Figures that depend on today's date settle once the due dates of the period's records have
# passed: 整改 found late in a year fall due in the next spring, reports of a year are collected
# in the next one.
RECTIFY_SETTLES = 120
REPORTS_SETTLE = 366

register(
    Indicator("supervision.visits", "接受法治督察次数", "次", visits),
    Indicator("supervision.findings", "督察发现问题数", "个", findings),
    Indicator("supervision.rectifications_overdue", "督察整改逾期数", "项", rectifications_overdue,
              settles_after=RECTIFY_SETTLES),
    Indicator("supervision.rectification_on_time_rate", "督察整改按期完成率", "%", rectification_on_time_rate,
              precision=1, settles_after=RECTIFY_SETTLES),
    Indicator("supervision.unit_reports_received", "年度法治政府建设报告报送数", "份", unit_reports_received,
              settles_after=REPORTS_SETTLE),
    Indicator("supervision.unit_reports_on_time_rate", "年度法治政府建设报告按期报送率", "%",
              unit_reports_on_time_rate, precision=1, settles_after=REPORTS_SETTLE),
)
