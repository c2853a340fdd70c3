"""Statutory deadlines on a real ledger record: due dates, pauses, extensions and status."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from hypothesis import given
from hypothesis import strategies as st

from fazhi.core import calendar, deadlines
from fazhi.core.deadlines import CALENDAR_ROLL, CALENDAR_STRICT, WORKING, DeadlineRule, Pause, compute_due
from fazhi.core.ledger import record_create
from fazhi.core.models import Deadline
from fazhi.streams.study.models import StudySession

pytestmark = pytest.mark.django_db

DISCLOSURE = DeadlineRule(key="reply", label="政府信息公开答复期限", days=20, rule=WORKING,
                          basis="《政府信息公开条例》第三十三条")
APPEAL = DeadlineRule(key="appeal", label="起诉期限", days=15, rule=CALENDAR_ROLL,
                      basis="《行政诉讼法》第四十五条")
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def _fresh_calendar():
    calendar.clear_cache()
    yield
    calendar.clear_cache()


@pytest.fixture
def session(clerk, market_unit) -> StudySession:
    return record_create(StudySession, by=clerk, unit=market_unit, year=2026, kind="topic", title="x")


def frozen(day: date) -> time_machine.travel:
    return time_machine.travel(datetime(day.year, day.month, day.day, 10, tzinfo=SHANGHAI), tick=False)


def test_a_disclosure_reply_received_before_national_day_2023_is_due_after_the_break(session):
    deadline = deadlines.deadline_set(record=session, rule=DISCLOSURE, start=date(2023, 9, 25))
    assert deadline.due == date(2023, 10, 27)
    assert deadline.confirmed
    assert Deadline.objects.get(pk=deadline.pk).due == date(2023, 10, 27)
    steps = deadlines.explain(deadline)
    assert steps[0] == "法律依据：《政府信息公开条例》第三十三条"
    assert "自2023年9月25日次日起算20个工作日" in steps
    assert steps[-1] == "到期日：2023年10月27日"


def test_an_approved_extension_adds_working_days_and_says_who_approved_it(session):
    deadline = deadlines.deadline_set(record=session, rule=DISCLOSURE, start=date(2023, 9, 25))
    deadlines.deadline_extend(deadline=deadline, days=20, approved_by="张局长", on=date(2023, 10, 20),
                              reason="需要调取档案")
    assert deadline.due == calendar.add_working_days(date(2023, 10, 27), 20)
    assert "2023年10月20日经张局长批准延长20个工作日（需要调取档案）" in deadlines.explain(deadline)


def test_a_second_extension_beyond_the_limit_is_refused(session):
    deadline = deadlines.deadline_set(record=session, rule=DISCLOSURE, start=date(2023, 9, 25))
    deadlines.deadline_extend(deadline=deadline, days=20, approved_by="张局长", on=date(2023, 10, 20),
                              reason="", max_extensions=1)
    with pytest.raises(ValueError, match="最多延长1次"):
        deadlines.deadline_extend(deadline=deadline, days=5, approved_by="张局长", on=date(2023, 10, 23),
                                  reason="", max_extensions=1)


def test_a_closed_pause_pushes_the_due_date_back_by_the_working_days_it_covered(session):
    deadline = deadlines.deadline_set(record=session, rule=DISCLOSURE, start=date(2023, 9, 25))
    with frozen(date(2023, 10, 9)):
        deadlines.deadline_pause(deadline=deadline, on=date(2023, 10, 9), reason="征求第三方意见")
    deadlines.deadline_resume(deadline=deadline, on=date(2023, 10, 13))  # Mon–Fri not counted
    assert deadline.due == calendar.add_working_days(date(2023, 10, 27), 5)
    assert "2023年10月9日至2023年10月13日不计入期限（征求第三方意见）" in deadlines.explain(deadline)


def test_an_open_pause_shows_the_deadline_as_paused_and_its_due_date_as_if_resumed_today(session):
    deadline = deadlines.deadline_set(record=session, rule=DISCLOSURE, start=date(2023, 9, 25))
    with frozen(date(2023, 10, 10)):
        deadlines.deadline_pause(deadline=deadline, on=date(2023, 10, 9), reason="征求第三方意见")
        assert deadline.due == calendar.add_working_days(date(2023, 10, 27), 2)
        assert deadlines.status(deadline, date(2023, 10, 10)) == "paused"
        assert any("尚未恢复" in step for step in deadlines.explain(deadline))


def test_pausing_twice_or_resuming_before_the_pause_is_refused(session):
    deadline = deadlines.deadline_set(record=session, rule=DISCLOSURE, start=date(2023, 9, 25))
    with frozen(date(2023, 10, 9)):
        deadlines.deadline_pause(deadline=deadline, on=date(2023, 10, 9), reason="征求第三方意见")
        with pytest.raises(ValueError, match="已处于中止状态"):
            deadlines.deadline_pause(deadline=deadline, on=date(2023, 10, 10), reason="again")
    with pytest.raises(ValueError, match="恢复日期不能早于中止日期"):
        deadlines.deadline_resume(deadline=deadline, on=date(2023, 10, 8))


def test_a_calendar_day_period_ending_in_a_holiday_says_it_was_rolled_forward(session):
    deadline = deadlines.deadline_set(record=session, rule=APPEAL, start=date(2024, 9, 17))
    assert deadline.due == date(2024, 10, 8)  # Oct 2 falls in the National Day break
    assert "期满日2024年10月2日为法定节假日或休息日，顺延至其后第一个工作日" in deadlines.explain(deadline)


@pytest.mark.parametrize(("today", "expected"), [
    (date(2023, 10, 20), "open"),
    (date(2023, 10, 24), "due_soon"),
    (date(2023, 10, 27), "due_soon"),
    (date(2023, 10, 30), "overdue"),
])
def test_the_status_warns_three_working_days_ahead_and_flags_an_overdue_deadline(session, today, expected):
    deadline = deadlines.deadline_set(record=session, rule=DISCLOSURE, start=date(2023, 9, 25))
    assert deadlines.status(deadline, today) == expected


def test_a_deadline_met_in_time_is_met_and_one_met_late_is_marked_late(session):
    deadline = deadlines.deadline_set(record=session, rule=DISCLOSURE, start=date(2023, 9, 25))
    deadlines.deadline_meet(deadline=deadline, on=date(2023, 10, 27))
    assert deadlines.status(deadline, date(2023, 11, 30)) == "met"
    deadlines.deadline_meet(deadline=deadline, on=date(2023, 10, 30))
    assert deadlines.status(deadline, date(2023, 11, 30)) == "met_late"


def test_a_2027_deadline_is_unconfirmed_until_the_schedule_is_entered_then_it_is_recomputed(session, sysadmin):
    deadline = deadlines.deadline_set(record=session, rule=DeadlineRule(
        key="short", label="五日期限", days=5, rule=WORKING, basis="测试依据"), start=date(2027, 9, 28))
    assert (deadline.due, deadline.confirmed) == (date(2027, 10, 5), False)
    calendar.schedule_save(
        year=2027, notice="国务院办公厅关于2027年部分节假日安排的通知", by=sysadmin,
        holidays=[(date(2027, 10, 1) + timedelta(days=i), "国庆节") for i in range(7)],
        workdays=[(date(2027, 10, 9), "国庆节调休")],
    )
    deadline.refresh_from_db()
    assert (deadline.due, deadline.confirmed) == (date(2027, 10, 11), True)


def test_a_strict_calendar_period_does_not_depend_on_the_holiday_schedule():
    due = compute_due(CALENDAR_STRICT, date(2027, 9, 20), 11)
    assert due.due == date(2027, 10, 1)
    assert due.confirmed


@given(
    rule=st.sampled_from([WORKING, CALENDAR_ROLL, CALENDAR_STRICT]),
    start=st.dates(min_value=date(2004, 1, 1), max_value=date(2027, 12, 31)),
    days=st.integers(min_value=0, max_value=40),
    offset=st.integers(min_value=0, max_value=60),
    length=st.integers(min_value=0, max_value=20),
    open_pause=st.booleans(),
)
def test_a_pause_never_brings_a_due_date_forward(rule, start, days, offset, length, open_pause):
    first = start + timedelta(days=offset)
    pause = Pause(first, None if open_pause else first + timedelta(days=length), "中止")
    today = first + timedelta(days=length)
    plain = compute_due(rule, start, days, today=today).due
    assert compute_due(rule, start, days, [pause], today=today).due >= plain
