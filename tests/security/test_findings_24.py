"""Issue 24, findings 4 and 5: each test replays the probe's attack and sees it refused.

4. an edit without ``version`` skipped the stale-edit check;
5. refused access reached only the server log; personal pages and exports could be cached;
   ``edit/`` of pk 0 created a record; a masked field could still sort the list.
"""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.ledger import CONFLICT_MESSAGE, record_create
from fazhi.core.models import AuditEvent
from fazhi.streams.study.models import StudySession
from tests.api.conftest import ApiClient
from tests.streams.petitions.conftest import new_petition, synthetic_id

pytestmark = pytest.mark.django_db

DENIED = AuditEvent.Action.ACCESS_DENIED


@pytest.fixture
def market_session(clerk, market_unit):
    return record_create(StudySession, by=clerk, unit=market_unit, year=2026, kind="topic", title="研究执法公示")


@pytest.fixture
def transport_session(other_clerk, transport_unit):
    return record_create(StudySession, by=other_clerk, unit=transport_unit, year=2026, kind="lecture",
                         title="交通执法讲座")


@pytest.fixture
def frozen_minute(monkeypatch):
    """The rate-limit clock (core/ratelimit.py only) stands still: a test's refusals fall in one minute."""
    from types import SimpleNamespace

    import fazhi.core.ratelimit

    monkeypatch.setattr(fazhi.core.ratelimit, "time", SimpleNamespace(time=lambda: 1_800_000_000.0))


@pytest.fixture
def api_as(secadmin):
    """api_as(user) -> an ApiClient with a fresh token of ``user``."""
    from fazhi.api.services import token_issue

    return lambda user: ApiClient(token_issue(by=secadmin, name="安全测试", user=user)[1])


# -- finding 4: the version is required on every edit ------------------------------------------

@pytest.mark.parametrize("version", [None, "", "abc", "1.0"])
def test_an_edit_without_a_usable_version_is_refused_as_stale(login, clerk, market_session, market_unit, version):
    form = {"unit": market_unit.pk, "year": 2026, "kind": "topic", "title": "无版本号的修改"}
    if version is not None:
        form["version"] = version
    response = login(clerk).post(f"/s/study/{market_session.pk}/edit/", form)
    assert response.status_code == 200
    assert CONFLICT_MESSAGE in response.content.decode()
    market_session.refresh_from_db()
    assert (market_session.title, market_session.version) == ("研究执法公示", 1)
    assert not AuditEvent.objects.filter(action="update").exists()


def test_an_edit_with_the_current_version_still_saves(login, clerk, market_session, market_unit):
    form = {"unit": market_unit.pk, "year": 2026, "kind": "topic", "title": "正常修改", "version": 1}
    assert login(clerk).post(f"/s/study/{market_session.pk}/edit/", form).status_code == 302
    market_session.refresh_from_db()
    assert (market_session.title, market_session.version) == ("正常修改", 2)


def test_an_api_patch_without_expected_version_is_refused(api_as, clerk, market_session):
    response = api_as(clerk).patch(f"study/studysession/{market_session.pk}/", {"title": "无版本号的修改"})
    assert response.status_code == 422
    assert "expected_version" in response.json()["errors"]
    stale = api_as(clerk).patch(f"study/studysession/{market_session.pk}/",
                                {"title": "过期版本的修改", "expected_version": 0})
    assert stale.status_code == 409 and "该记录已被他人修改" in stale.json()["detail"]
    market_session.refresh_from_db()
    assert (market_session.title, market_session.version) == ("研究执法公示", 1)


