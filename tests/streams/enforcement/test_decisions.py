"""Enforcement decisions (执法公示 事后公开): the form, the disclosure clock of 7 / 20 working days
across real holidays (国办发〔2018〕118号), publication and the 3-day withdrawal
(行政处罚法 第四十八条)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fazhi.core import workflow
from fazhi.core.deadlines import CALENDAR_ROLL, WORKING, deadlines_of, explain
from fazhi.core.ledger import record_update
from fazhi.streams.enforcement.models import Decision
from tests.streams.enforcement.conftest import COMPANY_CODE, PARTY_ID

pytestmark = pytest.mark.django_db

BASE = "/s/enforcement/"


def dues(decision) -> dict[str, date]:
    return {d.key: d.due for d in deadlines_of(decision)}


def test_a_clerk_registers_a_decision_on_the_form_and_its_disclosure_clock_starts(login, clerk, market_unit):
    response = login(clerk).post(f"{BASE}new/", {
        "unit": market_unit.pk, "year": 2024, "doc_no": "西市监罚〔2024〕9号", "decision_type": "penalty",
        "party_type": "legal", "party_org": "西湖米业有限公司", "party_credit_code": COMPANY_CODE,
        "matter": "销售超过保质期的食品", "decided_on": "2024-09-27"})
    decision = Decision.objects.get()
    assert response.status_code == 302 and response.url == f"{BASE}{decision.pk}/"
    assert decision.state == "decided"
    # 7 working days: Sep 29 (make-up Sunday) and Sep 30, National Day Oct 1–7 off, Oct 8–11, Oct 12 (make-up Saturday)
    assert dues(decision) == {"enforcement_disclosure": date(2024, 10, 12)}
    page = login(clerk).get(f"{BASE}{decision.pk}/").content.decode()
    assert "执法决定公示期限" in page and "2024年10月12日" in page and "国办发〔2018〕118号" in page


def test_the_form_refuses_a_bad_credit_code_and_a_person_without_a_name(login, clerk, market_unit):
    bad = COMPANY_CODE[:-1] + ("0" if COMPANY_CODE[-1] != "0" else "1")
    response = login(clerk).post(f"{BASE}new/", {
        "unit": market_unit.pk, "year": 2024, "doc_no": "西市监罚〔2024〕10号", "decision_type": "penalty",
        "party_type": "legal", "party_org": "西湖米业有限公司", "party_credit_code": bad,
        "matter": "无照经营", "decided_on": "2024-03-01"})
    assert response.status_code == 200
    assert "统一社会信用代码格式或校验位不正确" in response.content.decode()
    response = login(clerk).post(f"{BASE}new/", {
        "unit": market_unit.pk, "year": 2024, "doc_no": "西市监罚〔2024〕11号", "decision_type": "penalty",
        "party_type": "natural", "matter": "无照经营", "decided_on": "2024-03-01"})
    assert "当事人为自然人的，请填写姓名" in response.content.decode()
    assert not Decision.objects.exists()


def test_licences_and_penalties_get_7_working_days_others_20_across_the_spring_festival(make_decision):
    penalty = make_decision(decided_on=date(2024, 2, 8))
    # Feb 9, then Feb 18 (make-up Sunday) after the Feb 10–17 holiday: the 7th working day is Feb 23
    assert dues(penalty) == {"enforcement_disclosure": date(2024, 2, 23)}
    inspection = make_decision(doc_no="西市监检〔2024〕1号", decision_type="inspection", decided_on=date(2024, 2, 8))
    assert dues(inspection) == {"enforcement_disclosure": date(2024, 3, 13)}
    assert {d.rule for d in deadlines_of(inspection)} == {WORKING}
    # changing the type restarts the clock with the other period
    inspection = record_update(inspection, by=inspection.created_by, decision_type="licence")
    assert dues(inspection) == {"enforcement_disclosure": date(2024, 2, 23)}
    steps = explain(deadlines_of(inspection).get())
    assert steps[0].startswith("法律依据：国办发〔2018〕118号：行政许可、行政处罚") and steps[-1] == "到期日：2024年2月23日"


def test_publication_needs_its_date_and_channel_then_meets_the_clock(make_decision, clerk):
    decision = make_decision()
    with pytest.raises(ValidationError, match="请先在编辑页填写公示日期和公示渠道"):
        workflow.transition(decision, "publish", by=clerk)
    decision = record_update(decision, by=clerk, disclosed_on=date(2024, 3, 8), disclosure_channel="政府门户网站执法公示专栏")
    workflow.transition(decision, "publish", by=clerk)
    deadline = deadlines_of(decision).get()
    assert decision.state == "published" and deadline.met_on == date(2024, 3, 8) and deadline.due == date(2024, 3, 13)


def test_a_late_disclosure_is_marked_overdue_until_published_and_late_after(login, make_decision, clerk):
    decision = make_decision(decided_on=date(2024, 3, 4))
    listing = login(clerk).get(f"{BASE}?due=overdue").content.decode()
    assert "西市监罚〔2024〕1号" in listing and "已超期" in listing
    decision = record_update(decision, by=clerk, disclosed_on=date(2024, 3, 20), disclosure_channel="门户网站")
    workflow.transition(decision, "publish", by=clerk)
    page = login(clerk).get(f"{BASE}{decision.pk}/").content.decode()
    assert "逾期完成" in page
    assert "西市监罚〔2024〕1号" not in login(clerk).get(f"{BASE}?due=overdue").content.decode()


def test_a_reversed_decision_is_withdrawn_within_3_days_rolled_past_national_day(make_decision, clerk, head):
    decision = make_decision(decided_on=date(2024, 9, 2), disclosed_on=date(2024, 9, 5), disclosure_channel="门户网站")
    workflow.transition(decision, "publish", by=clerk)
    with pytest.raises(ValidationError, match="只有被依法变更、撤销"):
        workflow.transition(decision, "withdraw", by=clerk)
    decision = record_update(decision, by=clerk, reversed_on=date(2024, 9, 28))
    # 3 days from Sep 28: Oct 1 is National Day, so the period ends on the first working day after it
    assert dues(decision)["enforcement_withdrawal"] == date(2024, 10, 8)
    assert deadlines_of(decision).get(key="enforcement_withdrawal").rule == CALENDAR_ROLL
    with pytest.raises(ValidationError, match="请先填写撤回日期和撤回理由"):
        workflow.transition(decision, "withdraw", by=clerk)
    decision = record_update(decision, by=clerk, withdrawn_on=date(2024, 9, 30), withdrawal_reason="经行政复议被撤销")
    workflow.transition(decision, "withdraw", by=clerk)
    assert decision.state == "withdrawn"
    assert deadlines_of(decision).get(key="enforcement_withdrawal").met_on == date(2024, 9, 30)


def test_a_natural_person_needs_a_valid_id_number(make_decision):
    with pytest.raises(ValidationError, match="公民身份号码格式或校验位不正确"):
        make_decision(party_type="natural", party_org="", party_credit_code="", party_person="张三丰",
                      party_id_number=PARTY_ID[:-1] + "0" if PARTY_ID[-1] != "0" else PARTY_ID[:-1] + "1")
    decision = make_decision(party_type="natural", party_org="", party_credit_code="", party_person="张三丰",
                             party_id_number=PARTY_ID)
    assert decision.is_natural_person and str(decision) == "西市监罚〔2024〕1号"
