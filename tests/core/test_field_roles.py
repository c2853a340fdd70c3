"""Issue 19: role-fit navigation. A village mediator works in 人民调解, a village legal adviser in
公共法律服务 and 普法 (StreamManifest.field_roles): their menu lists those streams only, and their
capabilities hold nowhere else — another stream's list, record and writes are refused, even for
their own village's records. The coordinator still sees every stream."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from fazhi.core import scope
from fazhi.core.ledger import record_create
from fazhi.core.models import Unit
from fazhi.core.registry import menu_for, streams
from fazhi.core.roles import Role
from fazhi.streams.study.models import StudySession
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def village(county) -> Unit:
    return Unit.objects.get(code="430771101208")  # 唐林村


@pytest.fixture
def mediator(village):
    return make_user("mediator", village, Role.MEDIATOR)


@pytest.fixture
def adviser(village):
    return make_user("adviser", village, Role.LEGAL_ADVISOR)


def test_the_mediator_sees_mediation_only_the_adviser_his_two_streams_the_coordinator_all(
        mediator, adviser, coordinator):
    assert [m.key for m, _ in menu_for(mediator)] == ["mediation"]
    assert sorted(m.key for m, _ in menu_for(adviser)) == ["legal_services", "pufa"]
    assert len(menu_for(coordinator)) == len([m for m in streams() if m.menu])


def test_the_mediator_opens_his_ledger_but_not_another_streams_even_of_his_village(mediator, village, login):
    session = StudySession.objects.create(unit=village, year=2026, kind="topic", title="村两委学法",
                                          state="held", held_on="2026-03-01")
    client = login(mediator)
    assert client.get(reverse("mediation:cases:list")).status_code == 200
    assert client.get(reverse("study:list")).status_code == 403
    assert client.get(reverse("study:detail", args=[session.pk])).status_code in (403, 404)
    assert not scope.filter_records(StudySession.objects.all(), mediator).exists()
    with pytest.raises(PermissionDenied):
        record_create(StudySession, by=mediator, unit=village, year=2026, kind="topic", title="越权登记",
                      held_on="2026-03-02")
    assert not StudySession.objects.filter(title="越权登记").exists()


def test_the_menu_page_shows_the_mediator_only_his_stream(mediator, login):
    page = login(mediator).get("/home/", follow=True).content.decode()
    assert "人民调解" in page and "学法与专题研究" not in page and "信访工作" not in page


def test_the_api_closes_other_streams_to_the_mediator_too(mediator, village, secadmin):
    from fazhi.api.services import token_issue
    from tests.api.conftest import ApiClient

    session = StudySession.objects.create(unit=village, year=2026, kind="topic", title="村两委学法",
                                          state="held", held_on="2026-03-01")
    api = ApiClient(token_issue(by=secadmin, name="调解小程序", user=mediator)[1])
    assert api.get("mediation/mediationcase/").status_code == 200
    assert api.get("study/studysession/").status_code == 403
    assert api.get(f"study/studysession/{session.pk}/").status_code == 404
