"""Fixtures of the litigation stream: a case and a reconsideration of 市场监管局 (the clerk's
unit) and of 交通运输局 (the other clerk's), with synthetic parties whose ID numbers carry
valid check characters."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.identifiers import id_check_char, uscc_check_char
from fazhi.core.ledger import record_create
from fazhi.streams.litigation.models import LitigationCase, Reconsideration
from tests.forms import form_data


def person_id(birth: str = "19800101", seq: str = "123") -> str:
    first17 = f"430771{birth}{seq}"
    return first17 + id_check_char(first17)


def bad_check(valid: str) -> str:
    """The same number with a wrong check character."""
    wrong = "0" if valid[-1] != "0" else "1"
    return valid[:-1] + wrong


def credit_code(body: str = "MA4L0A1B2") -> str:
    first17 = f"91430700{body}"
    return first17 + uscc_check_char(first17)


PLAINTIFF_ID = person_id()


def case_fields(**extra) -> dict:
    fields = {"year": 2024, "case_number": "（2024）湘0771行初3号", "court": "西洞庭管理区人民法院",
              "instance": "first", "cause": "不服行政处罚决定", "act_kind": "penalty", "plaintiff_kind": "person",
              "plaintiff_name": "张三丰", "plaintiff_id_number": PLAINTIFF_ID, "plaintiff_phone": "13912345678",
              "served_on": date(2024, 1, 30)}
    fields.update(extra)
    return fields


def recon_fields(**extra) -> dict:
    fields = {"year": 2024, "case_number": "西复〔2024〕1号", "body": "常德市西洞庭管理区管理委员会",
              "applicant_kind": "person", "applicant_name": "李四光", "applicant_id_number": PLAINTIFF_ID,
              "applicant_phone": "13912345678", "contested_act": "行政处罚决定", "received_on": date(2024, 2, 8),
              "procedure": "ordinary"}
    fields.update(extra)
    return fields


@pytest.fixture
def market_case(clerk, market_unit) -> LitigationCase:
    return record_create(LitigationCase, by=clerk, unit=market_unit, **case_fields())


@pytest.fixture
def transport_case(other_clerk, transport_unit) -> LitigationCase:
    return record_create(LitigationCase, by=other_clerk, unit=transport_unit,
                         **case_fields(case_number="（2024）湘0771行初8号", cause="交通运输行政处罚",
                                       plaintiff_name="王交通"))


@pytest.fixture
def market_recon(clerk, market_unit) -> Reconsideration:
    return record_create(Reconsideration, by=clerk, unit=market_unit, **recon_fields())


@pytest.fixture
def transport_recon(other_clerk, transport_unit) -> Reconsideration:
    return record_create(Reconsideration, by=other_clerk, unit=transport_unit,
                         **recon_fields(case_number="西复〔2024〕9号", applicant_name="王交通"))




@pytest.fixture
def edit(login):
    """edit(user, record, ledger, **changes): save the record through its edit page."""

    def _edit(user, record, ledger, **changes):
        record.refresh_from_db()
        client = login(user)
        response = client.post(ledger.url("update", record.pk), form_data(ledger, record, **changes))
        assert response.status_code == 302, response.context["form"].errors if response.context else response
        record.refresh_from_db()
        return response

    return _edit


@pytest.fixture
def do(login):
    """do(user, record, ledger, name): click a transition button and confirm; returns the page shown after."""

    def _do(user, record, ledger, name):
        response = login(user).post(ledger.url("transition", record.pk, name), follow=True)
        record.refresh_from_db()
        return response.content.decode()

    return _do
