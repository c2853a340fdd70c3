"""Issue 16 through the registry: a case's officers must hold certificates in the enforcement
register valid on the filing date (when a register is in use), and a decided case yields its
public 执法决定公示 record with the 7-working-day deadline, linked from the case page."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fazhi.core.calendar import add_working_days
from fazhi.core.ledger import record_create
from fazhi.core.workflow import transition
from fazhi.streams.cases.models import EnforcementCase
from fazhi.streams.enforcement.models import Decision, Officer
from tests.streams.cases.conftest import COMPANY_CODE, new_case, update

pytestmark = pytest.mark.django_db


def officer(by, unit, number: str, **fields) -> Officer:
    values = {"name": "张执法", "certificate_no": number, "issued_on": date(2021, 5, 10),
              "valid_until": date(2027, 5, 9), **fields}
    values["year"] = values["issued_on"].year
    return record_create(Officer, by=by, unit=unit, **values)


@pytest.fixture
def register(clerk, market_unit):
    officer(clerk, market_unit, "D032023001")
    officer(clerk, market_unit, "D032023002", name="李执法")


def test_an_officer_not_in_the_register_is_refused_and_nothing_is_written(login, clerk, market_unit, register):
    data = {"unit": market_unit.pk, "year": 2026, "case_no": "西市监立〔2026〕9号", "kind": "penalty",
            "party_type": "org", "party_org": "某某食品有限公司", "party_credit_code": COMPANY_CODE,
            "cause": "销售过期食品", "source": "inspection", "officer_names": "张执法、赵执法",
            "officer_certs": "D032023001、D039999999", "filed_on": "2026-09-01"}
    response = login(clerk).post("/s/cases/new/", data)
    assert response.status_code == 200
    assert "赵执法的执法证号“D039999999”不在行政执法人员持证台账中，不能承办本案" in response.content.decode()
    assert not EnforcementCase.objects.exists()


def test_a_certificate_expired_or_revoked_on_the_filing_date_is_refused(clerk, market_unit, register):
    officer(clerk, market_unit, "D032018009", name="钱执法", issued_on=date(2018, 3, 1), valid_until=date(2023, 2, 28))
    with pytest.raises(ValidationError, match="钱执法的执法证（D032018009）在2026-09-01状态为“过期”"):
        new_case(clerk, market_unit, officer_names="张执法、钱执法", officer_certs="D032023001、D032018009")
    Officer.objects.filter(certificate_no="D032023002").update(revoked_on=date(2026, 6, 1), state="revoked")
    with pytest.raises(ValidationError, match="李执法的执法证（D032023002）在2026-09-01状态为“注销”"):
        new_case(clerk, market_unit)
    assert not EnforcementCase.objects.exists()


def test_without_officers_in_the_register_only_the_format_is_checked(clerk, market_unit):
    assert new_case(clerk, market_unit).pk


def _decided(clerk, head, market_unit, **fields) -> EnforcementCase:
    case = transition(new_case(clerk, market_unit, **fields), "investigate", by=clerk)
    case = update(case, clerk, notified_on=date(2026, 9, 10), waived_on=date(2026, 9, 10), proposed_measures="罚款5000元")
    case = transition(case, "notify", by=clerk)
    case = update(case, head, decision_no="西市监罚〔2026〕21号", decided_on=date(2026, 9, 14),
                  decision_content="没收过期食品，罚款5000元")
    return transition(case, "decide", by=head)


def test_deciding_a_case_creates_its_public_decision_with_the_disclosure_deadline(login, clerk, head, market_unit,
                                                                                   register):
    case = _decided(clerk, head, market_unit)
    decision = Decision.objects.get(unit=market_unit, doc_no="西市监罚〔2026〕21号")
    assert (decision.decision_type, decision.party_type, decision.state) == ("penalty", "legal", "decided")
    assert decision.decided_on == date(2026, 9, 14) and decision.matter == "销售过期食品"
    due = add_working_days(date(2026, 9, 14), 7)  # 国办发〔2018〕118号: 7 working days
    assert decision.deadlines.get(key="enforcement_disclosure").due == due
    page = login(head).get(case.get_absolute_url()).content.decode()
    assert f'href="{decision.get_absolute_url()}"' in page
    assert f"公示期限至 <strong>{due:%Y-%m-%d}</strong>" in page


def test_a_decision_already_registered_under_the_same_number_is_linked_not_duplicated(clerk, head, market_unit):
    record_create(Decision, by=clerk, unit=market_unit, year=2026, doc_no="西市监罚〔2026〕21号",
                  decision_type="penalty", party_type="legal", party_org="西洞庭某某食品有限公司",
                  party_credit_code=COMPANY_CODE, matter="销售过期食品", decided_on=date(2026, 9, 14))
    _decided(clerk, head, market_unit)
    assert Decision.objects.filter(doc_no="西市监罚〔2026〕21号").count() == 1


def test_a_person_party_is_published_as_a_natural_person(clerk, head, market_unit):
    _decided(clerk, head, market_unit, party_type="person", party_org="", party_credit_code="",
             party_person="周某某")
    decision = Decision.objects.get()
    assert (decision.party_type, decision.party_person) == ("natural", "周某某")
