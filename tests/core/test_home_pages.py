from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client

from fazhi.accounts.models import User

pytestmark = pytest.mark.django_db

EXPECTED_HOME = {
    "sysadmin": "系统管理员工作台",
    "secadmin": "安全管理员工作台",
    "auditadmin": "审计管理员工作台",
    "coordinator": "法治办统筹人员工作台",
    "clerk": "单位经办人工作台",
    "head": "单位负责人工作台",
    "leader": "领导驾驶舱",
    "advisor": "村（社区）法律顾问工作台",
    "mediator": "人民调解员工作台",
    "13800138000": "我的办件",
}


@pytest.fixture
def demo(db):
    call_command("fazhi_demo", streams="study")


@pytest.mark.parametrize(("username", "heading"), EXPECTED_HOME.items())
def test_each_demo_role_signs_in_and_lands_on_its_own_home_page(demo, username, heading):
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": "Fazhi@2026"}, follow=True)
    if username.endswith("admin"):  # the three administrators pass the second step (TOTP) next
        from fazhi.accounts import otp

        code = otp.current_code(otp.device_of(User.objects.get(username=username)))
        response = client.post(response.redirect_chain[-1][0], {"code": code}, follow=True)
    assert heading in response.content.decode()


def test_the_navigation_shows_each_administrator_only_their_own_tools(demo, login):
    menus = {}
    for name in ("sysadmin", "secadmin", "auditadmin"):
        html = login(User.objects.get(username=name)).get("/home/").content.decode()
        menus[name] = {link for link in ('href="/sysadmin/"', 'href="/accounts/roles/"', 'href="/audit/"')
                       if link in html}
    assert menus == {"sysadmin": {'href="/sysadmin/"'}, "secadmin": {'href="/accounts/roles/"'},
                     "auditadmin": {'href="/audit/"'}}


def test_the_login_page_offers_registration_like_the_customers_site(client):
    html = client.get("/accounts/login/").content.decode()
    assert "账号+密码登录" in html and "还没有账号" in html and "立即注册" in html


def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    assert client.get("/home/").url.startswith("/accounts/login/")


def test_a_missing_page_is_a_chinese_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and "页面不存在" in response.content.decode()


def test_a_server_error_shows_a_chinese_page_without_a_trace(settings):
    from django.urls import path

    from fazhi import urls

    def boom(request):
        raise RuntimeError("secret internals")

    settings.ROOT_URLCONF = type("U", (), {"urlpatterns": [path("boom/", boom)], "handler500": urls.handler500})
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    html = response.content.decode()
    assert response.status_code == 500 and "系统繁忙" in html and "secret internals" not in html


def test_static_assets_are_served_locally_not_from_a_cdn(client):
    html = client.get("/accounts/login/").content.decode()
    assert "/static/vendor/bootstrap/bootstrap.min.css" in html
    assert "cdn" not in html.lower() and "https://" not in html
    assert client.get("/static/vendor/bootstrap/bootstrap.min.css").status_code == 200


def test_a_clerk_sees_the_own_units_overdue_deadlines_and_not_another_units(login, clerk, other_clerk, market_unit):
    from datetime import date

    from fazhi.core.deadlines import WORKING, DeadlineRule, deadline_set
    from fazhi.core.ledger import record_create
    from fazhi.streams.study.models import StudySession

    session = record_create(StudySession, by=clerk, unit=market_unit, year=2026, kind="topic", title="逾期事项")
    deadline_set(record=session, rule=DeadlineRule("reply", "整改答复", 5, WORKING, "测试依据"), start=date(2026, 1, 5))
    assert "整改答复" in login(clerk).get("/home/").content.decode()
    assert "整改答复" not in login(other_clerk).get("/home/").content.decode()
