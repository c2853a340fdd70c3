"""The public portal's own pages: the county's home for citizens, sign-in links, "我的办件"
gathered from every stream's hook, and the rate limit public forms use."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from fazhi.core import ratelimit, registry
from fazhi.core.registry import MyItem, PublicSection

pytestmark = pytest.mark.django_db


def test_a_visitor_lands_on_the_portal_with_sign_in_and_registration(client, county):
    response = client.get("/", follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == "/gk/"
    assert "常德市西洞庭管理区" in html
    assert 'href="/accounts/login/"' in html and 'href="/accounts/register/"' in html
    assert "大字" in html


def test_staff_land_on_their_work_page_and_citizens_on_their_requests(login, clerk, citizen):
    assert login(clerk).get("/").url == "/home/"
    client = login(citizen)
    response = client.get("/home/", follow=True)
    assert response.redirect_chain[-1][0] == "/gk/my/"
    assert "暂无办件" in response.content.decode()


def test_my_items_needs_an_account(client):
    response = client.get("/gk/my/")
    assert response.status_code == 302 and "/accounts/login/" in response.url


def _items_of(user):
    return [MyItem("GK2026-0001", "依申请公开", "申请公开2025年财政预算", "办理中", date(2026, 3, 2), date(2026, 3, 30)),
            MyItem("JB2026-0009", "问题举报", "反映占道经营", "已答复", date(2026, 4, 1))]


def test_my_items_lists_every_streams_requests_newest_first(login, citizen, monkeypatch):
    manifest = replace(registry.streams()[0], my_items=f"{__name__}._items_of",
                       public=(PublicSection("申请政府信息公开", "portal:home", for_citizens=True),))
    monkeypatch.setattr(registry, "streams", lambda: [manifest])
    html = login(citizen).get("/gk/my/").content.decode()
    assert html.index("JB2026-0009") < html.index("GK2026-0001")
    assert "2026年3月30日" in html and "反映占道经营" in html
    home = login(citizen).get("/gk/").content.decode()
    assert "网上办事" in home and "申请政府信息公开" in home


def test_the_rate_limit_refuses_the_attempt_after_the_limit():
    results = [ratelimit.hit("complaint", "addr:10.0.0.9", limit=3, window=3600) for _ in range(4)]
    assert results == [True, True, True, False]
    assert ratelimit.hit("complaint", "addr:10.0.0.10", limit=3, window=3600)
