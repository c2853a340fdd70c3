"""Chinese working days: statutory holidays and make-up workdays (调休上班日).

Where a day's status comes from, in order:

1. a schedule an administrator entered for its year (``YearSchedule`` + ``DayOverride``);
2. the ``chinesecalendar`` package, for the years it carries (2004–2026 in 1.11);
3. Monday–Friday, and the day is *unconfirmed*: deadlines computed over it say so.

Entered schedules are cached per process for ``CACHE_SECONDS``: a save clears this
process's cache at once, and other worker processes pick the change up within that time.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

import chinese_calendar
from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import scope
from fazhi.core.models import DayOverride, YearSchedule

Day = tuple[date, str]  # a date and the holiday it belongs to ("" when unnamed)
_Overrides = dict[date, tuple[bool, str]]  # date -> (is_workday, holiday name)

CACHE_SECONDS = 60.0
NAME_MAX_LENGTH = 40
WEEKDAYS = "一二三四五六日"

_lock = threading.Lock()
_year_cache: dict[int, tuple[float, _Overrides | None]] = {}


def clear_cache() -> None:
    """Forget loaded schedules; called whenever an administrator changes one."""
    with _lock:
        _year_cache.clear()


def _package_years() -> range:
    years = sorted({d.year for d in chinese_calendar.holidays} | {d.year for d in chinese_calendar.workdays})
    return range(years[0], years[-1] + 1)


PACKAGE_YEARS = _package_years()


def _load_entered(year: int) -> _Overrides | None:

    schedule = YearSchedule.objects.filter(year=year).first()
    if schedule is None:
        return None
    return {o.date: (o.kind == DayOverride.Kind.WORKDAY, o.name) for o in schedule.days.all()}


def _entered_schedule(year: int) -> _Overrides | None:
    """The administrator-entered overrides of ``year``, or None when it has no schedule."""
    now = time.monotonic()
    with _lock:
        cached = _year_cache.get(year)
    if cached is not None and now - cached[0] < CACHE_SECONDS:
        return cached[1]
    overrides = _load_entered(year)
    with _lock:
        _year_cache[year] = (now, overrides)
    return overrides


def year_source(year: int) -> str:
    """'entered', 'package' or 'unconfirmed' — where the year's working days come from."""
    if _entered_schedule(year) is not None:
        return "entered"
    if year in PACKAGE_YEARS:
        return "package"
    return "unconfirmed"


def is_confirmed(d: date) -> bool:
    """True when the State Council schedule of ``d``'s year is known."""
    return year_source(d.year) != "unconfirmed"


def is_workday(d: date) -> bool:
    """True when ``d`` is a working day under the State Council schedule of its year."""
    entered = _entered_schedule(d.year)
    if entered is not None:
        return entered[d][0] if d in entered else d.weekday() < 5
    if d.year in PACKAGE_YEARS:
        return _package_workday(d)
    return d.weekday() < 5


@functools.cache
def _package_workday(d: date) -> bool:
    """The chinesecalendar package's answer; its data is fixed for the process, so remembering
    it cannot go stale (the package validates every call slowly, ~0.2 ms)."""
    return chinese_calendar.is_workday(d)


def is_rest_day(d: date) -> bool:
    return not is_workday(d)


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


def holiday_name(d: date) -> str:
    """The holiday ``d`` belongs to (a make-up workday names the holiday it makes up for)."""
    entered = _entered_schedule(d.year)
    if entered is not None:
        return entered[d][1] if d in entered else ""
    if d.year in PACKAGE_YEARS:
        _on_holiday, name = chinese_calendar.get_holiday_detail(d)
        return _HOLIDAY_NAMES.get(name, "") if name else ""
    return ""


def year_days(year: int) -> tuple[list[Day], list[Day]]:
    """The holidays and make-up workdays of ``year`` from whichever source it has."""
    entered = _entered_schedule(year)
    if entered is not None:
        days = sorted(entered.items())
        return ([(d, name) for d, (work, name) in days if not work],
                [(d, name) for d, (work, name) in days if work])
    if year in PACKAGE_YEARS:
        return (_package_days(chinese_calendar.holidays, year), _package_days(chinese_calendar.workdays, year))
    return [], []


def _package_days(table: dict[date, str], year: int) -> list[Day]:
    return sorted((d, _HOLIDAY_NAMES.get(name, "")) for d, name in table.items() if d.year == year)


