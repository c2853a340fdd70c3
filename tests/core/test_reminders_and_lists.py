from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from fazhi.core.deadlines import WORKING, DeadlineRule, deadline_pause, deadline_set
from fazhi.core.ledger import record_create
from fazhi.core.models import AuditEvent, Notification
from fazhi.streams.study.models import StudySession

pytestmark = pytest.mark.django_db
RULE = DeadlineRule("reply", "答复期限", 5, WORKING, "测试依据")


@pytest.fixture
def due_session(clerk, market_unit):
    session = record_create(StudySession, by=clerk, unit=market_unit, year=2026, kind="topic", title="待答复事项")
    deadline_set(record=session, rule=RULE, start=date(2026, 3, 2))  # due 2026-03-09 (Mon)
    return session


def test_remind_notifies_the_units_clerks_once_per_item_and_day(due_session, clerk, other_clerk, head):
    call_command("fazhi_remind", "--date", "2026-03-05")
    call_command("fazhi_remind", "--date", "2026-03-05")
    assert set(Notification.objects.values_list("user__username", flat=True)) == {"clerk", "head"}
    note = Notification.objects.get(user=clerk)
    assert note.title == "即将到期：答复期限（2026-03-09）" and note.url == f"/s/study/{due_session.pk}/"
    call_command("fazhi_remind", "--date", "2026-03-10")
    assert Notification.objects.filter(user=clerk, title__startswith="已超期").count() == 1


def test_nothing_is_sent_for_items_far_from_due_or_paused(due_session, clerk):
    call_command("fazhi_remind", "--date", "2026-03-02")
    assert not Notification.objects.exists()
    from fazhi.core.deadlines import deadlines_of

    deadline_pause(deadline=deadlines_of(due_session).get(), on=date(2026, 3, 3), reason="征求第三方意见")
    call_command("fazhi_remind", "--date", "2026-03-20")
    assert not Notification.objects.exists()


def test_the_bell_shows_unread_messages_and_they_can_be_marked_read(login, due_session, clerk):
    call_command("fazhi_remind", "--date", "2026-03-05")
    client = login(clerk)
    assert "1条未读" in client.get("/home/").content.decode()
    assert "即将到期：答复期限" in client.get("/notifications/").content.decode()
    client.post("/notifications/")
    assert "条未读" not in client.get("/home/").content.decode()


def test_the_list_filters_overdue_items_and_marks_them(login, clerk, due_session, market_unit):
    record_create(StudySession, by=clerk, unit=market_unit, year=2026, kind="topic", title="无期限事项")
    client = login(clerk)
    html = client.get("/s/study/", {"due": "overdue"}).content.decode()
    assert "待答复事项" in html and "无期限事项" not in html and "已超期" in html


def test_the_list_filters_by_period_and_sorts(login, clerk, market_unit):
    for title, held in [("一月", "2026-01-10"), ("五月", "2026-05-10"), ("三月", "2026-03-10")]:
        StudySession.objects.create(unit=market_unit, year=2026, kind="topic", title=title, held_on=held, state="held")
    client = login(clerk)
    html = client.get("/s/study/", {"since": "2026-02-01", "until": "2026-04-30"}).content.decode()
    assert "三月" in html and "一月" not in html and "五月" not in html
    html = client.get("/s/study/", {"sort": "held_on"}).content.decode()
    assert html.index("一月") < html.index("三月") < html.index("五月")
    html = client.get("/s/study/", {"sort": "-held_on"}).content.decode()
    assert html.index("五月") < html.index("三月") < html.index("一月")


def test_the_export_holds_exactly_what_is_filtered(login, clerk, market_unit):
    for title, kind in [("甲", "topic"), ("乙", "lecture"), ("丙", "topic")]:
        StudySession.objects.create(unit=market_unit, year=2026, kind=kind, title=title, state="planned")
    response = login(clerk).get("/s/study/", {"kind": "topic", "format": "xlsx", "sort": "title"})
    rows = list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)
    assert [r[2] for r in rows[1:]] == ["丙", "甲"]


@pytest.fixture
def speaker_is_personal(monkeypatch):
    monkeypatch.setattr(StudySession, "personal_fields", {"speaker": "name"})


def test_personal_data_is_masked_for_roles_without_need(login, speaker_is_personal, clerk, leader, market_unit):
    session = record_create(StudySession, by=clerk, unit=market_unit, year=2026, kind="lecture", title="讲座",
                            speaker="张三丰")
    assert "张三丰" in login(clerk).get(f"/s/study/{session.pk}/").content.decode()
    assert AuditEvent.objects.filter(action="view_personal", actor=clerk).exists()
    leader_html = login(leader).get(f"/s/study/{session.pk}/").content.decode()
    assert "张三丰" not in leader_html and "张某" in leader_html
    assert "张三丰" not in login(leader).get("/s/study/").content.decode()


def test_a_public_export_is_masked_even_for_the_clerk(login, speaker_is_personal, clerk, market_unit, monkeypatch):
    from fazhi.streams.study.views import LEDGER

    monkeypatch.setattr(LEDGER, "export_columns", ["title", "speaker"])
    record_create(StudySession, by=clerk, unit=market_unit, year=2026, kind="lecture", title="讲座", speaker="张三丰")
    client = login(clerk)
    internal = load_workbook(io.BytesIO(b"".join(client.get("/s/study/", {"format": "xlsx"}).streaming_content)))
    public = load_workbook(io.BytesIO(b"".join(
        client.get("/s/study/", {"format": "xlsx", "public": "1"}).streaming_content)))
    assert list(internal.active.values)[1] == ("讲座", "张三丰")
    assert list(public.active.values)[1] == ("讲座", "张某")
