"""The system administrator's working-day calendar screens."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from fazhi.core import calendar
from fazhi.core.models import AuditEvent, DayOverride, YearSchedule

pytestmark = pytest.mark.django_db

NOTICE = "国务院办公厅关于2027年部分节假日安排的通知"
VALID = {
    "notice": NOTICE,
    "holidays": "2027-01-01 元旦\n2027-10-01~2027-10-07 国庆节\n",
    "workdays": "2027-10-09 国庆节调休",
}


@pytest.fixture(autouse=True)
def _fresh_calendar():
    calendar.clear_cache()
    yield
    calendar.clear_cache()


def on(day: date) -> time_machine.travel:
    return time_machine.travel(datetime(day.year, day.month, day.day, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)


def year_url(year: int) -> str:
    return reverse("core:calendar_year", args=[year])


def test_the_administrator_sees_where_each_years_working_days_come_from(login, sysadmin):
    with on(date(2026, 6, 1)):
        page = login(sysadmin).get(reverse("core:calendar")).content.decode()
    for year in range(2023, 2029):
        assert year_url(year) in page
    assert "国务院安排（内置数据）" in page
    assert "未确认（按周一至周五推算）" in page
    assert "下一年度节假日安排尚未录入" not in page


def test_from_december_the_administrator_is_warned_that_next_year_is_missing(login, sysadmin):
    with on(date(2026, 12, 1)):
        page = login(sysadmin).get(reverse("core:calendar")).content.decode()
    assert "下一年度节假日安排尚未录入，相关期限将标注为未确认" in page


def test_once_next_year_is_entered_the_warning_goes_and_the_notice_is_shown(login, sysadmin):
    with on(date(2026, 12, 1)):
        client = login(sysadmin)
        client.post(year_url(2027), VALID)
        page = client.get(reverse("core:calendar")).content.decode()
    assert "下一年度节假日安排尚未录入" not in page
    assert f"管理员录入：{NOTICE}" in page


@pytest.mark.parametrize("url", [reverse("core:calendar"), reverse("core:calendar_year", args=[2027])])
def test_a_clerk_may_not_open_the_calendar_screens(login, clerk, url):
    assert login(clerk).get(url).status_code == 403


def test_a_clerk_cannot_enter_a_schedule_by_posting_directly(login, clerk):
    assert login(clerk).post(year_url(2027), VALID).status_code == 403
    assert not YearSchedule.objects.exists()


def test_a_package_year_shows_its_holidays_and_make_up_workdays(login, sysadmin):
    page = login(sysadmin).get(year_url(2026)).content.decode()
    assert "国务院安排（内置数据）" in page
    assert "国庆节" in page
    assert "2月14日" in page and "星期六" in page


def test_a_valid_schedule_is_saved_and_audited(login, sysadmin):
    response = login(sysadmin).post(year_url(2027), VALID)
    assert response.status_code == 302
    schedule = YearSchedule.objects.get(year=2027)
    assert schedule.notice == NOTICE and schedule.entered_by == sysadmin
    assert schedule.days.filter(kind=DayOverride.Kind.HOLIDAY).count() == 8
    assert schedule.days.get(kind=DayOverride.Kind.WORKDAY).date == date(2027, 10, 9)
    event = AuditEvent.objects.get(action=AuditEvent.Action.SETTING)
    assert event.note == "录入2027年节假日安排"
    assert not calendar.is_workday(date(2027, 10, 1))


def test_after_saving_the_year_page_lists_the_entered_days_and_asks_before_replacing(login, sysadmin):
    client = login(sysadmin)
    page = client.post(year_url(2027), VALID, follow=True).content.decode()
    assert "已保存2027年节假日安排" in page
    assert "10月1日 至 10月7日" in page
    assert 'data-confirm="2027年已录入节假日安排' in page
    assert "2027-10-01~2027-10-07 国庆节" in page  # the form is prefilled for correction


def test_an_unentered_year_is_saved_without_a_confirmation_prompt(login, sysadmin):
    page = login(sysadmin).get(year_url(2027)).content.decode()
    assert "data-confirm" not in page
    assert "尚未录入" in page


@pytest.mark.parametrize(("field", "value", "message"), [
    ("holidays", "2027-13-01 国庆节", "第1行：“2027-13-01”不是有效日期"),
    ("holidays", "2027-10-01 国庆节\n10月2日", "第2行：格式不正确"),
    ("holidays", "2028-01-01 元旦", "第1行：日期不在2027年内"),
    ("holidays", "2027-10-07~2027-10-01 国庆节", "第1行：结束日期早于开始日期"),
    ("holidays", "2027-10-01~2027-10-07 国庆节\n2027-10-05 国庆节", "2027-10-05重复录入"),
    ("workdays", "2027-10-08 国庆节调休", "2027-10-08是星期五，本来就是工作日，无需录入为调休上班日"),
    ("workdays", "2027-10-01 国庆节调休", "2027-10-01重复录入"),
    ("notice", "", "请填写依据文件"),
])
def test_a_wrong_entry_shows_a_chinese_message_and_saves_nothing(login, sysadmin, field, value, message):
    response = login(sysadmin).post(year_url(2027), {**VALID, field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not YearSchedule.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.SETTING).exists()


def test_a_year_far_outside_the_calendar_is_not_found(login, sysadmin):
    assert login(sysadmin).get(year_url(3000)).status_code == 404
