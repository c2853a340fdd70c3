"""Fixtures of the legal-services tests: 司法局 (justice_unit, where the coordinator works) keeps
the adviser appointments and legal aid; 育才社区 and 唐林村 are villages with their advisers."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core import calendar
from fazhi.core.identifiers import id_check_char
from fazhi.core.ledger import record_create
from fazhi.core.models import Unit
from fazhi.core.roles import Role
from fazhi.streams.legal_services.models import AdvisorAppointment, LegalAidApplication
from tests.conftest import make_user


def valid_id(first17: str = "43077119800101001") -> str:
    return first17 + id_check_char(first17)


APPLICANT_ID = valid_id()


@pytest.fixture(autouse=True)
def _fresh_calendar():
    calendar.clear_cache()
    yield
    calendar.clear_cache()


@pytest.fixture
def yucai(county) -> Unit:
    return Unit.objects.get(code="430771004001")


@pytest.fixture
def tanglin(village) -> Unit:
    return village  # 唐林村 (tests/conftest.py)


@pytest.fixture
def advisor(yucai):
    return make_user("advisor", yucai, Role.LEGAL_ADVISOR)


@pytest.fixture
def tanglin_advisor(tanglin):
    return make_user("advisor2", tanglin, Role.LEGAL_ADVISOR)


@pytest.fixture
def appointment(coordinator, justice_unit, yucai) -> AdvisorAppointment:
    return record_create(AdvisorAppointment, by=coordinator, unit=justice_unit, year=2024, village=yucai,
                         advisor_name="刘建华", law_firm="湖南洞庭湖律师事务所", advisor_phone="13912345678",
                         contract_start=date(2024, 1, 1), contract_end=date(2026, 12, 31))


@pytest.fixture
def new_application(coordinator, justice_unit):
    """new_application(**fields) registers a legal-aid application at 司法局 as the coordinator would."""

    def _make(**fields) -> LegalAidApplication:
        values = {"year": 2024, "application_no": "XDT-FY-2024-101", "applied_on": date(2024, 3, 4),
                  "applicant_name": "王秀英", "applicant_id_number": APPLICANT_ID, "applicant_phone": "13812345678",
                  "applicant_address": "湖南省常德市西洞庭管理区祝丰镇唐林村3组12号", "case_type": "civil",
                  "matter": "追索劳动报酬", "hardship_basis": "低保证明"}
        values.update(fields)
        return record_create(LegalAidApplication, by=coordinator, unit=justice_unit, **values)

    return _make