def test_a_report_section_saved_without_its_version_is_refused(login, coordinator, clerk, county, market_unit):
    from fazhi.reports import services

    report = services.report_create(by=coordinator, unit=county, year=2023, signed_on=date(2024, 1, 26),
                                    sections=[{"heading": "一、工作情况", "level": 1, "unit": market_unit}])
    services.transition(report, "collect", by=coordinator)
    section = report.sections.get()
    page = login(clerk).post(f"/reports/sections/{section.pk}/", {"action": "save", "text": "无版本号的修改"},
                             follow=True).content.decode()
    assert services.CONFLICT_MESSAGE in page
    section.refresh_from_db()
    assert (section.text, section.version) == ("", 1)


@pytest.mark.parametrize("pk", [0, 999999])
def test_editing_pk_0_or_an_unknown_pk_is_a_404_and_creates_nothing(login, clerk, market_unit, pk):
    client = login(clerk)
    form = {"unit": market_unit.pk, "year": 2026, "kind": "topic", "title": "借编辑新增", "version": 1}
    assert client.get(f"/s/study/{pk}/edit/").status_code == 404
    assert client.post(f"/s/study/{pk}/edit/", form).status_code == 404
    assert not StudySession.objects.exists()


# -- finding 5: refused access is audited, capped per minute ---------------------------------

def test_a_clerk_opening_another_units_record_leaves_an_access_denied_event(login, clerk, transport_session):
    response = login(clerk).get(f"/s/study/{transport_session.pk}/")
    assert response.status_code == 403
    event = AuditEvent.objects.get(action=DENIED)
    assert event.actor == clerk and event.get_action_display() == "拒绝访问"
    assert f"/s/study/{transport_session.pk}/" in event.note and "403" in event.note


def test_an_api_404_on_another_units_record_and_an_unknown_id_are_audited(api_as, clerk, transport_session):
    api = api_as(clerk)
    assert api.get(f"study/studysession/{transport_session.pk}/").status_code == 404
    assert api.get("study/studysession/999999/").status_code == 404
    assert AuditEvent.objects.filter(action=DENIED, actor=clerk).count() == 2


def test_a_mistyped_address_is_not_a_refusal(client, login, clerk):
    assert client.get("/no-such-page/").status_code == 404
    assert login(clerk).get("/s/study/no-such-page/").status_code == 404
    assert not AuditEvent.objects.filter(action=DENIED).exists()


def test_a_flood_of_refusals_leaves_at_most_the_cap(login, clerk, other_clerk, transport_session, frozen_minute,
                                                     settings):
    settings.FAZHI_AUDIT_DENIED_PER_MINUTE = 20
    client = login(clerk)
    for _ in range(100):
        assert client.get(f"/s/study/{transport_session.pk}/").status_code == 403
    rows = AuditEvent.objects.filter(action=DENIED, actor=clerk)
    assert rows.count() == 20
    assert "上限" in rows.order_by("-id").first().note
    # The cap is per account: another clerk's probe is still recorded.
    login(other_clerk).get("/s/study/999999/")
    assert AuditEvent.objects.filter(action=DENIED, actor=other_clerk).count() == 1


def test_anonymous_refusals_are_capped_per_address(county, frozen_minute, settings):
    from django.test import Client

    settings.FAZHI_AUDIT_DENIED_PER_MINUTE = 5
    client = Client(enforce_csrf_checks=True)
    for _ in range(30):  # a login form posted without its CSRF token: 403
        response = client.post("/accounts/login/", {"username": "x", "password": "y"}, REMOTE_ADDR="203.0.113.7")
        assert response.status_code == 403
    client.post("/accounts/login/", {"username": "x", "password": "y"}, REMOTE_ADDR="198.51.100.9")
    rows = AuditEvent.objects.filter(action=DENIED, actor=None)
    assert rows.filter(address="203.0.113.7").count() == 5 and rows.filter(address="198.51.100.9").count() == 1
    assert rows.first().actor_name == "匿名"


def test_a_rate_limited_api_token_is_audited(api_as, clerk, settings, frozen_minute):
    settings.FAZHI_API_RATE_LIMIT = 2
    api = api_as(clerk)
    statuses = [api.get("study/studysession/").status_code for _ in range(4)]
    assert statuses == [200, 200, 429, 429]
    assert AuditEvent.objects.filter(action=DENIED, actor=clerk, note__contains="429").count() == 2


