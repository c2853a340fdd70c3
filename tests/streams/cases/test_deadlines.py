"""The 办案期限 (90 calendar days from 立案, approved extensions added) and the 告知 periods
(5 working days from the notice; 行政处罚法 第八十五条: 五日 are working days)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.deadlines import deadlines_of
from fazhi.core.workflow import transition
from fazhi.streams.cases import services
from tests.streams.cases.conftest import new_case, update

pytestmark = pytest.mark.django_db


def due(case, key: str) -> date:
    return deadlines_of(case).get(key=key).due


def test_ninety_days_from_filing_and_an_approved_extension_moves_the_due_date(login, clerk, head, market_unit):
    case = new_case(clerk, market_unit)
    assert due(case, "case_limit") == date(2026, 11, 30)
    with pytest.raises(PermissionDenied):
        services.extend_limit(case, by=clerk, days=30, approved_by="赵局长", approved_on=date(2026, 11, 20),
                              reason="案情复杂")
    response = login(head).post(f"/s/cases/{case.pk}/extend/", {"days": 30, "approved_by": "赵局长",
                                                                "approved_on": "2026-11-20", "reason": "案情复杂，需鉴定"})
    assert response.status_code == 302
    assert due(case, "case_limit") == date(2026, 12, 30)
    assert case.extensions.get().approved_by == "赵局长"
    html = login(head).get(f"/s/cases/{case.pk}/").content.decode()
    assert "赵局长 批准延长30日：案情复杂，需鉴定" in html
    with pytest.raises(ValidationError) as exc:
        services.extend_limit(case, by=head, days=0, approved_by="", approved_on=date(2026, 8, 1), reason="")
    assert set(exc.value.message_dict) == {"days", "approved_by", "approved_on", "reason"}
    assert case.extensions.count() == 1


def test_a_limit_ending_on_a_rest_day_rolls_forward_and_a_coercive_case_has_none(clerk, market_unit):
    # 2026-06-07 + 90 days = Saturday 09-05, rolled forward to Monday 09-07
    case = new_case(clerk, market_unit, filed_on=date(2026, 6, 7))
    assert due(case, "case_limit") == date(2026, 9, 7)
    coercion = new_case(clerk, market_unit, case_no="强1", kind="coercion", proposed_fine=None)
    assert not deadlines_of(coercion).exists()


def test_the_notice_periods_count_working_days_and_the_hearing_period_needs_the_right(clerk, market_unit):
    small = new_case(clerk, market_unit, proposed_fine=Decimal(2000))
    small = transition(small, "investigate", by=clerk)
    # notice on Wednesday 2026-09-30: National Day 10-01..10-07, make-up Saturday 10-10 counts
    small = transition(update(small, clerk, notified_on=date(2026, 9, 30), proposed_measures="罚款"), "notify", by=clerk)
    assert {d.key for d in deadlines_of(small)} == {"case_limit", "statement"}
    assert due(small, "statement") == small.notice_period_end()
    assert due(small, "statement") > date(2026, 10, 8)
    big = new_case(clerk, market_unit, case_no="大1", suspend_business=True, proposed_fine=None)
    big = update(transition(big, "investigate", by=clerk), clerk, notified_on=date(2026, 9, 10), proposed_measures="停业")
    assert due(big, "hearing_request") == due(big, "statement") == date(2026, 9, 17)


def test_the_filing_period_runs_from_the_clue_and_is_met_on_filing(clerk, market_unit):
    # clue on Monday 2026-08-03: the day itself not counted, 15 working days end on Monday 08-24
    case = new_case(clerk, market_unit, clue_on=date(2026, 8, 3), filed_on=date(2026, 8, 25))
    filing = deadlines_of(case).get(key="filing")
    assert (filing.due, filing.met_on) == (date(2026, 8, 24), date(2026, 8, 25))
    with pytest.raises(ValidationError) as exc:
        new_case(clerk, market_unit, case_no="线索晚", clue_on=date(2026, 9, 2))
    assert exc.value.message_dict["filed_on"] == ["立案日期不能早于发现线索日期"]
