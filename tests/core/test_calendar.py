"""Working days under the State Council schedule, and what happens in years without one."""

from __future__ import annotations

from datetime import date, timedelta

import chinese_calendar
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import given
from hypothesis import strategies as st

from fazhi.core import calendar
from fazhi.core.deadlines import WORKING, compute_due
from fazhi.core.models import AuditEvent, DayOverride, YearSchedule

pytestmark = pytest.mark.django_db

PACKAGE_DATES = st.dates(min_value=date(2004, 1, 1), max_value=date(2026, 12, 31))
ANY_DATES = st.dates(min_value=date(2004, 1, 1), max_value=date(2029, 12, 31))
NATIONAL_DAY_2027 = [(date(2027, 10, 1) + timedelta(days=i), "国庆节") for i in range(7)]
MAKE_UP_2027 = [(date(2027, 10, 9), "国庆节调休")]


@pytest.fixture(autouse=True)
def _fresh_calendar():
    """Schedules entered in one test must not linger in the cache after its rollback."""
    calendar.clear_cache()
    yield
    calendar.clear_cache()


def enter_2027(by, **changes):
    values = {"year": 2027, "notice": "国务院办公厅关于2027年部分节假日安排的通知",
              "holidays": NATIONAL_DAY_2027, "workdays": MAKE_UP_2027, **changes}
    return calendar.schedule_save(by=by, **values)


# --- fixed dates from the real State Council schedules ---------------------------------


def test_twenty_working_days_across_national_day_2023_skip_the_break_and_count_the_weekend_make_up_days():
    # Sept 29 – Oct 6 off; Sat Oct 7 and Sun Oct 8 are make-up workdays.
    assert calendar.add_working_days(date(2023, 9, 25), 20) == date(2023, 10, 27)
    assert calendar.add_working_days(date(2023, 9, 28), 1) == date(2023, 10, 7)


def test_the_spring_festival_2024_break_is_skipped_and_its_sunday_make_up_day_counts():
    assert calendar.add_working_days(date(2024, 2, 9), 1) == date(2024, 2, 18)
    assert calendar.add_working_days(date(2024, 2, 8), 3) == date(2024, 2, 19)
    assert not any(calendar.is_workday(date(2024, 2, d)) for d in range(10, 18))
    assert calendar.is_workday(date(2024, 2, 4))


