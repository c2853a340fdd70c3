"""Hearings and the head-appearance rate (LIT-1): who appeared for the agency, the guards on
recording a hearing without its head, and the counting per case-instance
(最高人民法院关于行政机关负责人出庭应诉若干问题的规定 第一条、第二条、第六条、第七条)."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.ledger import record_create
from fazhi.indicators.registry import Period, compute
from fazhi.streams.litigation.models import Hearing, LitigationCase
from fazhi.streams.litigation.views import HEARINGS
from tests.streams.litigation.conftest import case_fields

pytestmark = pytest.mark.django_db
YEAR = Period.year(2024)


def hearing_form(unit, **extra) -> dict:
    data = {"unit": unit.pk, "year": 2024, "case_number": "（2024）湘0771行初3号", "hearing_date": "2024-03-12",
            "court_room": "第一审判庭", "court_notice": "none", "head_appeared": "False", "identity_accepted": "True"}
    data.update(extra)
    return data


def test_a_clerk_registers_a_hearing_by_case_number(login, clerk, market_unit, market_case):
    response = login(clerk).post("/s/litigation/hearings/new/", hearing_form(market_unit))
    hearing = Hearing.objects.get()
    assert response.status_code == 302 and hearing.case == market_case and hearing.state == "scheduled"
    html = login(clerk).get(f"/s/litigation/{market_case.pk}/").content.decode()
    assert "2024-03-12" in html and "庭审及负责人出庭情况" in html


def test_a_hearing_cannot_be_attached_to_another_units_case(login, clerk, market_unit, transport_case):
    response = login(clerk).post("/s/litigation/hearings/new/",
                                 hearing_form(market_unit, case_number=transport_case.case_number))
    assert "未找到该案号的行政应诉案件" in response.content.decode()
    assert not Hearing.objects.exists()


def test_a_hearing_without_the_head_needs_a_reason_and_who_appeared_instead(login, do, clerk, market_unit,
                                                                             market_case):
    login(clerk).post("/s/litigation/hearings/new/", hearing_form(market_unit))
    hearing = Hearing.objects.get()
    assert "请填写未出庭原因和代为出庭人员类别" in do(clerk, hearing, HEARINGS, "hold")
    assert hearing.state == "scheduled"
    Hearing.objects.filter(pk=hearing.pk).update(absence_reason="duty", substitute="staff_lawyer")
    assert "请填写未出庭情况说明" in do(clerk, hearing, HEARINGS, "hold")
    Hearing.objects.filter(pk=hearing.pk).update(absence_explanation="局长参加省厅会议（附盖章说明）")
    do(clerk, hearing, HEARINGS, "hold")
    assert hearing.state == "held"


def test_a_head_who_appeared_needs_name_and_position(login, do, clerk, market_unit, market_case):
    login(clerk).post("/s/litigation/hearings/new/", hearing_form(market_unit, head_appeared="True"))
    hearing = Hearing.objects.get()
    assert "请填写出庭负责人姓名及负责人类别" in do(clerk, hearing, HEARINGS, "hold")


def test_a_future_hearing_cannot_be_recorded_as_held(login, do, clerk, market_unit, market_case):
    login(clerk).post("/s/litigation/hearings/new/", hearing_form(
        market_unit, year=2099, hearing_date="2099-01-05", head_appeared="True", head_name="赵刚",
        head_position="principal"))
    hearing = Hearing.objects.get()
    assert "开庭日期尚未到" in do(clerk, hearing, HEARINGS, "hold")


def test_a_held_hearing_cannot_be_edited_into_an_unexplained_absence(login, clerk, market_unit, market_case):
    hearing = record_create(Hearing, by=clerk, unit=market_unit, year=2024, case_number=market_case.case_number,
                            hearing_date=date(2024, 3, 12), head_appeared=True, head_name="赵刚",
                            head_position="principal", state="held")
    data = hearing_form(market_unit, version=hearing.version, head_appeared="False", head_name="",
                        head_position="")
    response = login(clerk).post(f"/s/litigation/hearings/{hearing.pk}/edit/", data)
    assert "负责人未出庭的，请填写未出庭原因" in response.content.decode()


# -- LIT-1 ---------------------------------------------------------------------------------

def make_case(unit, user, number: str) -> LitigationCase:
    return record_create(LitigationCase, by=user, unit=unit, **case_fields(case_number=number))


def heard(case, day: date, *, head: str = "", position: str = "principal", notice: str = "none",
          accepted: bool = True, state: str = "held") -> Hearing:
    return Hearing.objects.create(
        unit=case.unit, year=day.year, case=case, case_number=case.case_number, hearing_date=day, state=state,
        court_notice=notice, head_appeared=bool(head), head_name=head, head_position=position if head else "",
        identity_accepted=accepted, absence_reason="" if head else "duty", substitute="" if head else "staff",
        absence_explanation="" if head else "公务")


def test_one_attended_hearing_per_instance_is_enough(clerk, market_unit, county):
    a = make_case(market_unit, clerk, "A")
    heard(a, date(2024, 3, 1))
    heard(a, date(2024, 4, 1), head="赵刚")  # second hearing attended (第七条)
    b = make_case(market_unit, clerk, "B")
    heard(b, date(2024, 5, 1))  # head never appeared
    c = make_case(market_unit, clerk, "C")  # decided on the papers: not counted (no hearing)
    heard(c, date(2024, 6, 1), head="赵刚", state="cancelled")
    result = compute("litigation.head_appearance_rate", county.descendants(), YEAR)
    assert (result.numerator, result.denominator, result.value) == (1, 2, 50)
    assert set(result.records.values_list("case_number", flat=True)) == {"A", "B"}
    by_hearing = compute("litigation.head_appearance_rate_by_hearing", county.descendants(), YEAR)
    assert (by_hearing.numerator, by_hearing.denominator) == (1, 3)


def test_only_heads_as_defined_by_article_2_with_accepted_proof_count(clerk, market_unit, county):
    heard(make_case(market_unit, clerk, "A"), date(2024, 3, 1), head="某某", position="not_qualified")
    heard(make_case(market_unit, clerk, "B"), date(2024, 3, 2), head="赵刚", accepted=False)  # 第六条
    heard(make_case(market_unit, clerk, "C"), date(2024, 3, 3), head="钱副", position="deputy")
    heard(make_case(market_unit, clerk, "D"), date(2024, 3, 4), head="孙分管", position="in_charge")
    result = compute("litigation.head_appearance_rate", county.descendants(), YEAR)
    assert (result.numerator, result.denominator) == (2, 4)
    principal = compute("litigation.principal_appearance_rate", county.descendants(), YEAR)
    assert (principal.numerator, principal.denominator) == (0, 4)


def test_missing_a_renewed_court_notice_loses_the_instance(clerk, market_unit, county):
    a = make_case(market_unit, clerk, "A")
    heard(a, date(2024, 3, 1), head="赵刚")
    heard(a, date(2024, 4, 1), notice="again")  # court asked the head again (第七条), head absent
    result = compute("litigation.head_appearance_rate", county.descendants(), YEAR)
    assert (result.numerator, result.denominator) == (0, 1)


def test_the_rate_is_empty_without_hearings_not_100(county):
    result = compute("litigation.head_appearance_rate", county.descendants(), YEAR)
    assert result.value is None and result.denominator == 0
