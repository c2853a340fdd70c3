"""Who sees and changes petitions: units are walled off, the leader only reads, and the
petitioner's identity never leaves unmasked (spec §18.3; an accuser's not at all, 第三十条)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from fazhi.core.ledger import record_create
from fazhi.streams.petitions.models import Petition, Reception
from tests.streams.petitions.conftest import new_petition, synthetic_id

pytestmark = pytest.mark.django_db


def export_rows(client, **params) -> list[tuple]:
    response = client.get("/s/petitions/", {"format": "xlsx", **params})
    assert response.status_code == 200
    return list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)


@pytest.fixture
def transport_petition(other_clerk, transport_unit) -> Petition:
    return new_petition(other_clerk, transport_unit, reg_no="XF-2026-0900", subject="客运班线停运",
                        petitioner_name="刘小红")


def test_another_units_clerk_can_neither_see_nor_change_a_market_petition(
        login, other_clerk, market_petition, transport_petition):
    client = login(other_clerk)
    html = client.get("/s/petitions/").content.decode()
    assert "客运班线停运" in html and "拖欠工资" not in html
    pk = market_petition.pk
    for url in (f"/s/petitions/{pk}/", f"/s/petitions/{pk}/edit/", f"/s/petitions/{pk}/delete/",
                f"/s/petitions/{pk}/do/route/", f"/s/petitions/{pk}/extend/"):
        assert client.get(url).status_code == 403, url
    assert client.post(f"/s/petitions/{pk}/edit/", {"subject": "篡改"}).status_code == 403
    assert client.post(f"/s/petitions/{pk}/do/refuse/").status_code == 403
    assert client.post(f"/s/petitions/{pk}/delete/").status_code == 403
    market_petition.refresh_from_db()
    assert (market_petition.subject, market_petition.state) == ("拖欠工资", "registered")
    rows = export_rows(client)
    assert [r[0] for r in rows[1:]] == ["XF-2026-0900"]


def test_another_units_clerk_cannot_import_into_the_market_unit(login, other_clerk, market_unit):
    from tests.streams.petitions.test_import import HEADER, good_rows, workbook

    response = login(other_clerk).post("/s/petitions/import/", {"file": workbook(good_rows()[:1], HEADER)})
    assert response.status_code == 400
    errors = [e.message for e in response.context["result"].errors]
    assert "单位“市场监督管理局”不存在或您无权为其登记" in errors
    assert not Petition.objects.filter(unit=market_unit).exists()


def test_another_units_clerk_cannot_see_a_market_reception_day(login, clerk, other_clerk, market_unit):
    day = record_create(Reception, by=clerk, unit=market_unit, year=2026, received_on=date(2026, 3, 4),
                        kind="lawyer", receiver="王志强律师", batches=3, resolved_on_site=2)
    client = login(other_clerk)
    assert "王志强律师" not in client.get("/s/petitions/receptions/").content.decode()
    assert client.get(f"/s/petitions/receptions/{day.pk}/").status_code == 403


def test_the_leader_reads_masked_and_changes_nothing(login, leader, market_petition):
    client = login(leader)
    html = client.get(f"/s/petitions/{market_petition.pk}/").content.decode()
    assert "张某" in html and "张建国" not in html
    assert synthetic_id() not in html and "祝丰镇唐林村" not in html
    assert "139****1234" in html
    assert client.get("/s/petitions/new/").status_code == 403
    assert client.get(f"/s/petitions/{market_petition.pk}/edit/").status_code == 403
    assert client.post(f"/s/petitions/{market_petition.pk}/delete/").status_code == 403
    assert client.get(f"/s/petitions/{market_petition.pk}/extend/").status_code == 403
    client.post(f"/s/petitions/{market_petition.pk}/do/refuse/")
    market_petition.refresh_from_db()
    assert market_petition.state == "registered"
    assert "张某" in client.get("/s/petitions/").content.decode()


def test_the_leader_and_the_public_export_never_see_an_accusers_identity(login, leader, clerk, market_unit):
    new_petition(clerk, market_unit, reg_no="XF-2026-0003", category="accusation", subject="反映执法人员吃拿卡要",
                 petitioner_name="赵检举")
    html = login(leader).get("/s/petitions/").content.decode()
    assert "赵检举" not in html and "赵某" not in html and "（检举控告人信息保密）" in html
    rows = export_rows(login(clerk), public="1")
    assert "赵检举" not in str(rows) and "（检举控告人信息保密）" in rows[1]


def test_the_public_export_masks_every_personal_field_and_the_internal_one_does_not(
        login, clerk, market_petition):
    client = login(clerk)
    header, *public = export_rows(client, public="1")
    row = dict(zip(header, public[0], strict=True))
    assert row["信访人姓名"] == "张某"
    assert row["公民身份号码"] == synthetic_id()[:6] + "********" + synthetic_id()[-4:]
    assert row["联系电话"] == "139****1234"
    assert row["住址"] == "西洞庭管理区祝丰镇***"
    header, *internal = export_rows(client)
    assert dict(zip(header, internal[0], strict=True))["信访人姓名"] == "张建国"


def test_searching_by_a_petitioners_name_finds_nothing(login, leader, market_petition):
    assert "拖欠工资" not in login(leader).get("/s/petitions/", {"q": "张建国"}).content.decode()
    assert "拖欠工资" in login(leader).get("/s/petitions/", {"q": "拖欠"}).content.decode()


def test_a_clerk_cannot_register_a_petition_for_another_unit(login, clerk, transport_unit):
    response = login(clerk).post("/s/petitions/new/", {
        "unit": transport_unit.pk, "year": 2026, "reg_no": "XF-2026-0700", "channel": "visit",
        "registered_on": "2026-03-02", "petitioner_name": "某人", "people_count": 1, "category": "claim",
        "subject": "越权", "satisfaction": "none"})
    assert "unit" in response.context["form"].errors
    assert not Petition.objects.exists()
