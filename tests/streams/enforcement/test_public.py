"""The public 行政执法公示 column: what anyone can read without signing in."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core import workflow
from fazhi.core.ledger import record_update
from tests.streams.enforcement.conftest import COMPANY_CODE, PARTY_ID

pytestmark = pytest.mark.django_db

URL = "/gk/enforcement/"


def test_published_decisions_show_companies_in_full_and_persons_as_surname_only(client, clerk, make_decision):
    company = make_decision(disclosed_on=date(2024, 3, 8), disclosure_channel="门户网站")
    person = make_decision(doc_no="西市监罚〔2024〕2号", party_type="natural", party_org="", party_credit_code="",
                           party_person="张三丰", party_id_number=PARTY_ID, disclosed_on=date(2024, 3, 8),
                           disclosure_channel="门户网站")
    make_decision(doc_no="西市监罚〔2024〕3号")  # not yet published
    for d in (company, person):
        workflow.transition(d, "publish", by=clerk)
    person = record_update(person, by=clerk, reversed_on=date(2024, 5, 6), withdrawn_on=date(2024, 5, 7),
                           withdrawal_reason="经行政复议被撤销")
    workflow.transition(person, "withdraw", by=clerk)
    page = client.get(URL).content.decode()
    assert f"洞庭湖农产品有限公司（{COMPANY_CODE}）" in page
    # The company links to its 信用中国 credit record; the person has no credit link.
    assert page.count("https://www.creditchina.gov.cn/xinyongxinxi/index.html?keyword=") == 1
    assert f"keyword={COMPANY_CODE}" in page
    assert "张某" in page and "张三丰" not in page and PARTY_ID not in page
    assert "已撤回公示：经行政复议被撤销" in page
    assert "西市监罚〔2024〕3号" not in page


def test_only_officers_with_a_valid_certificate_are_listed_by_name_and_number(client, make_officer):
    make_officer(valid_until=date(2099, 1, 1))
    make_officer(name="钱过期", certificate_no="OLD-9", year=2015, issued_on=date(2015, 1, 5),
                 valid_until=date(2020, 1, 4))
    page = client.get(f"{URL}?tab=officers").content.decode()
    assert "王执法" in page and "D03-2021-001" in page and "13912345678" not in page
    assert "钱过期" not in page


def test_the_enforcement_column_offers_the_inspection_code_check(client, db):
    """执法公示 gains the 检查码 check (issue 16), offered by the inspections stream through the
    registry (PublicSection.column), not by a link written into this stream."""
    from django.urls import reverse

    page = client.get("/gk/enforcement/").content.decode()
    assert "行政检查码核验" in page and f'href="{reverse("gk_checks:lookup")}"' in page
