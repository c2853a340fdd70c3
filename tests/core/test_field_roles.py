"""Issue 19: role-fit navigation. A village mediator works in 人民调解, a village legal adviser in
公共法律服务 and 普法 (StreamManifest.field_roles): their menu lists those streams only, and their
capabilities hold nowhere else — another stream's list, record and writes are refused, even for
their own village's records. The coordinator still sees every stream."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from fazhi.core import scope
from fazhi.core.ledger import record_create
from fazhi.core.models import Deadline, Notification
from fazhi.core.notifications import remind
from fazhi.core.registry import menu_for, streams
from fazhi.streams.mediation.models import MediationCase
from fazhi.streams.study.models import StudySession

pytestmark = pytest.mark.django_db


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
    # nor the county's pages (指标, 单位, 年度报告 under 平台管理): his stream and his account only
    assert "平台管理" not in page and "法治政府建设年度报告" not in page and "我的账号" in page


def test_the_api_closes_other_streams_to_the_mediator_too(mediator, village, secadmin):
    from fazhi.api.services import token_issue
    from tests.api.conftest import ApiClient

    session = StudySession.objects.create(unit=village, year=2026, kind="topic", title="村两委学法",
                                          state="held", held_on="2026-03-01")
    api = ApiClient(token_issue(by=secadmin, name="调解小程序", user=mediator)[1])
    assert api.get("mediation/mediationcase/").status_code == 200
    assert api.get("study/studysession/").status_code == 403
    assert api.get(f"study/studysession/{session.pk}/").status_code == 404


def _deadline(model, village, label: str, due) -> Deadline:
    return Deadline.objects.create(
        content_type=ContentType.objects.get_for_model(model), object_id=1, unit=village, key="term", label=label,
        rule="calendar", days=30, basis="测试", start=due - timedelta(days=30), due=due)


def test_home_page_and_reminders_show_a_field_role_only_its_own_streams_deadlines(mediator, adviser, village, login):
    """The adviser of 唐林村 is not shown, nor reminded of, the village's mediation deadline (he
    could not open it); the mediator is. A study deadline of the village reaches neither."""
    yesterday = timezone.localdate() - timedelta(days=1)
    _deadline(MediationCase, village, "调解期限（测试）", yesterday)
    _deadline(StudySession, village, "学法期限（测试）", yesterday)
    mediator_home = login(mediator).get("/home/", follow=True).content.decode()
    adviser_home = login(adviser).get("/home/", follow=True).content.decode()
    assert "调解期限（测试）" in mediator_home and "学法期限（测试）" not in mediator_home
    assert "调解期限（测试）" not in adviser_home and "学法期限（测试）" not in adviser_home
    remind()
    assert Notification.objects.filter(user=mediator, title__contains="调解期限（测试）").exists()
    assert not Notification.objects.filter(user=adviser).exists()
    assert not Notification.objects.filter(title__contains="学法期限（测试）").exists()
