"""Fixtures of the mediation tests: a consumer-dispute committee under 市场监管局 (where the
clerk works) and one under 交通运输局 (where other_clerk works), and cases built through the
ledger services."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core import calendar
from fazhi.core.identifiers import id_check_char
from fazhi.core.ledger import record_create
from fazhi.streams.mediation.models import MediationCase, MediationCommittee


def valid_id(first17: str = "43077119800101001") -> str:
    return first17 + id_check_char(first17)


PARTY_ID = valid_id()
OTHER_ID = valid_id("43077119900505002")


@pytest.fixture(autouse=True)
def _fresh_calendar():
    calendar.clear_cache()
    yield
    calendar.clear_cache()


@pytest.fixture
def market_committee(clerk, market_unit) -> MediationCommittee:
    return record_create(MediationCommittee, by=clerk, unit=market_unit, year=2023, name="消费纠纷人民调解委员会",
                         kind=MediationCommittee.Kind.SECTOR, members=5, established_on=date(2015, 3, 1))


@pytest.fixture
def transport_committee(other_clerk, transport_unit) -> MediationCommittee:
    return record_create(MediationCommittee, by=other_clerk, unit=transport_unit, year=2023,
                         name="道路交通事故纠纷人民调解委员会", kind=MediationCommittee.Kind.SECTOR, members=3)


@pytest.fixture
def new_case(clerk, market_unit, market_committee):
    """new_case(**fields) registers a case of 市场监管局 as its clerk would."""

    def _make(**fields) -> MediationCase:
        values = {"year": 2023, "registration_number": "（2023）市监调字第001号", "dispute_type": "consumer",
                  "source": "applied", "accepted_on": date(2023, 9, 1), "party_a_name": "张三丰",
                  "party_a_id_number": PARTY_ID, "party_a_phone": "13912345678",
                  "party_a_address": "湖南省常德市西洞庭管理区祝丰镇唐林村3组12号", "party_b_name": "某某超市",
                  "mediator": "孙调解"}
        values.update(fields)
        return record_create(MediationCase, by=clerk, unit=market_unit, **values)

    return _make


@pytest.fixture
def transport_case(other_clerk, transport_unit, transport_committee) -> MediationCase:
    return record_create(MediationCase, by=other_clerk, unit=transport_unit, year=2023,
                         registration_number="（2023）交调字第007号", dispute_type="traffic", source="applied",
                         accepted_on=date(2023, 5, 4), party_a_name="李四海")
