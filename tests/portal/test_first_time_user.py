"""What a first-time user tripped over (issue 21): the portal's header without the government's
name, the administrators' menu before the second step, and the API root answering 404."""

from __future__ import annotations

import pytest

from tests.accounts.test_two_step import enrolled, sign_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/gk/", "/gk/disclosure/apply/", "/gk/complaints/"])
def test_every_public_page_carries_the_governments_name(login, citizen, county, path):
    response = login(citizen).get(path, follow=True)
    assert response.status_code == 200 and response.redirect_chain == []
    html = response.content.decode()
    name = county.short_name or county.name
    assert f"{name} · 法治政府建设" in html or f"{county.name} · 法治政府建设" in html
    assert "> · 法治政府建设" not in html and '"> · 公开内容' not in html


def test_an_administrator_sees_no_menu_before_the_second_step(client, auditadmin):
    enrolled(auditadmin)
    page = sign_in(client, "auditadmin")
    html = page.content.decode()
    assert "密码已验证" in html
    assert "审计日志" not in html and "/audit/" not in html


def test_after_the_second_step_the_menu_is_there(login, auditadmin):
    html = login(auditadmin).get("/home/").content.decode()
    assert "审计日志" in html


def test_the_api_root_answers_with_an_index_not_404(client, db):
    assert client.get("/api/").url == "/api/v1/"
    response = client.get("/api/v1/")
    assert response.status_code == 200
    index = response.json()
    assert index["docs"] == "/api/v1/docs" and "/api/v1/units/" in index["resources"]
    assert any(path.startswith("/api/v1/ledgers/") or "/petitions" in path for path in index["resources"])


def test_a_citizen_is_told_a_due_date_in_an_unconfirmed_year_is_provisional(login, citizen, market_unit):
    """A year whose holiday schedule is not entered yet (as 2027 was on 2026-12-04; here 2031, so the
    test holds when the calendar package learns 2027): the date is counted Monday to Friday, and
    the citizen is told it may still move."""
    import time_machine

    from fazhi.core.deadlines import PROVISIONAL_NOTE
    from fazhi.streams.disclosure import services
    from fazhi.streams.disclosure.models import DisclosureRequest
    from tests.streams.disclosure.test_public import form

    with time_machine.travel("2030-12-04 10:00 +0800", tick=False):
        client = login(citizen)
        response = client.post("/gk/disclosure/apply/", {
            **form(market_unit), "information": "2030年度农贸市场食品抽检结果"}, follow=True)
        record = DisclosureRequest.objects.get(information="2030年度农贸市场食品抽检结果")
        deadline = services.reply_due(record)
        assert deadline.due.year == 2031 and not deadline.confirmed
        assert PROVISIONAL_NOTE in response.content.decode()  # the receipt message
        mine = client.get(f"/gk/disclosure/my/{record.request_no}/").content.decode()
        assert PROVISIONAL_NOTE in mine
        assert PROVISIONAL_NOTE in client.get("/gk/my/").content.decode()