def test_the_audit_administrator_filters_the_refusals(login, clerk, auditadmin, transport_session):
    login(clerk).get(f"/s/study/{transport_session.pk}/")
    page = login(auditadmin).get("/audit/", {"action": DENIED.value}).content.decode()
    assert "拒绝访问" in page and f"/s/study/{transport_session.pk}/" in page
    assert AuditEvent.objects.filter(action=DENIED).count() == 1


# -- finding 5: no copies of staff pages and personal data in caches -------------------------

def no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def test_staff_pages_and_exports_are_not_stored(login, clerk, market_session):
    client = login(clerk)
    for url in ("/", "/s/study/", f"/s/study/{market_session.pk}/", "/s/study/?format=xlsx"):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert no_store(response), url
    export = client.get("/s/study/", {"format": "xlsx"})
    assert export["Content-Disposition"].startswith("attachment") and no_store(export)


def test_refusals_and_api_answers_to_a_token_are_not_stored(api_as, login, clerk, market_session, transport_session):
    assert no_store(login(clerk).get(f"/s/study/{transport_session.pk}/"))
    response = api_as(clerk).get(f"study/studysession/{market_session.pk}/")
    assert response.status_code == 200 and no_store(response)


def test_a_public_page_may_be_cached(client, county):
    response = client.get("/gk/")
    assert response.status_code == 200
    assert not no_store(response)


# -- finding 5: a masked field cannot sort the list --------------------------------------------

@pytest.fixture
def petitions(clerk, other_clerk, market_unit, transport_unit):
    return [new_petition(clerk, market_unit),
            new_petition(other_clerk, transport_unit, reg_no="XF-2026-0002", petitioner_name="李四",
                         petitioner_id_number=synthetic_id("19800101", "456"))]


def test_a_token_without_personal_view_cannot_order_by_a_masked_field(api_as, leader, petitions):
    api = api_as(leader)
    for ordering in ("petitioner_id_number", "-petitioner_id_number", "petitioner_name"):
        response = api.get("petitions/petition/", {"ordering": ordering})
        assert response.status_code == 422, ordering
        assert "不能按其排序" in response.json()["errors"]["ordering"][0]
    assert api.get("petitions/petition/", {"ordering": "-registered_on"}).status_code == 200


def test_a_token_seeing_the_field_unmasked_orders_by_it(api_as, clerk, coordinator, justice_unit, petitions):
    response = api_as(clerk).get("petitions/petition/", {"ordering": "petitioner_id_number"})
    assert response.status_code == 200 and response.json()["count"] == 1
    # The coordinator reads every unit but sees personal data only in its own: not across all of them,
    # but within its own unit it may.
    coord = api_as(coordinator)
    assert coord.get("petitions/petition/", {"ordering": "petitioner_id_number"}).status_code == 422
    assert coord.get("petitions/petition/", {"ordering": "petitioner_id_number",
                                             "unit": justice_unit.code}).status_code == 200


def test_the_html_list_ignores_a_sort_by_a_masked_field(login, leader, clerk, petitions):
    response = login(leader).get("/s/petitions/", {"sort": "petitioner_name"})
    assert response.status_code == 200 and response.context["sort"] == ""
    assert "sort=petitioner_name" not in response.content.decode()  # no sort link on the masked column
    assert "sort=reg_no" in response.content.decode()
    own = login(clerk).get("/s/petitions/", {"sort": "petitioner_name"})
    assert own.context["sort"] == "petitioner_name"


def test_session_api_calls_follow_the_same_rule(client, login, leader, petitions):
    api = ApiClient(client=login(leader))
    assert api.get("petitions/petition/", {"ordering": "petitioner_name"}).status_code == 422
