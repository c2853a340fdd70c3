"""The three 普法 ledgers through their pages: create, read, edit, steps, delete; and what is
refused with a Chinese message and nothing written."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.models import AuditEvent
from fazhi.core.workflow import TransitionError, transition
from fazhi.streams.pufa.models import Activity, LegalLiterate
from tests.streams.pufa.conftest import ID_NUMBER, new_activity, new_item, new_literate

pytestmark = pytest.mark.django_db


def test_an_activity_is_created_edited_held_and_deleted_through_the_pages(login, clerk, market_unit):
    client = login(clerk)
    response = client.post("/s/pufa/activities/new/", {
        "unit": market_unit.pk, "year": 2026, "title": "食品安全法进社区", "kind": "village",
        "law": "《中华人民共和国食品安全法》", "held_on": "2026-03-15", "place": "育才社区", "audience_kind": "villagers",
        "audience_count": 80, "is_public": "on"})
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert (activity.state, activity.audience_count) == ("planned", 80)
    assert "食品安全法进社区" in client.get(f"/s/pufa/activities/{activity.pk}/").content.decode()
    response = client.post(f"/s/pufa/activities/{activity.pk}/edit/", {
        "unit": market_unit.pk, "year": 2026, "title": "食品安全法进社区", "kind": "village", "held_on": "2026-03-15",
        "audience_kind": "villagers", "audience_count": 95, "version": activity.version})
    assert response.status_code == 302
    client.post(f"/s/pufa/activities/{activity.pk}/do/hold/")
    activity.refresh_from_db()
    assert (activity.state, activity.audience_count, activity.is_public) == ("held", 95, False)
    listing = client.get("/s/pufa/activities/?q=食品").content.decode()
    assert "食品安全法进社区" in listing
    assert client.post(f"/s/pufa/activities/{activity.pk}/delete/").status_code == 302
    assert not Activity.objects.exists()


def test_a_negative_audience_or_a_date_outside_the_year_is_refused_and_nothing_written(login, clerk, market_unit):
    response = login(clerk).post("/s/pufa/activities/new/", {
        "unit": market_unit.pk, "year": 2026, "title": "以案释法", "kind": "case", "held_on": "2025-12-15",
        "audience_kind": "business", "audience_count": -5})
    page = response.content.decode()
    assert response.status_code == 200
    assert "确保该值大于或等于0" in page.replace(" ", "")
    assert not Activity.objects.exists()
    response = login(clerk).post("/s/pufa/activities/new/", {
        "unit": market_unit.pk, "year": 2026, "title": "以案释法", "kind": "case", "held_on": "2025-12-15",
        "audience_kind": "business", "audience_count": 5})
    assert "活动日期应在所填年度内" in response.content.decode()
    assert not Activity.objects.exists()
    assert not AuditEvent.objects.filter(object_type__contains="activity").exists()


def test_an_activity_cannot_carry_out_another_units_list_item(clerk, other_clerk, market_unit, transport_unit):
    foreign = new_item(other_clerk, transport_unit, law="《中华人民共和国道路交通安全法》")
    with pytest.raises(ValidationError, match="只能选择本单位的普法责任清单事项"):
        new_activity(clerk, market_unit, item=foreign)
    own = new_item(clerk, market_unit)
    assert new_activity(clerk, market_unit, item=own).item == own


def test_an_activity_in_the_future_cannot_be_registered_as_held(clerk, market_unit):
    activity = new_activity(clerk, market_unit, held_on=date(2099, 1, 5), year=2099)
    with pytest.raises(TransitionError, match="活动日期晚于今天"):
        transition(activity, "hold", by=clerk)


def test_a_list_item_is_published_by_the_head_not_the_clerk(clerk, head, market_unit):
    item = new_item(clerk, market_unit)
    with pytest.raises(TransitionError):
        transition(item, "publish", by=clerk)
    item = transition(item, "publish", by=head)
    assert item.state == "published" and item.published_on is not None


def test_the_roster_is_kept_per_village_by_the_townships_clerk(login, township_clerk, village):
    client = login(township_clerk)
    response = client.post("/s/pufa/literates/new/", {
        "unit": village.pk, "year": 2026, "name": "李明德", "phone": "13907361234", "id_number": ID_NUMBER,
        "trained_on": "2026-03-01", "certificate_no": "xdt-flmbr-2026-001"})
    assert response.status_code == 302
    person = LegalLiterate.objects.get()
    assert (person.unit, person.certificate_no, person.state) == (village, "XDT-FLMBR-2026-001", "active")
    person = transition(person, "retire", by=township_clerk)
    assert person.state == "retired" and person.left_on is not None


def test_the_roster_refuses_a_unit_that_is_not_a_village_a_bad_id_number_or_a_certificate_twice(
        township_clerk, village):
    with pytest.raises(ValidationError) as exc:
        new_literate(township_clerk, village.parent, id_number="430771198001010010", phone="12345")
    assert exc.value.message_dict["unit"] == ["法律明白人名册按村（社区）登记，请选择村（社区）"]
    assert exc.value.message_dict["id_number"] == ["公民身份号码格式或校验位不正确"]
    assert "不是有效的电话号码" in exc.value.message_dict["phone"][0]
    new_literate(township_clerk, village)
    with pytest.raises(ValidationError, match="该证书编号已登记"):
        new_literate(township_clerk, village, name="王桂兰")
    assert LegalLiterate.objects.count() == 1


def test_a_clerk_of_another_department_can_neither_open_nor_write_the_villages_roster(
        login, township_clerk, clerk, village):
    person = new_literate(township_clerk, village)
    assert login(clerk).get(f"/s/pufa/literates/{person.pk}/").status_code in (403, 404)
    with pytest.raises(PermissionDenied):
        new_literate(clerk, village, certificate_no="X2")


def test_the_leader_reads_the_roster_with_personal_data_masked(login, township_clerk, leader, village):
    person = new_literate(township_clerk, village)
    client = login(leader)
    for url in ("/s/pufa/literates/", f"/s/pufa/literates/{person.pk}/"):
        page = client.get(url).content.decode()
        assert "XDT-FLMBR-2026-001" in page
        assert "13907361234" not in page and ID_NUMBER not in page and "李明德" not in page
