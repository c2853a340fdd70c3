"""Units are walled off; only the 法治办 coordinator approves beyond the cap."""

from __future__ import annotations

import pytest

from fazhi.core.roles import Role
from fazhi.streams.checks.models import BusinessInspection
from tests.conftest import make_user
from tests.streams.checks.conftest import new_inspection, registered, soon

pytestmark = pytest.mark.django_db


def test_another_units_clerk_can_neither_see_nor_change_an_inspection(login, clerk, other_clerk, market_unit):
    inspection = registered(clerk, market_unit)
    client = login(other_clerk)
    assert "西洞庭鲜味餐饮有限公司" not in client.get("/s/checks/").content.decode()
    for url in (f"/s/checks/{inspection.pk}/", f"/s/checks/{inspection.pk}/edit/",
                f"/s/checks/{inspection.pk}/print/", f"/s/checks/{inspection.pk}/delete/"):
        assert client.get(url).status_code == 403, url
    assert client.post(f"/s/checks/{inspection.pk}/do/cancel/").status_code == 403
    inspection.refresh_from_db()
    assert inspection.state == "registered"


def test_only_the_coordinator_approves_beyond_the_cap(login, clerk, head, coordinator, market_unit, settings):
    settings.FAZHI_CHECKS_PER_ENTITY_YEAR = 1
    registered(clerk, market_unit, planned_on=soon(1))
    draft = new_inspection(clerk, market_unit, planned_on=soon(2))
    page = login(clerk).get(f"/s/checks/{draft.pk}/").content.decode()
    assert "无事不扰" in page and "批准超频次检查" not in page
    # a unit head holds records.approve on the unit, but the cap is the coordinator's to lift
    assert login(head).post(f"/s/checks/{draft.pk}/approve/", {"reason": "举报线索需核查"}).status_code == 403
    assert login(coordinator).get(f"/s/checks/{draft.pk}/approve/").status_code == 405
    client = login(coordinator)
    assert "批准超频次检查" in client.get(f"/s/checks/{draft.pk}/").content.decode()
    r = client.post(f"/s/checks/{draft.pk}/approve/", {"reason": "举报线索需核查"}, follow=True)
    assert "已批准超频次检查" in r.content.decode()
    draft.refresh_from_db()
    assert draft.cap_reason == "举报线索需核查" and draft.cap_approved_by == coordinator
    r = login(clerk).post(f"/s/checks/{draft.pk}/do/register/", follow=True)
    assert BusinessInspection.objects.get(pk=draft.pk).state == "registered", r.content.decode()[-3000:]


def test_a_coordinator_of_another_county_cannot_approve(login, clerk, market_unit, settings):
    from fazhi.core.units import setup_division

    settings.FAZHI_CHECKS_PER_ENTITY_YEAR = 1
    registered(clerk, market_unit, planned_on=soon(1))
    draft = new_inspection(clerk, market_unit, planned_on=soon(2))
    elsewhere = make_user("far", setup_division("430702").county, Role.COORDINATOR)
    assert login(elsewhere).post(f"/s/checks/{draft.pk}/approve/", {"reason": "举报线索需核查"}).status_code in (403, 404)
    draft.refresh_from_db()
    assert draft.cap_approved_at is None
