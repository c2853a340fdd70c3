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
