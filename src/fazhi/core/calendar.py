"""Chinese working days: statutory holidays and make-up workdays (调休上班日).

Where a day's status comes from, in order:

1. a schedule an administrator entered for its year (``YearSchedule`` + ``DayOverride``);
2. the ``chinesecalendar`` package, for the years it carries (2004–2026 in 1.11);
3. Monday–Friday, and the day is *unconfirmed*: deadlines computed over it say so.
"""

from __future__ import annotations

import threading
from datetime import date, timedelta

import chinese_calendar

_lock = threading.Lock()
_year_cache: dict[int, dict[date, bool] | None] = {}


def clear_cache() -> None:
    """Forget loaded schedules; called whenever an administrator changes one."""
    with _lock:
        _year_cache.clear()


def _package_years() -> range:
    years = sorted({d.year for d in chinese_calendar.holidays} | {d.year for d in chinese_calendar.workdays})
    return range(years[0], years[-1] + 1)


PACKAGE_YEARS = _package_years()


def _entered_schedule(year: int) -> dict[date, bool] | None:
    """The administrator-entered overrides of ``year`` as {date: is_workday}, or None."""
    with _lock:
        if year in _year_cache:
            return _year_cache[year]
    from fazhi.core.models import YearSchedule

    schedule = YearSchedule.objects.filter(year=year).first()
    overrides = None
    if schedule is not None:
        overrides = {o.date: o.kind == "workday" for o in schedule.days.all()}
    with _lock:
        _year_cache[year] = overrides
    return overrides


def year_source(year: int) -> str:
    """'entered', 'package' or 'unconfirmed' — where the year's working days come from."""
    if _entered_schedule(year) is not None:
        return "entered"
    if year in PACKAGE_YEARS:
        return "package"
    return "unconfirmed"


def is_confirmed(d: date) -> bool:
    return year_source(d.year) != "unconfirmed"


def is_workday(d: date) -> bool:
    """True when ``d`` is a working day under the State Council schedule of its year."""
    entered = _entered_schedule(d.year)
    if entered is not None:
        return entered.get(d, d.weekday() < 5)
    if d.year in PACKAGE_YEARS:
        return chinese_calendar.is_workday(d)
    return d.weekday() < 5


def is_rest_day(d: date) -> bool:
    return not is_workday(d)


def holiday_name(d: date) -> str:
    entered = _entered_schedule(d.year)
    if entered is not None:
        from fazhi.core.models import DayOverride

        override = DayOverride.objects.filter(date=d).first()
        return override.name if override else ""
    if d.year in PACKAGE_YEARS:
        _on_holiday, name = chinese_calendar.get_holiday_detail(d)
        return _HOLIDAY_NAMES.get(name, "") if name else ""
    return ""


_HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


def add_working_days(start: date, n: int) -> date:
    """The n-th working day after ``start`` (the start day itself is not counted)."""
    if n < 0:
        raise ValueError("天数不能为负数")
    d = start
    counted = 0
    while counted < n:
        d += timedelta(days=1)
        if is_workday(d):
            counted += 1
    return d


def next_workday(d: date) -> date:
    """``d`` itself when it is a working day, otherwise the first working day after it."""
    while not is_workday(d):
        d += timedelta(days=1)
    return d


def add_calendar_days(start: date, n: int, roll_forward: bool = True) -> date:
    """The n-th day after ``start``; if that day is a rest day and ``roll_forward`` is true,
    the period ends on the next working day (民事诉讼法 第八十五条, applied by 行政诉讼法
    第一百零一条)."""
    if n < 0:
        raise ValueError("天数不能为负数")
    end = start + timedelta(days=n)
    return next_workday(end) if roll_forward else end


def working_days_between(start: date, end: date) -> int:
    """Working days in (start, end] — how many a clerk has used of a working-day period."""
    count = 0
    d = start
    while d < end:
        d += timedelta(days=1)
        if is_workday(d):
            count += 1
    return count
