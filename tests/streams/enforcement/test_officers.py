"""Enforcement officers (执法人员持证), exam results and training: certificate states by date,
the suspend / restore / revoke workflow, the exam pass line and training hours."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from fazhi.core import workflow
from fazhi.core.ledger import record_create, record_update
from fazhi.streams.enforcement.models import ExamResult, Officer, TrainingRecord

pytestmark = pytest.mark.django_db

BASE = "/s/enforcement/officers/"


def test_a_clerk_registers_an_officer_on_the_form(login, clerk, market_unit):
    response = login(clerk).post(f"{BASE}new/", {
        "unit": market_unit.pk, "year": 2024, "name": "李执法", "certificate_no": "d03-2024-007",
        "certificate_type": "provincial", "enforcement_field": "食品安全", "issued_on": "2024-04-01",
        "valid_until": "2029-03-31"})
    officer = Officer.objects.get()
    assert response.status_code == 302 and officer.certificate_no == "D03-2024-007"
    page = login(clerk).get(f"{BASE}{officer.pk}/").content.decode()
    assert "执法证 D03-2024-007" in page and "李执法" in page


def test_the_form_refuses_a_validity_that_ends_before_issue(login, clerk, market_unit):
    response = login(clerk).post(f"{BASE}new/", {
        "unit": market_unit.pk, "year": 2024, "name": "李执法", "certificate_no": "X1", "certificate_type": "provincial",
        "issued_on": "2024-04-01", "valid_until": "2024-03-31"})
    assert "有效期至应晚于发证日期" in response.content.decode()
    assert not Officer.objects.exists()


def test_the_certificate_state_follows_the_dates(make_officer):
    officer = make_officer()
    assert officer.status_on(date(2021, 5, 9)) == "未发证"
    assert officer.status_on(date(2023, 12, 31)) == "有效"
    assert officer.status_on(date(2026, 5, 10)) == "过期"


def test_suspend_restore_and_revoke_need_their_dates_and_a_head(make_officer, clerk, head):
    officer = make_officer()
    with pytest.raises(ValidationError, match="您没有权限办理该环节"):
        workflow.transition(officer, "suspend", by=clerk)
    with pytest.raises(ValidationError, match="请先在编辑页填写暂扣日期"):
        workflow.transition(officer, "suspend", by=head)
    officer = record_update(officer, by=clerk, suspended_on=date(2023, 11, 20))
    workflow.transition(officer, "suspend", by=head)
    assert officer.state == "suspended" and officer.status_on(date(2023, 12, 31)) == "暂扣"
    with pytest.raises(ValidationError, match="请先在编辑页填写恢复日期"):
        workflow.transition(officer, "restore", by=head)
    with pytest.raises(ValidationError, match="恢复日期应在暂扣日期之后"):
        record_update(officer, by=clerk, restored_on=date(2023, 11, 1))
    officer = record_update(officer, by=clerk, restored_on=date(2024, 2, 26))
    workflow.transition(officer, "restore", by=head)
    assert officer.state == "valid" and officer.status_on(date(2024, 3, 1)) == "有效"
    officer = record_update(officer, by=clerk, revoked_on=date(2024, 6, 1), revoke_reason="调离执法岗位")
    workflow.transition(officer, "revoke", by=head)
    assert officer.state == "revoked" and officer.status_on(date(2024, 6, 1)) == "注销"


def test_the_officer_list_shows_an_expired_certificate_as_expired(login, clerk, make_officer):
    make_officer(year=2018, certificate_no="OLD-1", issued_on=date(2018, 1, 5), valid_until=date(2023, 1, 4))
    listing = login(clerk).get(BASE).content.decode()
    assert "OLD-1" in listing and "过期" in listing


def test_an_exam_passes_at_the_pass_line_which_is_a_setting(clerk, market_unit, settings):
    exam = record_create(ExamResult, by=clerk, unit=market_unit, year=2023, candidate_name="赵考生",
                         exam_date=date(2023, 6, 17), score=Decimal(60))
    assert exam.passed is True
    settings.FAZHI_ENFORCEMENT_EXAM_PASS_SCORE = 70
    exam = record_update(exam, by=clerk, score=Decimal("69.5"))
    assert exam.passed is False
    with pytest.raises(ValidationError, match="考试未通过的，不能填写执法证号"):
        record_update(exam, by=clerk, certificate_no="D03-2023-001")
    with pytest.raises(ValidationError, match="成绩应在0至100分之间"):
        record_update(exam, by=clerk, score=Decimal(101))


def test_training_is_booked_on_an_officer_of_the_same_unit(make_officer, clerk, other_clerk, market_unit,
                                                          transport_unit):
    officer = make_officer()
    training = record_create(TrainingRecord, by=clerk, unit=market_unit, year=2023, certificate_no="d03-2021-001",
                             course="行政处罚法专题培训", held_on=date(2023, 5, 10), hours=Decimal(16))
    assert training.officer == officer
    with pytest.raises(ValidationError, match="执法人员台账中没有执法证号"):
        record_create(TrainingRecord, by=clerk, unit=market_unit, year=2023, certificate_no="NONE",
                      course="培训", held_on=date(2023, 5, 10), hours=Decimal(8))
    with pytest.raises(ValidationError, match="该执法证号不属于所选单位的执法人员"):
        record_create(TrainingRecord, by=other_clerk, unit=transport_unit, year=2023, certificate_no="D03-2021-001",
                      course="培训", held_on=date(2023, 5, 10), hours=Decimal(8))
