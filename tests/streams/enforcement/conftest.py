"""Fixtures of the enforcement tests: records built through the ledger services as the
市场监管局 clerk (or the 交通运输局 clerk for another unit's records)."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core import calendar
from fazhi.core.identifiers import id_check_char, uscc_check_char
from fazhi.core.ledger import record_create
from fazhi.streams.enforcement.models import Campaign, Decision, Officer


def valid_id(first17: str = "43077119800101001") -> str:
    return first17 + id_check_char(first17)


def valid_uscc(first17: str = "91430771MA4L00001") -> str:
    return first17 + uscc_check_char(first17)


PARTY_ID = valid_id()
COMPANY_CODE = valid_uscc()


@pytest.fixture(autouse=True)
def _fresh_calendar():
    calendar.clear_cache()
    yield
    calendar.clear_cache()


@pytest.fixture
def make_decision(clerk, market_unit):
    """make_decision(**fields) registers a 市场监管局 penalty decision against a company."""

    def _make(**fields) -> Decision:
        values = {"year": 2024, "doc_no": "西市监罚〔2024〕1号", "decision_type": "penalty", "party_type": "legal",
                  "party_org": "洞庭湖农产品有限公司", "party_credit_code": COMPANY_CODE, "matter": "销售超过保质期的食品",
                  "decided_on": date(2024, 3, 4)}
        values.update(fields)
        return record_create(Decision, by=clerk, unit=market_unit, **values)

    return _make


@pytest.fixture
def make_officer(clerk, market_unit):
    def _make(**fields) -> Officer:
        values = {"year": 2021, "name": "王执法", "certificate_no": "D03-2021-001", "certificate_type": "provincial",
                  "enforcement_field": "市场监管", "issued_on": date(2021, 5, 10), "valid_until": date(2026, 5, 9),
                  "id_number": PARTY_ID, "phone": "13912345678"}
        values.update(fields)
        return record_create(Officer, by=clerk, unit=market_unit, **values)

    return _make


@pytest.fixture
def campaign(coordinator, justice_unit) -> Campaign:
    return record_create(Campaign, by=coordinator, unit=justice_unit, year=2023, title="2023年度行政执法案卷评查",
                         kind="own", organiser="司法局（依法治区办）", held_on=date(2023, 11, 14))
