"""Units are walled off; the reporter's identity is masked for readers without personal.view
and in the public export."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from tests.streams.complaints.conftest import new_complaint

pytestmark = pytest.mark.django_db


def export_rows(client, **params) -> list[tuple]:
    response = client.get("/s/complaints/", {"format": "xlsx", **params})
    assert response.status_code == 200
    return list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)


def test_another_units_clerk_can_neither_see_nor_change_a_market_report(
        login, clerk, other_clerk, market_unit, transport_unit):
    c = new_complaint(clerk, market_unit)
    new_complaint(other_clerk, transport_unit, subject="非法营运车辆拉客", category="traffic",
                  received_on=c.received_on.replace(day=28))
    client = login(other_clerk)
    html = client.get("/s/complaints/").content.decode()
    assert "非法营运车辆拉客" in html and "涉企检查过多过频" not in html
    for url in (f"/s/complaints/{c.pk}/", f"/s/complaints/{c.pk}/edit/", f"/s/complaints/{c.pk}/route/",
                f"/s/complaints/{c.pk}/delete/"):
        assert client.get(url).status_code == 403, url
    assert client.post(f"/s/complaints/{c.pk}/query-code/").status_code == 403
    assert client.post(f"/s/complaints/{c.pk}/route/", {"unit": transport_unit.pk,
                                                        "routed_on": "2024-09-30"}).status_code == 403
    c.refresh_from_db()
    assert (c.unit, c.state) == (market_unit, "registered")
    assert [r[0] for r in export_rows(client)[1:]] == ["JB2024-0002"]


def test_the_reporter_is_withheld_from_the_leader_and_the_public_export(login, clerk, leader, market_unit):
    c = new_complaint(clerk, market_unit)
    html = login(leader).get(f"/s/complaints/{c.pk}/").content.decode()
    assert "（举报人信息保密）" in html
    assert "张建国" not in html and "张某" not in html and "1234" not in html
    assert "张建国" in export_rows(login(clerk))[1]
    public = export_rows(login(clerk), public="1")
    assert "（举报人信息保密）" in public[1] and "张" not in str(public) and "1234" not in str(public)
