"""Petition periods on the real 2023–2026 State Council holiday schedules (chinesecalendar):
calendar days rolled forward past rest days by default, a setting for the other readings,
the approved 30-day extension (once) and the hearing time left out of 复核."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.management import call_command

from fazhi.core.deadlines import deadlines_of, explain, status
from fazhi.core.ledger import record_update
from fazhi.core.models import Notification
from fazhi.streams.petitions import rules
from fazhi.streams.petitions.services import petition_extend
from tests.streams.petitions.conftest import new_petition

pytestmark = pytest.mark.django_db


def due_of(petition, key) -> date:
    return deadlines_of(petition).get(key=key).due


def test_registration_15_days_roll_past_national_day_2023_to_the_make_up_saturday(clerk, market_unit):
    p = new_petition(clerk, market_unit, year=2023, registered_on=date(2023, 9, 21))
    d = deadlines_of(p).get(key=rules.DISPOSE)
    assert d.due == date(2023, 10, 7)
    steps = explain(d)
    assert steps[0].startswith("法律依据：《信访工作条例》（2022）第二十二条")
    assert "期满日2023年10月6日为法定节假日或休息日，顺延至其后第一个工作日" in steps


@pytest.mark.parametrize(("day_rule", "due"), [("calendar_roll", date(2023, 10, 7)),
                                                ("calendar_strict", date(2023, 10, 6)),
                                                ("working", date(2023, 10, 18))])
def test_the_day_rule_is_a_setting(settings, clerk, market_unit, day_rule, due):
    settings.FAZHI_PETITIONS_DAY_RULE = day_rule
    p = new_petition(clerk, market_unit, year=2023, registered_on=date(2023, 9, 21))
    assert due_of(p, rules.DISPOSE) == due
    assert deadlines_of(p).get().rule == day_rule


def test_an_unknown_day_rule_is_a_configuration_error(settings):
    settings.FAZHI_PETITIONS_DAY_RULE = "lunar"
    with pytest.raises(ImproperlyConfigured):
        rules.day_rule()


def test_handling_60_days_end_on_the_spring_festival_make_up_sunday_and_the_extension_adds_30(
        clerk, head, market_unit):
    p = new_petition(clerk, market_unit, year=2023, registered_on=date(2023, 12, 8),
                     acceptance_on=date(2023, 12, 12), state="handling")
    assert due_of(p, rules.HANDLE) == date(2024, 2, 18)  # 2-10 falls in 2-10..2-17; 2-18 is a working Sunday
    p = petition_extend(p, by=head, approver="赵局长", on=date(2024, 2, 5), reason="涉及多部门，需联合调查")
    handle = deadlines_of(p).get(key=rules.HANDLE)
    assert handle.due == date(2024, 3, 11)
    assert "2024年2月5日经赵局长批准延长30日（涉及多部门，需联合调查）" in explain(handle)


def test_the_extension_needs_the_head_comes_once_and_only_before_the_period_ends(clerk, head, market_unit):
    p = new_petition(clerk, market_unit, year=2023, registered_on=date(2023, 12, 8),
                     acceptance_on=date(2023, 12, 12), state="handling")
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        petition_extend(p, by=clerk, approver="王经办", on=date(2024, 2, 5), reason="x")
    with pytest.raises(ValidationError, match="办理期限届满后不能再批准延期"):
        petition_extend(p, by=head, approver="赵局长", on=date(2024, 2, 19), reason="太晚")
    p = petition_extend(p, by=head, approver="赵局长", on=date(2024, 2, 18), reason="最后一天批准")
    with pytest.raises(ValidationError, match="已延期一次"):
        petition_extend(p, by=head, approver="赵局长", on=date(2024, 2, 20), reason="再延")


def test_review_30_days_also_roll_past_spring_festival_2024(clerk, market_unit):
    p = new_petition(clerk, market_unit, year=2023, registered_on=date(2023, 11, 1),
                     acceptance_on=date(2023, 11, 3), replied_on=date(2023, 12, 20), opinion="reject",
                     result="不予支持", review_requested_on=date(2024, 1, 12), state="review")
    assert due_of(p, rules.REVIEW) == date(2024, 2, 18)
    assert deadlines_of(p).get(key=rules.HANDLE).met_on == date(2023, 12, 20)


def test_hearing_days_do_not_count_in_re_examination(clerk, market_unit):
    p = new_petition(clerk, market_unit, year=2023, registered_on=date(2023, 5, 4),
                     acceptance_on=date(2023, 5, 8), replied_on=date(2023, 6, 20), opinion="explain", result="解释",
                     review_requested_on=date(2023, 7, 3), review_answered_on=date(2023, 7, 28), review_result="维持",
                     re_exam_requested_on=date(2023, 9, 1), state="re_exam")
    assert due_of(p, rules.RE_EXAM) == date(2023, 10, 7)  # 10-1 rolls past National Day
    p = record_update(p, by=clerk, hearing_from=date(2023, 9, 5))
    hearing = deadlines_of(p).get(key=rules.RE_EXAM)
    assert status(hearing, date(2023, 9, 20)) == "paused"
    p = record_update(p, by=clerk, hearing_to=date(2023, 9, 7))
    hearing = deadlines_of(p).get(key=rules.RE_EXAM)
    assert hearing.due == date(2023, 10, 7)  # 10-4 plus 3 hearing days, still inside the holiday
    assert "2023年9月5日至2023年9月7日不计入期限（听证）" in explain(hearing)
    p = record_update(p, by=clerk, hearing_to=date(2023, 9, 12))
    assert due_of(p, rules.RE_EXAM) == date(2023, 10, 9)  # 8 hearing days: 10-9


def test_the_petitioners_30_day_request_window_rolls_like_the_other_periods():
    assert rules.request_window_end(date(2023, 9, 6)) == date(2023, 10, 7)
    assert rules.request_window_end(date(2024, 1, 12)) == date(2024, 2, 18)


def test_the_daily_reminder_points_the_clerk_at_the_petition(clerk, market_unit):
    p = new_petition(clerk, market_unit, registered_on=date(2026, 3, 2))  # due 2026-03-17
    call_command("fazhi_remind", "--date", "2026-03-13")
    note = Notification.objects.get(user=clerk)
    assert note.title == "即将到期：登记后转送交办或告知（2026-03-17）"
    assert note.url == f"/s/petitions/{p.pk}/"
