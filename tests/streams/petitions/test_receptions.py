"""Reception days (接访批次): registered by the clerk on the form, confirmed by the unit head."""

from __future__ import annotations

import pytest

from fazhi.streams.petitions.models import Reception

pytestmark = pytest.mark.django_db

FORM = {"year": 2026, "received_on": "2026-03-04", "kind": "lawyer", "receiver": "王志强律师", "batches": 4,
        "resolved_on_site": 3, "notes": "律师坐班"}


def test_a_clerk_records_a_reception_day_and_the_head_confirms_it(login, clerk, head, market_unit):
    client = login(clerk)
    response = client.post("/s/petitions/receptions/new/", {**FORM, "unit": market_unit.pk})
    day = Reception.objects.get()
    assert response["Location"] == f"/s/petitions/receptions/{day.pk}/"
    assert day.state == "recorded"
    html = client.post(f"/s/petitions/receptions/{day.pk}/do/confirm/", follow=True).content.decode()
    assert "您没有权限办理该环节" in html
    login(head).post(f"/s/petitions/receptions/{day.pk}/do/confirm/")
    day.refresh_from_db()
    assert day.state == "confirmed"
    html = login(clerk).get("/s/petitions/receptions/").content.decode()
    assert "律师坐班接访" in html and "已核实" in html


def test_more_solved_than_batches_is_refused(login, clerk, market_unit):
    response = login(clerk).post("/s/petitions/receptions/new/", {**FORM, "unit": market_unit.pk,
                                                                   "resolved_on_site": 5})
    assert "现场解决件数不能多于接待批次" in response.content.decode()
    assert not Reception.objects.exists()


def test_the_same_reception_cannot_be_recorded_twice(login, clerk, market_unit):
    client = login(clerk)
    client.post("/s/petitions/receptions/new/", {**FORM, "unit": market_unit.pk})
    response = client.post("/s/petitions/receptions/new/", {**FORM, "unit": market_unit.pk})
    assert "同一单位同一天同一接访人的该类接访已登记" in response.content.decode()
    assert Reception.objects.count() == 1
