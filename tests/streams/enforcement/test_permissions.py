"""Who sees and changes enforcement records, and what the public export shows: company names
and credit codes are public, a natural person's name and ID number are masked (spec §18.3);
officers' names and certificate numbers are public, their ID numbers and phones are not."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from fazhi.core.ledger import record_create
from fazhi.streams.enforcement.models import Decision
from tests.streams.enforcement.conftest import COMPANY_CODE, PARTY_ID

pytestmark = pytest.mark.django_db

BASE = "/s/enforcement/"


def rows_of(response) -> list[tuple]:
    return list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)


@pytest.fixture
def person_decision(make_decision) -> Decision:
    return make_decision(doc_no="西市监罚〔2024〕8号", party_type="natural", party_org="", party_credit_code="",
                         party_person="张三丰", party_id_number=PARTY_ID)


@pytest.fixture
def transport_decision(other_clerk, transport_unit) -> Decision:
    return record_create(Decision, by=other_clerk, unit=transport_unit, year=2024, doc_no="西交罚〔2024〕3号",
                         decision_type="penalty", party_type="legal", party_org="沅澧运输有限公司",
                         party_credit_code=COMPANY_CODE, matter="超限运输", decided_on=date(2024, 4, 1))


def test_another_units_clerk_neither_lists_nor_opens_nor_changes_the_decision(login, other_clerk, person_decision,
                                                                             transport_decision):
    client = login(other_clerk)
    listing = client.get(BASE).content.decode()
    assert "西交罚〔2024〕3号" in listing and "西市监罚〔2024〕8号" not in listing
    assert client.get(f"{BASE}{person_decision.pk}/").status_code in (403, 404)
    assert client.get(f"{BASE}{person_decision.pk}/edit/").status_code in (403, 404)
    response = client.post(f"{BASE}{person_decision.pk}/edit/", {"doc_no": "改", "version": 1})
    assert response.status_code in (403, 404)
    assert client.post(f"{BASE}{person_decision.pk}/delete/").status_code in (403, 404)
    exported = rows_of(client.get(f"{BASE}?format=xlsx"))
    assert [r[1] for r in exported[1:]] == ["西交罚〔2024〕3号"]
    person_decision.refresh_from_db()
    assert person_decision.doc_no == "西市监罚〔2024〕8号"


def test_the_public_export_masks_a_persons_name_and_id_but_not_a_companys(login, clerk, person_decision,
                                                                          make_decision):
    make_decision()
    client = login(clerk)
    internal = rows_of(client.get(f"{BASE}?format=xlsx"))
    public = rows_of(client.get(f"{BASE}?format=xlsx&public=1"))
    header = list(internal[0])
    person, ident, org, code = (header.index(h) for h in ("当事人姓名（自然人、经营者）", "当事人公民身份号码",
                                                           "当事人名称（单位、个体工商户字号）", "统一社会信用代码"))
    by_doc = {r[1]: r for r in internal[1:]}
    assert by_doc["西市监罚〔2024〕8号"][person] == "张三丰" and by_doc["西市监罚〔2024〕8号"][ident] == PARTY_ID
    by_doc = {r[1]: r for r in public[1:]}
    assert by_doc["西市监罚〔2024〕8号"][person] == "张某"
    assert by_doc["西市监罚〔2024〕8号"][ident] == PARTY_ID[:6] + "********" + PARTY_ID[-4:]
    assert by_doc["西市监罚〔2024〕1号"][org] == "洞庭湖农产品有限公司"
    assert by_doc["西市监罚〔2024〕1号"][code] == COMPANY_CODE


def test_a_leader_reads_everything_masked_and_changes_nothing(login, leader, person_decision):
    client = login(leader)
    page = client.get(f"{BASE}{person_decision.pk}/").content.decode()
    assert "张某" in page and "张三丰" not in page and PARTY_ID not in page
    assert client.get(f"{BASE}{person_decision.pk}/edit/").status_code == 403


def test_officer_names_are_public_but_id_numbers_and_phones_are_not(login, clerk, make_officer):
    make_officer()
    public = rows_of(login(clerk).get(f"{BASE}officers/?format=xlsx&public=1"))
    header = list(public[0])
    row = public[1]
    assert row[header.index("姓名")] == "王执法" and row[header.index("执法证号")] == "D03-2021-001"
    assert row[header.index("公民身份号码")] == PARTY_ID[:6] + "********" + PARTY_ID[-4:]
    assert row[header.index("联系电话")] == "139****5678"
