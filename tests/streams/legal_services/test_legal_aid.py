"""Legal aid (《法律援助法》 2021): create by form, the workflow to 已结案 with its guards, and the
7-day decision / 3-day assignment periods around holidays (calendar days rolled forward by
default, spec §0.1; working days when configured)."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core import workflow
from fazhi.core.deadlines import deadlines_of, explain
from fazhi.core.ledger import record_update
from fazhi.streams.legal_services import rules
from fazhi.streams.legal_services.models import LegalAidApplication
from tests.streams.legal_services.conftest import APPLICANT_ID

pytestmark = pytest.mark.django_db
BASE = "/s/legal_services/aid/"


def due(a: LegalAidApplication, key: str):
    return deadlines_of(a).get(key=key)


def test_a_clerk_registers_an_application_on_the_form(login, coordinator, justice_unit):
    response = login(coordinator).post(f"{BASE}new/", {
        "unit": justice_unit.pk, "year": 2024, "application_no": "XDT-FY-2024-201", "applied_on": "2024-05-06",
        "channel": "remote", "applicant_name": "王秀英", "applicant_id_number": APPLICANT_ID.lower(),
        "case_type": "civil", "matter": "追索劳动报酬"})
    a = LegalAidApplication.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{BASE}{a.pk}/"
    assert (a.state, a.applicant_id_number) == ("applied", APPLICANT_ID)
    assert due(a, rules.DECIDE).due == date(2024, 5, 13)


def test_an_id_number_with_a_wrong_check_character_is_refused(login, coordinator, justice_unit):
    bad = APPLICANT_ID[:-1] + ("0" if APPLICANT_ID[-1] != "0" else "1")
    page = login(coordinator).post(f"{BASE}new/", {
        "unit": justice_unit.pk, "year": 2024, "application_no": "XDT-FY-2024-202", "applied_on": "2024-05-06",
        "channel": "window", "applicant_name": "王秀英", "applicant_id_number": bad, "case_type": "civil",
        "matter": "追索劳动报酬"}).content.decode()
    assert "公民身份号码格式或校验位不正确" in page
    assert not LegalAidApplication.objects.exists()


def test_the_workflow_from_application_to_closure_with_its_guards(coordinator, new_application):
    a = new_application()
    workflow.transition(a, "accept", by=coordinator)
    with pytest.raises(workflow.TransitionError, match="决定日期"):
        workflow.transition(a, "grant", by=coordinator)
    a = record_update(a, by=coordinator, decided_on=date(2024, 3, 8))
    with pytest.raises(workflow.TransitionError, match="不予援助理由"):
        workflow.transition(a, "refuse", by=coordinator)
    workflow.transition(a, "grant", by=coordinator)
    assert due(a, rules.DECIDE).met_on == date(2024, 3, 8)
    assert due(a, rules.ASSIGN).due == date(2024, 3, 11)
    with pytest.raises(workflow.TransitionError, match="指派日期"):
        workflow.transition(a, "assign", by=coordinator)
    a = record_update(a, by=coordinator, assigned_on=date(2024, 3, 11), lawyer="胡志明", law_firm="湖南金凤律师事务所")
    workflow.transition(a, "assign", by=coordinator)
    assert due(a, rules.ASSIGN).met_on == date(2024, 3, 11)
    a = record_update(a, by=coordinator, closed_on=date(2024, 6, 20))
    with pytest.raises(workflow.TransitionError, match="结案情况"):
        workflow.transition(a, "close", by=coordinator)
    a = record_update(a, by=coordinator, closing_summary="调解结案，追回工资3万元")
    workflow.transition(a, "close", by=coordinator)
    a.refresh_from_db()
    assert a.state == "closed"


def test_only_someone_who_approves_may_grant(login, new_application, justice_unit, coordinator):
    from fazhi.core.roles import Role
    from tests.conftest import make_user

    clerk = make_user("justice_clerk", justice_unit, Role.CLERK)
    a = new_application(decided_on=date(2024, 3, 8))
    workflow.transition(a, "accept", by=clerk)
    with pytest.raises(workflow.TransitionError, match="没有权限"):
        workflow.transition(a, "grant", by=clerk)


def test_a_refusal_with_written_reasons_ends_the_application(coordinator, new_application):
    a = new_application(decided_on=date(2024, 3, 6), refusal_reason="经济状况不符合条件")
    workflow.transition(a, "accept", by=coordinator)
    workflow.transition(a, "refuse", by=coordinator)
    assert [d.key for d in deadlines_of(a)] == [rules.DECIDE]
    assert due(a, rules.DECIDE).met_on == date(2024, 3, 6)


def test_the_decision_period_rolls_past_national_day_2024(new_application):
    a = new_application(applied_on=date(2024, 9, 27))  # +7 days = 10-04, in the 10-01..10-07 holiday
    d = due(a, rules.DECIDE)
    assert d.due == date(2024, 10, 8)
    assert any("顺延" in step for step in explain(d))


def test_the_decision_period_rolls_past_spring_festival_2024_to_the_make_up_sunday(new_application):
    a = new_application(applied_on=date(2024, 2, 5))  # +7 = 02-12, holiday 02-10..02-17; 02-18 is a work Sunday
    assert due(a, rules.DECIDE).due == date(2024, 2, 18)


def test_counted_in_working_days_when_configured(settings, new_application):
    settings.FAZHI_LEGAL_SERVICES_DAY_RULE = "working"
    a = new_application(applied_on=date(2024, 9, 27))  # 09-29 (Sun) and 10-12 (Sat) are make-up working days
    assert due(a, rules.DECIDE).due == date(2024, 10, 12)


def test_the_assignment_period_after_a_decision_on_the_eve_of_national_day(coordinator, new_application):
    a = new_application(applied_on=date(2024, 9, 26), decided_on=date(2024, 9, 28))
    workflow.transition(a, "accept", by=coordinator)
    workflow.transition(a, "grant", by=coordinator)
    assert due(a, rules.ASSIGN).due == date(2024, 10, 8)  # 10-01 is a holiday


def test_supplementing_materials_pauses_the_decision_period(coordinator, new_application):
    a = new_application(applied_on=date(2024, 3, 4), supplement_requested_on=date(2024, 3, 5),
                        supplement_items="劳动关系证明")
    workflow.transition(a, "ask_supplement", by=coordinator)
    a = record_update(a, by=coordinator, supplement_received_on=date(2024, 3, 12))
    workflow.transition(a, "take_supplement", by=coordinator)
    d = due(a, rules.DECIDE)
    # 03-05..03-12 are not counted: the 7 days run 03-13..03-19
    assert d.due == date(2024, 3, 19)
    assert any("申请人补正材料" in step for step in explain(d))
    a.refresh_from_db()
    assert a.state == "accepted"


def test_an_application_not_supplemented_is_deemed_withdrawn_and_has_no_deadline(coordinator, new_application):
    a = new_application(supplement_requested_on=date(2024, 3, 5), supplement_items="身份证明")
    workflow.transition(a, "ask_supplement", by=coordinator)
    workflow.transition(a, "withdraw", by=coordinator)
    assert not deadlines_of(a).exists()


def test_dates_out_of_order_are_refused(coordinator, new_application):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        new_application(decided_on=date(2024, 3, 1))
    assert "决定日期不能早于申请日期" in str(exc.value)
