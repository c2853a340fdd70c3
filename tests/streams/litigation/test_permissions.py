"""Who may see and change the stream's records: a unit's clerk only its own; the district
leader reads everything and changes nothing; plaintiffs' and applicants' identity is masked
for the leader and in every public export (spec §18: 行政应诉 publishes aggregates only)."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from fazhi.core.privacy import mask_id_number
from fazhi.streams.litigation.models import CaseStep, Hearing, LitigationCase, Reconsideration
from tests.streams.litigation.conftest import PLAINTIFF_ID

pytestmark = pytest.mark.django_db


def export_rows(client, url: str, **params) -> list[tuple]:
    response = client.get(url, {"format": "xlsx", **params})
    return list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)


def test_another_units_clerk_neither_sees_nor_changes_a_case(login, other_clerk, market_case, transport_case):
    client = login(other_clerk)
    html = client.get("/s/litigation/").content.decode()
    assert transport_case.case_number in html and market_case.case_number not in html
    pk = market_case.pk
    for url in (f"/s/litigation/{pk}/", f"/s/litigation/{pk}/edit/", f"/s/litigation/{pk}/delete/",
                f"/s/litigation/{pk}/do/answer/"):
        assert client.get(url).status_code == 403, url
    assert client.post(f"/s/litigation/{pk}/delete/").status_code == 403
    assert client.post(f"/s/litigation/{pk}/do/answer/").status_code == 403
    assert client.post(f"/s/litigation/{pk}/edit/", {"cause": "篡改"}).status_code == 403
    assert client.post(f"/s/litigation/{pk}/steps/", {"step": "通报", "done_on": "2024-02-01"}).status_code == 403
    market_case.refresh_from_db()
    assert LitigationCase.objects.filter(pk=pk).exists() and market_case.cause == "不服行政处罚决定"
    assert not CaseStep.objects.exists()
    rows = export_rows(client, "/s/litigation/")
    assert [r[1] for r in rows[1:]] == [transport_case.case_number]


def test_another_units_clerk_neither_sees_nor_changes_a_reconsideration(login, other_clerk, market_recon,
                                                                        transport_recon):
    client = login(other_clerk)
    html = client.get("/s/litigation/reconsiderations/").content.decode()
    assert transport_recon.case_number in html and market_recon.case_number not in html
    pk = market_recon.pk
    for url in (f"/s/litigation/reconsiderations/{pk}/", f"/s/litigation/reconsiderations/{pk}/edit/",
                f"/s/litigation/reconsiderations/{pk}/delete/"):
        assert client.get(url).status_code == 403, url
    assert client.post(f"/s/litigation/reconsiderations/{pk}/do/accept/").status_code == 403
    assert client.post(f"/s/litigation/reconsiderations/{pk}/extend/",
                       {"days": 10, "approved_by": "x", "on": "2024-03-01", "reason": "y"}).status_code == 403
    assert client.post(f"/s/litigation/reconsiderations/{pk}/delete/").status_code == 403
    assert Reconsideration.objects.filter(pk=pk, state="received").exists()
    rows = export_rows(client, "/s/litigation/reconsiderations/")
    assert [r[1] for r in rows[1:]] == [transport_recon.case_number]


def test_another_units_clerk_cannot_see_its_hearings(login, clerk, other_clerk, market_unit, market_case):
    hearing = Hearing.objects.create(unit=market_unit, year=2024, case=market_case,
                                     case_number=market_case.case_number, hearing_date="2024-03-12", state="scheduled")
    client = login(other_clerk)
    assert market_case.case_number not in client.get("/s/litigation/hearings/").content.decode()
    assert client.get(f"/s/litigation/hearings/{hearing.pk}/").status_code == 403
    assert client.post(f"/s/litigation/hearings/{hearing.pk}/do/cancel/").status_code == 403
    assert Hearing.objects.get().state == "scheduled"


def test_a_clerk_cannot_import_into_another_unit(login, other_clerk, market_unit):
    from fazhi.streams.litigation.importers import CASE_IMPORT

    wb = Workbook()
    ws = wb.active
    ws.append(CASE_IMPORT.headers)
    ws.append(["市场监督管理局", 2024, "（2024）湘0771行初30号", "西洞庭管理区人民法院", "一审", "", "不服处罚", "行政处罚",
               "自然人", "张三", "", "", "", "2024-03-01", "", "", "", ""])
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "cases.xlsx"
    response = login(other_clerk).post("/s/litigation/import/", {"file": buffer})
    errors = {(e.row, e.column): e.message for e in response.context["result"].errors}
    assert "单位“市场监督管理局”不存在或您无权为其登记" in errors[(2, 1)]
    assert not LitigationCase.objects.exists()


def test_the_leader_reads_every_case_but_changes_nothing(login, leader, market_case, transport_case, market_recon):
    client = login(leader)
    html = client.get("/s/litigation/").content.decode()
    assert market_case.case_number in html and transport_case.case_number in html
    assert client.get(f"/s/litigation/{market_case.pk}/").status_code == 200
    assert client.get("/s/litigation/new/").status_code == 403
    assert client.get(f"/s/litigation/{market_case.pk}/edit/").status_code == 403
    assert client.post(f"/s/litigation/{market_case.pk}/delete/").status_code == 403
    assert client.post(f"/s/litigation/{market_case.pk}/steps/", {"step": "通报", "done_on": "2024-02-01"}).status_code == 403
    client.post(f"/s/litigation/{market_case.pk}/do/settle/")
    assert LitigationCase.objects.get(pk=market_case.pk).state == "received"
    assert client.post(f"/s/litigation/reconsiderations/{market_recon.pk}/extend/",
                       {"days": 10, "approved_by": "x", "on": "2024-03-01", "reason": "y"}).status_code == 403


def test_the_plaintiff_is_masked_for_the_leader(login, clerk, leader, market_case):
    assert "张三丰" in login(clerk).get(f"/s/litigation/{market_case.pk}/").content.decode()
    client = login(leader)
    detail = client.get(f"/s/litigation/{market_case.pk}/").content.decode()
    assert "张三丰" not in detail and "张某" in detail
    assert PLAINTIFF_ID not in detail and mask_id_number(PLAINTIFF_ID) in detail
    assert "13912345678" not in detail and "139****5678" in detail
    assert "张三丰" not in client.get("/s/litigation/").content.decode()


def test_the_public_export_masks_parties_even_for_the_clerk(login, clerk, market_case, market_recon):
    client = login(clerk)
    internal = export_rows(client, "/s/litigation/")
    public = export_rows(client, "/s/litigation/", public="1")
    header = internal[0]
    name, number = header.index("原告姓名或名称"), header.index("原告公民身份号码")
    assert (internal[1][name], internal[1][number]) == ("张三丰", PLAINTIFF_ID)
    assert (public[1][name], public[1][number]) == ("张某", mask_id_number(PLAINTIFF_ID))
    public = export_rows(client, "/s/litigation/reconsiderations/", public="1")
    assert "李四光" not in str(public) and "李某" in str(public) and "13912345678" not in str(public)