def group_ranges(days: Iterable[Day]) -> list[tuple[date, date, str]]:
    """Consecutive days of the same holiday as (first, last, name)."""
    ranges: list[tuple[date, date, str]] = []
    for d, name in sorted(days):
        if ranges and ranges[-1][2] == name and ranges[-1][1] + timedelta(days=1) == d:
            ranges[-1] = (ranges[-1][0], d, name)
        else:
            ranges.append((d, d, name))
    return ranges


def format_days(days: Iterable[Day]) -> list[str]:
    """Lines as an administrator types them: ``2027-10-01~2027-10-07 国庆节``."""
    lines = []
    for first, last, name in group_ranges(days):
        span = first.isoformat() if first == last else f"{first.isoformat()}~{last.isoformat()}"
        lines.append(f"{span} {name}".strip())
    return lines


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


# --- Entering a year's State Council schedule -------------------------------------------


def _date_problems(year: int, days: Sequence[Day], seen: set[date]) -> list[str]:
    problems = []
    for d, name in days:
        if d.year != year:
            problems.append(f"{d.isoformat()}不在{year}年内")
        elif d in seen:
            problems.append(f"{d.isoformat()}重复录入")
        if len(name) > NAME_MAX_LENGTH:
            problems.append(f"{d.isoformat()}的节日名称不能超过{NAME_MAX_LENGTH}个字")
        seen.add(d)
    return problems


def _weekday_problems(workdays: Sequence[Day]) -> list[str]:
    return [
        f"{d.isoformat()}是星期{WEEKDAYS[d.weekday()]}，本来就是工作日，无需录入为调休上班日"
        for d, _name in workdays if d.weekday() < 5
    ]


def schedule_problems(year: int, holidays: Sequence[Day], workdays: Sequence[Day]) -> dict[str, list[str]]:
    """What is wrong with a schedule, by field ('holidays' / 'workdays'); empty when valid."""
    seen: set[date] = set()
    found = {
        "holidays": _date_problems(year, holidays, seen),
        "workdays": _date_problems(year, workdays, seen) + _weekday_problems(workdays),
    }
    if not holidays and not found["holidays"]:
        found["holidays"] = ["请至少录入一个法定节假日"]
    return {field: messages for field, messages in found.items() if messages}


def _schedule_state(schedule) -> dict:
    holidays, workdays = year_days(schedule.year)
    return {"notice": schedule.notice, "holidays": format_days(holidays), "workdays": format_days(workdays)}


def _replace_days(schedule, holidays: Sequence[Day], workdays: Sequence[Day]) -> None:

    schedule.days.all().delete()
    DayOverride.objects.bulk_create(
        [DayOverride(schedule=schedule, date=d, kind=DayOverride.Kind.HOLIDAY, name=n) for d, n in holidays]
        + [DayOverride(schedule=schedule, date=d, kind=DayOverride.Kind.WORKDAY, name=n) for d, n in workdays]
    )


def _write_schedule(year: int, notice: str, holidays: Sequence[Day], workdays: Sequence[Day], by):
    # here, not at the top: fazhi.core.deadlines imports this module, directly or through others (a cycle)
    from fazhi.core import audit, deadlines

    clear_cache()
    schedule, created = YearSchedule.objects.select_for_update().get_or_create(
        year=year, defaults={"notice": notice, "entered_by": by})
    before = None if created else _schedule_state(schedule)
    schedule.notice, schedule.entered_by = notice, by
    schedule.save()
    _replace_days(schedule, holidays, workdays)
    clear_cache()
    after = {**_schedule_state(schedule), "year": year, "recomputed_deadlines": deadlines.recompute_for_year(year)}
    audit.record(action=audit.Action.SETTING, actor=by, obj=schedule, before=before, after=after,
                 note=f"录入{year}年节假日安排")
    return schedule


def schedule_save(*, year: int, notice: str, holidays: Iterable[Day], workdays: Iterable[Day], by):
    """Enter (or replace) ``year``'s State Council schedule in one transaction.

    ``holidays`` are rest days, ``workdays`` make-up workdays on weekends, each as (date, name).
    Open deadlines whose period touches the year are recomputed; the change is audited.
    Raises ``ValidationError`` (by field) and writes nothing when the schedule is wrong.
    """

    scope.require(by, "calendar.manage")
    holidays, workdays, notice = sorted(holidays), sorted(workdays), notice.strip()
    problems = schedule_problems(year, holidays, workdays)
    if not notice:
        problems["notice"] = ["请填写依据文件"]
    if problems:
        raise ValidationError(problems)
    try:
        with transaction.atomic():
            return _write_schedule(year, notice, holidays, workdays, by)
    finally:
        clear_cache()
