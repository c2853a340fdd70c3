"""Units are walled off; the rater is masked for readers without personal.view and in the
public export."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from tests.streams.services.conftest import new_item, new_rating

pytestmark = pytest.mark.django_db


def export_rows(client, url, **params) -> list[tuple]:
    response = client.get(url, {"format": "xlsx", **params})
    assert response.status_code == 200
    return list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)


def test_another_units_clerk_can_neither_see_nor_change_the_market_catalogue(
        login, clerk, other_clerk, market_unit, transport_unit):
    item = new_item(clerk, market_unit)
    rating = new_rating(clerk, market_unit)
    new_item(other_clerk, transport_unit, code="430771D04XK001", name="道路货物运输经营许可（新办）")
    client = login(other_clerk)
    html = client.get("/s/services/").content.decode()
    assert "道路货物运输经营许可" in html and "食品经营许可" not in html
    for url in (f"/s/services/{item.pk}/", f"/s/services/{item.pk}/edit/", f"/s/services/{item.pk}/delete/",
                f"/s/services/ratings/{rating.pk}/", f"/s/services/ratings/{rating.pk}/edit/"):
        assert client.get(url).status_code == 403, url
    assert client.post(f"/s/services/{item.pk}/edit/", {"name": "篡改"}).status_code == 403
    item.refresh_from_db()
    assert item.name == "食品经营许可（新办）"
    rows = export_rows(client, "/s/services/")
    assert [r[1] for r in rows[1:]] == ["430771D04XK001"]
    assert len(export_rows(client, "/s/services/ratings/")) == 1


def test_the_rater_is_masked_for_the_leader_and_in_the_public_export(login, clerk, leader, market_unit):
    new_item(clerk, market_unit)
    rating = new_rating(clerk, market_unit)
    html = login(leader).get(f"/s/services/ratings/{rating.pk}/").content.decode()
    assert "张某" in html and "张建国" not in html and "139****1234" in html
    internal = export_rows(login(clerk), "/s/services/ratings/")
    assert "张建国" in internal[1] and "13973601234" in internal[1]
    public = export_rows(login(clerk), "/s/services/ratings/", public="1")
    assert "张某" in public[1] and "139****1234" in public[1] and "张建国" not in str(public)
