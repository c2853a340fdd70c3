"""The registers around the advisers: appointments (by form), duty days, lectures, consultations
on the generic form, and the 告知承诺 item list."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fazhi.core import workflow
from fazhi.core.ledger import record_create, record_update
from fazhi.streams.legal_services.models import AdvisorAppointment, CertificationItem, Consultation, DutyDay, Lecture

pytestmark = pytest.mark.django_db
BASE = "/s/legal_services/"


def appointment_form(unit, village, **values) -> dict:
    data = {"unit": unit.pk, "year": 2024, "village": village.pk, "advisor_name": "周文博",
            "law_firm": "湖南金凤律师事务所", "advisor_phone": "13912345678", "contract_start": "2024-01-01",
            "contract_end": "2026-12-31", "duty_days_per_month": 2}
    data.update(values)
    return data


def test_the_justice_bureau_appoints_an_adviser_on_the_form(login, coordinator, justice_unit, tanglin):
    response = login(coordinator).post(f"{BASE}advisors/new/", appointment_form(justice_unit, tanglin))
    a = AdvisorAppointment.objects.get()
    assert response.status_code == 302 and a.village == tanglin and a.state == "active"
    assert str(a) == "唐林村法律顾问聘任（2024-01-01～2026-12-31）"


def test_an_appointment_must_be_for_a_village_with_a_coherent_period(login, coordinator, justice_unit,
                                                                     market_unit, tanglin):
    client = login(coordinator)
    page = client.post(f"{BASE}advisors/new/", appointment_form(justice_unit, tanglin, contract_end="2023-12-31"))
    assert "聘期截止不能早于聘期起始" in page.content.decode()
    page = client.post(f"{BASE}advisors/new/", appointment_form(justice_unit, market_unit))
    assert page.status_code == 200 and not AdvisorAppointment.objects.exists()


def test_ending_an_appointment_needs_the_end_date(coordinator, appointment):
    record_update(appointment, by=coordinator, contract_end=None)
    with pytest.raises(workflow.TransitionError, match="聘期截止"):
        workflow.transition(appointment, "end", by=coordinator)
    record_update(appointment, by=coordinator, contract_end=date(2024, 6, 30))
    workflow.transition(appointment, "end", by=coordinator)
    assert not AdvisorAppointment.current_on(date(2024, 7, 1)).exists()


def test_the_same_adviser_twice_for_one_village_in_overlapping_periods_is_refused(coordinator, justice_unit,
                                                                                  yucai, appointment):
    with pytest.raises(ValidationError, match="已有该村（社区）的聘任记录"):
        record_create(AdvisorAppointment, by=coordinator, unit=justice_unit, year=2025, village=yucai,
                      advisor_name="刘建华", law_firm="湖南洞庭湖律师事务所", contract_start=date(2025, 1, 1))


def test_a_consultation_on_the_generic_form_and_its_referral(login, advisor, yucai):
    client = login(advisor)
    response = client.post(f"{BASE}new/", {"unit": yucai.pk, "year": 2024, "consulted_on": "2024-05-06",
                                           "advisor": "刘建华", "category": "family", "summary": "赡养费如何分担",
                                           "disposition": "answered"})
    c = Consultation.objects.get()
    assert response.status_code == 302 and c.state == "logged"
    with pytest.raises(workflow.TransitionError, match="无需转办"):
        workflow.transition(c, "refer", by=advisor)
    c = record_update(c, by=advisor, disposition="mediation")
    workflow.transition(c, "refer", by=advisor)
    workflow.transition(c, "close", by=advisor)
    c.refresh_from_db()
    assert c.state == "closed"
    page = client.post(f"{BASE}new/", {"unit": yucai.pk, "year": 2023, "consulted_on": "2024-05-06",
                                       "advisor": "刘建华", "category": "family", "summary": "x",
                                       "disposition": "answered"}).content.decode()
    assert "咨询日期应在所填年度内" in page


def test_a_duty_day_and_a_lecture_are_held_only_with_their_facts(advisor, yucai):
    duty = record_create(DutyDay, by=advisor, unit=yucai, year=2024, duty_on=date(2024, 5, 6), advisor="刘建华")
    with pytest.raises(workflow.TransitionError, match="值班时长"):
        workflow.transition(duty, "hold", by=advisor)
    with pytest.raises(ValidationError, match="已登记"):
        record_create(DutyDay, by=advisor, unit=yucai, year=2024, duty_on=date(2024, 5, 6), advisor="刘建华")
    lecture = record_create(Lecture, by=advisor, unit=yucai, year=2024, topic="民法典与农村生活", speaker="刘建华")
    with pytest.raises(workflow.TransitionError, match="举办日期、听众人数"):
        workflow.transition(lecture, "hold", by=advisor)
    lecture = record_update(lecture, by=advisor, held_on=date(2024, 5, 20), audience=46)
    workflow.transition(lecture, "hold", by=advisor)
    lecture.refresh_from_db()
    assert lecture.state == "held"


def test_a_lecture_can_only_be_held_in_a_village(clerk, market_unit):
    with pytest.raises(ValidationError, match="请选择村（社区）"):
        record_create(Lecture, by=clerk, unit=market_unit, year=2024, topic="讲座", speaker="某")


def test_the_certificate_item_list_by_form_and_withdrawal_by_the_head(login, clerk, head, market_unit):
    response = login(clerk).post(f"{BASE}items/new/", {
        "unit": market_unit.pk, "year": 2024, "name": "从业人员健康证明", "matter": "食品经营许可",
        "legal_basis": "《食品经营许可管理办法》", "issuing_unit": "医疗卫生机构", "method": "data",
        "verification_days": 20, "listed_on": "2024-01-01"})
    item = CertificationItem.objects.get()
    assert response.status_code == 302 and item.state == "listed"
    with pytest.raises(workflow.TransitionError, match="没有权限"):
        workflow.transition(item, "withdraw", by=clerk)
    workflow.transition(item, "withdraw", by=head)
