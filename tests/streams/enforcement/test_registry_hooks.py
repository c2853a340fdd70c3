"""What the enforcement stream provides to the others through core.registry: its 执法证 register
(certificate status on a date) and the 执法决定公示 of decisions made elsewhere."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fazhi.core import registry
from fazhi.streams.enforcement.models import Decision
from tests.streams.enforcement.conftest import COMPANY_CODE

pytestmark = pytest.mark.django_db


def test_the_register_answers_a_certificates_status_on_a_date(make_officer):
    assert not registry.certificate_register_in_use()
    assert registry.find_certificate("D03-2021-001", date(2024, 1, 1)) is None
    make_officer(suspended_on=date(2024, 6, 1), restored_on=date(2024, 7, 1))
    assert registry.certificate_register_in_use()
    assert registry.find_certificate("d03-2021-001 ", date(2024, 1, 1)).valid
    suspended = registry.find_certificate("D03-2021-001", date(2024, 6, 15))
    assert (suspended.valid, suspended.status, suspended.holder, suspended.unit_name) == (
        False, "暂扣", "王执法", "市场监督管理局")
    assert registry.find_certificate("D03-2021-001", date(2026, 5, 10)).status == "过期"
    assert registry.certificate_refusals([("王执法", "D03-2099-001")], date(2024, 1, 1), "执法") == [
        "王执法的执法证号“D03-2099-001”不在行政执法人员持证台账中，不能执法"]


def test_the_officers_who_can_act_over_a_span_are_those_valid_throughout(make_officer, market_unit, transport_unit):
    make_officer()
    make_officer(name="李执法", certificate_no="D03-2021-002", valid_until=date(2025, 5, 9))
    through = registry.certificate_holders_through
    assert [h.number for h in through(market_unit, date(2024, 1, 1), date(2025, 12, 31))] == ["D03-2021-001"]
    assert len(through(market_unit, date(2024, 1, 1), date(2025, 1, 1))) == 2
    assert through(transport_unit, date(2024, 1, 1), date(2025, 1, 1)) == []
    assert len(through(None, date(2024, 1, 1), date(2025, 1, 1))) == 2


def notice(unit, **fields) -> registry.DecisionNotice:
    values = {"unit": unit, "doc_no": "西市监罚〔2024〕7号", "decision_type": "penalty", "decided_on": date(2024, 3, 4),
              "matter": "销售超过保质期的食品", "party_type": "legal", "party_org": "洞庭湖农产品有限公司",
              "party_credit_code": COMPANY_CODE, **fields}
    return registry.DecisionNotice(**values)


def test_publishing_a_decision_creates_it_once_with_its_deadline(clerk, market_unit):
    first = registry.publish_decision(notice(market_unit), by=clerk)
    again = registry.publish_decision(notice(market_unit), by=clerk)
    decision = Decision.objects.get()
    assert first == again == registry.published_decision(market_unit, "西市监罚〔2024〕7号")
    assert first.url == decision.get_absolute_url() and first.state == "已作出"
    assert first.due == decision.deadlines.get(key="enforcement_disclosure").due


def test_a_decision_the_disclosure_rules_refuse_is_not_written(clerk, market_unit):
    with pytest.raises(ValidationError, match="执法决定公示信息不完整"):
        registry.publish_decision(notice(market_unit, party_credit_code=""), by=clerk)
    assert not Decision.objects.exists()
