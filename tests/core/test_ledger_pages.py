"""The generic ledger pages, exercised through the study stream."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from fazhi.core.ledger import record_create
from fazhi.core.models import AuditEvent
from fazhi.streams.study.models import StudySession

pytestmark = pytest.mark.django_db


@pytest.fixture
def market_session(clerk, market_unit):
    return record_create(StudySession, by=clerk, unit=market_unit, year=2026, kind="topic", title="研究执法公示")


@pytest.fixture
def transport_session(other_clerk, transport_unit):
    return record_create(StudySession, by=other_clerk, unit=transport_unit, year=2026, kind="lecture",
                         title="交通执法讲座")


def test_a_clerk_lists_only_the_own_units_records(login, clerk, market_session, transport_session):
    html = login(clerk).get("/s/study/").content.decode()
    assert "研究执法公示" in html and "交通执法讲座" not in html


def test_a_clerk_cannot_open_another_units_record_or_unit_page(login, clerk, transport_session, transport_unit):
    client = login(clerk)
    for url in (f"/s/study/{transport_session.pk}/", f"/s/study/{transport_session.pk}/edit/",
                f"/s/study/{transport_session.pk}/delete/", f"/units/{transport_unit.code}/"):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "无权访问" in response.content.decode()


def test_the_coordinator_and_the_leader_read_every_unit(login, coordinator, leader, market_session, transport_session):
    for user in (coordinator, leader):
        html = login(user).get("/s/study/").content.decode()
        assert "研究执法公示" in html and "交通执法讲座" in html


def test_the_leader_reads_but_changes_nothing(login, leader, market_session):
    client = login(leader)
    assert client.get(f"/s/study/{market_session.pk}/").status_code == 200
    assert client.get("/s/study/new/").status_code == 403
    assert client.post(f"/s/study/{market_session.pk}/delete/").status_code == 403
    response = client.post(f"/s/study/{market_session.pk}/do/cancel/")
    market_session.refresh_from_db()
    assert market_session.state == "planned"
    assert response.status_code == 302


def test_search_and_filters_narrow_the_list(login, coordinator, market_session, transport_session):
    client = login(coordinator)
    assert "交通执法讲座" not in client.get("/s/study/", {"q": "公示"}).content.decode()
    assert "研究执法公示" not in client.get("/s/study/", {"kind": "lecture"}).content.decode()


def test_a_clerk_creates_a_record_through_the_form_and_it_is_audited(login, clerk, market_unit):
    response = login(clerk).post("/s/study/new/", {
        "unit": market_unit.pk, "year": 2026, "kind": "topic", "title": "研究法律顾问工作"})
    session = StudySession.objects.get()
    assert response.status_code == 302 and session.state == "planned"
    assert AuditEvent.objects.filter(action="create", object_id=str(session.pk)).exists()


def test_a_clerk_cannot_create_a_record_for_another_unit(login, clerk, transport_unit):
    response = login(clerk).post("/s/study/new/", {
        "unit": transport_unit.pk, "year": 2026, "kind": "topic", "title": "越权登记"})
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert not StudySession.objects.exists()


def test_bad_input_gets_a_chinese_error_and_writes_nothing(login, clerk, market_unit):
    response = login(clerk).post("/s/study/new/", {
        "unit": market_unit.pk, "year": 2026, "kind": "topic", "title": "x", "members": 5, "attendees": 9})
    assert "实到人数不能多于应到人数" in response.content.decode()
    assert not StudySession.objects.exists()


def test_a_second_clerk_saving_a_stale_form_gets_a_conflict_not_an_overwrite(login, clerk, market_session, market_unit):
    client = login(clerk)
    stale = market_session.version
    form = {"unit": market_unit.pk, "year": 2026, "kind": "topic", "version": stale}
    assert client.post(f"/s/study/{market_session.pk}/edit/", {**form, "title": "第一次修改"}).status_code == 302
    response = client.post(f"/s/study/{market_session.pk}/edit/", {**form, "title": "第二次修改"})
    assert "该记录已被他人修改" in response.content.decode()
    market_session.refresh_from_db()
    assert market_session.title == "第一次修改"


def test_a_transition_is_guarded_and_explains_why_in_chinese(login, clerk, market_session):
    client = login(clerk)
    response = client.post(f"/s/study/{market_session.pk}/do/hold/", follow=True)
    assert "请先填写召开日期" in response.content.decode()
    market_session.refresh_from_db()
    assert market_session.state == "planned"


def test_a_transition_moves_the_record_and_is_audited(login, clerk, market_session):
    StudySession.objects.filter(pk=market_session.pk).update(held_on="2026-03-01")
    login(clerk).post(f"/s/study/{market_session.pk}/do/hold/", {"note": "已召开"})
    market_session.refresh_from_db()
    assert market_session.state == "held"
    event = AuditEvent.objects.get(action="transition")
    assert event.before == {"state": "planned"} and event.after == {"state": "held"}


def test_deleting_asks_for_confirmation_first(login, clerk, market_session):
    client = login(clerk)
    page = client.get(f"/s/study/{market_session.pk}/delete/")
    assert "确认删除" in page.content.decode()
    assert StudySession.objects.exists()
    client.post(f"/s/study/{market_session.pk}/delete/")
    assert not StudySession.objects.exists()
    assert AuditEvent.objects.filter(action="delete").exists()


def test_the_list_exports_to_excel_with_chinese_headers(login, coordinator, market_session, transport_session, tmp_path):
    response = login(coordinator).get("/s/study/", {"format": "xlsx", "kind": "topic"})
    path = tmp_path / "study.xlsx"
    path.write_bytes(b"".join(response.streaming_content))
    rows = list(load_workbook(path).active.values)
    assert rows[0] == ("年度", "类型", "议题/主题", "承办单位", "召开日期", "状态")
    assert rows[1:] == [(2026, "专题研究法治工作", "研究执法公示", "市场监督管理局", None, "计划")]


def test_text_that_looks_like_a_formula_is_exported_as_text(login, clerk, market_unit, tmp_path):
    record_create(StudySession, by=clerk, unit=market_unit, year=2026, kind="topic", title="=HYPERLINK(\"x\")")
    response = login(clerk).get("/s/study/", {"format": "xlsx"})
    path = tmp_path / "f.xlsx"
    path.write_bytes(b"".join(response.streaming_content))
    cell = load_workbook(path).active["C2"]
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("x")'


def test_the_list_paginates(login, clerk, market_unit):
    for i in range(25):
        StudySession.objects.create(unit=market_unit, year=2026, kind="topic", title=f"议题{i:02d}", state="planned")
    client = login(clerk)
    assert "第 1/2 页" in client.get("/s/study/").content.decode()
    assert "共 25 条" in client.get("/s/study/", {"page": 2}).content.decode()


def test_a_tampered_version_field_gets_the_conflict_message_not_a_server_error(login, clerk, market_session,
                                                                               market_unit):
    form = {"unit": market_unit.pk, "year": 2026, "kind": "topic", "title": "篡改版本", "version": "abc"}
    response = login(clerk).post(f"/s/study/{market_session.pk}/edit/", form)
    assert response.status_code == 200
    assert "该记录已被他人修改" in response.content.decode()
    market_session.refresh_from_db()
    assert market_session.title == "研究执法公示"
