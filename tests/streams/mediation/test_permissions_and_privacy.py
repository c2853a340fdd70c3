"""Who may see and change mediation records, and how the parties' data is protected
(人民调解法 第十五条、第二十三条; spec §18.3: nothing about the parties is public)."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from fazhi.core.models import AuditEvent
from fazhi.streams.mediation.models import MediationCase
from tests.streams.mediation.conftest import PARTY_ID

pytestmark = pytest.mark.django_db

BASE = "/s/mediation/"


def rows_of(response) -> list[tuple]:
    return list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)


@pytest.fixture
def market_case(new_case) -> MediationCase:
    return new_case()


def test_another_units_clerk_neither_lists_nor_opens_nor_changes_the_case(login, other_clerk, market_case,
                                                                         transport_case):
    client = login(other_clerk)
    listing = client.get(BASE).content.decode()
    assert "（2023）交调字第007号" in listing and "（2023）市监调字第001号" not in listing
    for url in (f"{BASE}{market_case.pk}/", f"{BASE}{market_case.pk}/edit/", f"{BASE}{market_case.pk}/delete/",
                f"{BASE}{market_case.pk}/do/start/"):
        assert client.get(url).status_code == 403, url
    assert client.post(f"{BASE}{market_case.pk}/do/start/").status_code == 403
    assert client.post(f"{BASE}{market_case.pk}/delete/").status_code == 403
    assert client.post(f"{BASE}{market_case.pk}/edit/", {"party_a_name": "篡改"}).status_code == 403
    market_case.refresh_from_db()
    assert (market_case.state, market_case.party_a_name) == ("accepted", "张三丰")


def test_another_units_export_does_not_contain_the_case(login, other_clerk, market_case, transport_case):
    rows = rows_of(login(other_clerk).get(BASE, {"format": "xlsx"}))
    numbers = [r[1] for r in rows[1:]]
    assert numbers == ["（2023）交调字第007号"]


def test_another_units_clerk_cannot_import_into_that_unit(login, other_clerk, transport_committee, market_case):
    from tests.streams.mediation.test_excel import HEADER, row

    wb = Workbook()
    wb.active.append(HEADER)
    wb.active.append(row(unit="市场监督管理局", number="（2023）市监调字第001号", party_a="篡改"))
    data = io.BytesIO()
    wb.save(data)
    data.seek(0)
    data.name = "x.xlsx"
    response = login(other_clerk).post(f"{BASE}import/", {"file": data})
    assert response.status_code == 400
    assert "单位“市场监督管理局”不存在或您无权为其登记" in response.content.decode()
    market_case.refresh_from_db()
    assert market_case.party_a_name == "张三丰"


def test_another_units_clerk_cannot_open_its_committee_either(login, other_clerk, market_committee):
    assert login(other_clerk).get(f"{BASE}committees/{market_committee.pk}/").status_code == 403


def test_the_leader_reads_every_case_but_changes_nothing(login, leader, market_case):
    client = login(leader)
    assert client.get(f"{BASE}{market_case.pk}/").status_code == 200
    assert client.get(f"{BASE}new/").status_code == 403
    assert client.post(f"{BASE}{market_case.pk}/delete/").status_code == 403
    client.post(f"{BASE}{market_case.pk}/do/decline/")
    market_case.refresh_from_db()
    assert market_case.state == "accepted"


def test_the_leader_sees_the_parties_masked_on_the_page_and_in_the_list(login, leader, market_case):
    client = login(leader)
    detail = client.get(f"{BASE}{market_case.pk}/").content.decode()
    assert "张三丰" not in detail and "张某" in detail
    assert PARTY_ID not in detail and PARTY_ID[:6] + "********" + PARTY_ID[-4:] in detail
    assert "13912345678" not in detail and "139****5678" in detail
    assert "3组12号" not in detail and "西洞庭管理区祝丰镇***" in detail
    assert "张三丰" not in client.get(BASE).content.decode()
    assert not AuditEvent.objects.filter(action="view_personal", actor=leader).exists()


def test_the_clerk_sees_the_parties_and_that_is_audited(login, clerk, market_case):
    assert "张三丰" in login(clerk).get(f"{BASE}{market_case.pk}/").content.decode()
    assert AuditEvent.objects.filter(action="view_personal", actor=clerk).exists()


def test_the_public_export_masks_every_party_detail_even_for_the_clerk(login, clerk, market_case):
    client = login(clerk)
    internal = rows_of(client.get(BASE, {"format": "xlsx"}))
    public = rows_of(client.get(BASE, {"format": "xlsx", "public": "1"}))
    header = internal[0]
    name, id_col, phone = (header.index(h) for h in ("当事人（申请人）姓名", "当事人（申请人）公民身份号码",
                                                     "当事人（申请人）联系电话"))
    assert (internal[1][name], internal[1][id_col], internal[1][phone]) == ("张三丰", PARTY_ID, "13912345678")
    assert (public[1][name], public[1][phone]) == ("张某", "139****5678")
    assert public[1][id_col] == PARTY_ID[:6] + "********" + PARTY_ID[-4:]


def test_the_leaders_export_is_masked_too(login, leader, market_case):
    rows = rows_of(login(leader).get(BASE, {"format": "xlsx"}))
    assert "张三丰" not in [c for r in rows for c in r] and "张某" in rows[1]


def test_mediator_id_numbers_and_phones_are_masked_for_the_leader(login, clerk, leader, market_committee,
                                                                  market_unit):
    from fazhi.core.ledger import record_create
    from fazhi.streams.mediation.models import Mediator

    mediator = record_create(Mediator, by=clerk, unit=market_unit, year=2023, name="孙调解",
                             phone="13700001111", id_number=PARTY_ID)
    assert mediator.committee == market_committee
    html = login(leader).get(f"{BASE}mediators/{mediator.pk}/").content.decode()
    assert "孙调解" in html and "13700001111" not in html and PARTY_ID not in html
