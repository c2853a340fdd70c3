"""Who sees and changes which requests; the applicant's identity is masked for readers
without personal.view and always in the public export (spec §18: never published)."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from fazhi.streams.disclosure.models import DisclosureRequest
from tests.streams.disclosure.conftest import ID, form_data

pytestmark = pytest.mark.django_db


def export_rows(client, **params) -> list[tuple]:
    response = client.get("/s/disclosure/", {"format": "xlsx", **params})
    return list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)


def test_another_units_clerk_neither_sees_nor_changes_the_request(login, other_clerk, market_request, market_unit):
    client = login(other_clerk)
    assert "依申2026-001" not in client.get("/s/disclosure/").content.decode()
    pk = market_request.pk
    for url in (f"/s/disclosure/{pk}/", f"/s/disclosure/{pk}/edit/", f"/s/disclosure/{pk}/delete/",
                f"/s/disclosure/{pk}/do/register/", f"/s/disclosure/{pk}/do/extend/"):
        assert client.get(url).status_code == 403, url
    assert client.post(f"/s/disclosure/{pk}/do/register/").status_code == 403
    assert client.post(f"/s/disclosure/{pk}/delete/").status_code == 403
    assert client.post(f"/s/disclosure/{pk}/edit/", form_data(market_unit, applicant_name="篡改")).status_code == 403
    market_request.refresh_from_db()
    assert (market_request.state, market_request.applicant_name) == ("received", "张三丰")
    assert all("依申2026-001" not in str(row) for row in export_rows(client))


def test_another_units_clerk_cannot_import_into_that_unit(login, other_clerk, market_unit):
    wb = Workbook()
    ws = wb.active
    from fazhi.streams.disclosure.importers import DISCLOSURE_IMPORT

    ws.append(DISCLOSURE_IMPORT.headers)
    ws.append(["市场监督管理局", 2026, "越权-1", "当面提交", "2026-03-02", None, None, "自然人", "王五", ID,
               None, "13912345678", "", "某信息", ""])
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "x.xlsx"
    response = login(other_clerk).post("/s/disclosure/import/", {"file": buffer})
    assert response.status_code == 400
    assert "单位“市场监督管理局”不存在或您无权为其登记" in response.context["result"].errors[0].message
    assert not DisclosureRequest.objects.exists()


def test_the_clerk_sees_the_applicant_in_full_on_the_own_units_request(login, clerk, market_request):
    html = login(clerk).get(f"/s/disclosure/{market_request.pk}/").content.decode()
    assert "张三丰" in html and ID in html and "13912345678" in html


def test_the_leader_reads_every_request_masked_and_changes_nothing(login, leader, market_request, transport_request):
    client = login(leader)
    listing = client.get("/s/disclosure/").content.decode()
    assert "依申2026-001" in listing and "交通依申2026-007" in listing
    assert "张某" in listing and "张三丰" not in listing
    html = client.get(f"/s/disclosure/{market_request.pk}/").content.decode()
    assert "张三丰" not in html and ID not in html and "139****5678" in html and ID[:6] + "********" in html
    assert client.get("/s/disclosure/new/").status_code == 403
    assert client.get(f"/s/disclosure/{market_request.pk}/edit/").status_code == 403
    client.post(f"/s/disclosure/{market_request.pk}/do/register/")
    assert client.post(f"/s/disclosure/{market_request.pk}/delete/").status_code == 403
    market_request.refresh_from_db()
    assert market_request.state == "received"
    assert "张某" in str(export_rows(client)) and "张三丰" not in str(export_rows(client))


def test_the_public_export_never_shows_the_applicants_identity(login, clerk, market_request):
    client = login(clerk)
    assert "张三丰" in str(export_rows(client))
    public = export_rows(client, public="1")
    assert "张三丰" not in str(public) and "张某" in str(public)