@pytest.mark.parametrize("day", ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"])
def test_the_2026_make_up_weekend_days_are_working_days(day):
    d = date.fromisoformat(day)
    assert d.weekday() >= 5
    assert calendar.is_workday(d)


def test_a_calendar_period_ending_in_national_day_2024_rolls_to_the_first_working_day_after_it():
    assert calendar.add_calendar_days(date(2024, 9, 25), 7) == date(2024, 10, 8)
    assert calendar.add_calendar_days(date(2024, 9, 25), 7, roll_forward=False) == date(2024, 10, 2)


def test_a_calendar_period_ending_on_a_working_day_does_not_move():
    assert calendar.add_calendar_days(date(2024, 9, 20), 7) == date(2024, 9, 27)


def test_the_start_day_is_not_counted_so_one_working_day_after_a_friday_is_the_monday():
    friday = date(2024, 3, 1)
    assert calendar.add_working_days(friday, 1) == date(2024, 3, 4)
    assert calendar.add_working_days(friday, 0) == friday


def test_a_negative_number_of_days_is_refused_in_chinese():
    with pytest.raises(ValueError, match="天数不能为负数"):
        calendar.add_working_days(date(2024, 3, 1), -1)
    with pytest.raises(ValueError, match="天数不能为负数"):
        calendar.add_calendar_days(date(2024, 3, 1), -1)


def test_package_holidays_are_named_in_chinese():
    assert calendar.holiday_name(date(2024, 10, 1)) == "国庆节"
    assert calendar.holiday_name(date(2024, 2, 12)) == "春节"
    assert calendar.holiday_name(date(2024, 3, 12)) == ""


# --- a year the package does not know ---------------------------------------------------


def test_2027_without_a_schedule_falls_back_to_monday_to_friday_and_is_unconfirmed():
    assert calendar.year_source(2027) == "unconfirmed"
    assert not calendar.is_confirmed(date(2027, 10, 1))
    assert calendar.is_workday(date(2027, 10, 1))  # a Friday
    assert not calendar.is_workday(date(2027, 10, 9))  # a Saturday
    due = compute_due(WORKING, date(2027, 9, 28), 5)
    assert due.due == date(2027, 10, 5)
    assert due.confirmed is False
    assert any("2027年节假日安排尚未录入" in step for step in due.steps)


def test_an_entered_2027_schedule_is_honoured_and_confirms_the_deadline(sysadmin):
    enter_2027(sysadmin)
    assert calendar.year_source(2027) == "entered"
    assert not calendar.is_workday(date(2027, 10, 1))
    assert calendar.is_workday(date(2027, 10, 9))
    assert calendar.holiday_name(date(2027, 10, 3)) == "国庆节"
    due = compute_due(WORKING, date(2027, 9, 28), 5)
    assert due.due == date(2027, 10, 11)
    assert due.confirmed is True


def test_entering_a_schedule_is_audited_with_its_notice_and_days(sysadmin):
    schedule = enter_2027(sysadmin)
    event = AuditEvent.objects.get(action=AuditEvent.Action.SETTING)
    assert event.actor == sysadmin
    assert event.note == "录入2027年节假日安排"
    assert event.object_id == str(schedule.pk)
    assert event.after["holidays"] == ["2027-10-01~2027-10-07 国庆节"]
    assert event.after["workdays"] == ["2027-10-09 国庆节调休"]


def test_replacing_a_schedule_drops_the_old_days_and_audits_what_was_there(sysadmin):
    enter_2027(sysadmin)
    enter_2027(sysadmin, holidays=[(date(2027, 5, 3), "劳动节")], workdays=[], notice="更正通知")
    assert calendar.is_workday(date(2027, 10, 1))
    assert not calendar.is_workday(date(2027, 5, 3))
    assert YearSchedule.objects.get().notice == "更正通知"
    assert DayOverride.objects.count() == 1
    latest = AuditEvent.objects.filter(action=AuditEvent.Action.SETTING).latest("pk")
    assert latest.before["holidays"] == ["2027-10-01~2027-10-07 国庆节"]


@pytest.mark.parametrize(("holidays", "workdays", "field", "message"), [
    ([(date(2028, 1, 1), "元旦")], [], "holidays", "2028-01-01不在2027年内"),
    (NATIONAL_DAY_2027, [(date(2027, 10, 8), "调休")], "workdays", "本来就是工作日"),
    (NATIONAL_DAY_2027 + [(date(2027, 10, 3), "国庆节")], [], "holidays", "2027-10-03重复录入"),
    (NATIONAL_DAY_2027, [(date(2027, 10, 2), "调休")], "workdays", "2027-10-02重复录入"),
    ([], [], "holidays", "请至少录入一个法定节假日"),
])
def test_a_wrong_schedule_is_refused_by_field_and_nothing_is_written(sysadmin, holidays, workdays, field, message):
    with pytest.raises(ValidationError) as caught:
        enter_2027(sysadmin, holidays=holidays, workdays=workdays)
    assert any(message in m for m in caught.value.message_dict[field])
    assert not YearSchedule.objects.exists()
    assert not AuditEvent.objects.exists()
    assert calendar.year_source(2027) == "unconfirmed"


def test_only_the_system_administrator_may_enter_a_schedule(clerk):
    with pytest.raises(PermissionDenied):
        enter_2027(clerk)
    assert not YearSchedule.objects.exists()


def test_an_administrator_may_correct_a_package_year_and_the_correction_wins(sysadmin):
    calendar.schedule_save(year=2026, notice="更正", holidays=[(date(2026, 3, 2), "测试")], workdays=[],
                           by=sysadmin)
    assert calendar.year_source(2026) == "entered"
    assert not calendar.is_workday(date(2026, 3, 2))
    assert calendar.is_workday(date(2026, 10, 1))  # the entered schedule replaces the package's


def test_year_days_lists_the_package_holidays_and_make_up_days_of_2026():
    holidays, workdays = calendar.year_days(2026)
    assert (date(2026, 10, 1), "国庆节") in holidays
    assert [d for d, _ in workdays] == [date(2026, 1, 4), date(2026, 2, 14), date(2026, 2, 28),
                                        date(2026, 5, 9), date(2026, 9, 20), date(2026, 10, 10)]


# --- properties -------------------------------------------------------------------------


@given(start=ANY_DATES, n=st.integers(min_value=1, max_value=60))
def test_the_nth_working_day_is_a_working_day_exactly_n_working_days_later(start, n):
    end = calendar.add_working_days(start, n)
    assert calendar.is_workday(end)
    assert calendar.working_days_between(start, end) == n


@given(start=ANY_DATES, a=st.integers(min_value=0, max_value=40), b=st.integers(min_value=0, max_value=40))
def test_more_working_days_never_end_earlier(start, a, b):
    low, high = sorted((a, b))
    assert calendar.add_working_days(start, low) <= calendar.add_working_days(start, high)


@given(start=ANY_DATES, n=st.integers(min_value=0, max_value=90))
def test_calendar_days_without_rolling_are_plain_days_and_rolling_only_moves_to_a_working_day(start, n):
    plain = calendar.add_calendar_days(start, n, roll_forward=False)
    rolled = calendar.add_calendar_days(start, n)
    assert plain == start + timedelta(days=n)
    assert rolled >= plain
    assert calendar.is_workday(rolled)
    assert all(not calendar.is_workday(plain + timedelta(days=i)) for i in range((rolled - plain).days))


@given(day=PACKAGE_DATES)
def test_a_day_is_a_working_day_exactly_when_the_state_council_does_not_give_it_off(day):
    assert calendar.is_workday(day) != chinese_calendar.is_holiday(day)
    assert calendar.is_confirmed(day)
