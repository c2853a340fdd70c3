"""Closing accounts: a citizen closes their own (personal data anonymised, sessions ended, filed
requests kept without their personal data); the security administrator closes staff accounts."""

from __future__ import annotations

import pytest
from django.test import Client

from fazhi.accounts.models import Membership, User
from fazhi.core.models import AuditEvent, Notification
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def filed(citizen, market_unit):
    from fazhi.streams.disclosure.services import request_submit

    return request_submit(by=citizen, unit=market_unit, applicant_name="张三", applicant_phone="13800138000",
                          applicant_id_number="11010519491231002X", information="本镇2025年道路维修经费")


def test_a_citizen_closes_the_account_from_my_account(login, citizen, filed):
    Notification.objects.create(user=citizen, key="k", title="您的申请已受理")
    elsewhere = Client()
    elsewhere.force_login(citizen, backend="fazhi.accounts.backends.AccountBackend")
    client = login(citizen)
    assert 'href="/accounts/me/close/"' in client.get("/accounts/me/").content.decode()
    page = client.get("/accounts/me/close/").content.decode()
    assert "无法恢复" in page and "不再与您的账号信息关联" in page

    wrong = client.post("/accounts/me/close/", {"password": "Wrong#Pass1", "confirm": "on"})
    assert "密码不正确" in wrong.content.decode()
    unticked = client.post("/accounts/me/close/", {"password": PASSWORD})
    assert "请勾选确认后再注销" in unticked.content.decode()
    citizen.refresh_from_db()
    assert citizen.is_active and citizen.phone == "13800138000"

    done = client.post("/accounts/me/close/", {"password": PASSWORD, "confirm": "on"})
    assert "您的账号已注销" in done.content.decode()
    citizen.refresh_from_db()
    assert not citizen.is_active and not citizen.has_usable_password()
    assert citizen.phone is None and citizen.email == "" and citizen.display_name == "已注销用户"
    assert "13800138000" not in citizen.username
    assert not Notification.objects.filter(user=citizen).exists()
    # every session is over, this one and the one on another device
    assert "_auth_user_id" not in client.session
    assert elsewhere.get("/gk/my/").status_code == 302
    assert Client().post("/accounts/login/", {"username": "13800138000", "password": PASSWORD}).status_code == 200
    # the request stays with the unit that received it, linked to nobody's personal data
    filed.refresh_from_db()
    assert filed.created_by_id == citizen.pk and str(filed.created_by) == "已注销用户"
    event = AuditEvent.objects.get(actor=citizen, note__startswith="注销账号")
    assert "13800138000" not in f"{event.actor_name}{event.object_repr}{event.before}{event.after}"


def test_the_phone_number_can_register_again_after_closing(login, citizen):
    login(citizen).post("/accounts/me/close/", {"password": PASSWORD, "confirm": "on"})
    response = Client().post("/accounts/register/", {
        "kind": "citizen", "account": "13800138000", "display_name": "张三",
        "password1": "Zs#2026new", "password2": "Zs#2026new"})
    assert response.status_code == 302
    assert User.objects.get(phone="13800138000").is_active


def test_staff_cannot_close_their_own_account(login, clerk):
    client = login(clerk)
    assert "注销账号" not in client.get("/accounts/me/").content.decode()
    assert client.post("/accounts/me/close/", {"password": PASSWORD, "confirm": "on"}).status_code == 403
    clerk.refresh_from_db()
    assert clerk.is_active


def test_the_security_administrator_closes_a_staff_account(login, secadmin, clerk):
    other = Client()
    other.force_login(clerk, backend="fazhi.accounts.backends.AccountBackend")
    response = login(secadmin).post("/accounts/staff-close/", {"username": "clerk", "reason": "调离",
                                                              "action": "close"}, follow=True)
    assert "已停用工作人员账号“clerk”" in response.content.decode()
    clerk.refresh_from_db()
    assert not clerk.is_active and clerk.display_name == "clerk"  # staff keep their name on the records
    assert not Membership.objects.filter(user=clerk, is_active=True).exists()
    assert other.get("/home/").status_code == 302
    assert Client().post("/accounts/login/", {"username": "clerk", "password": PASSWORD}).status_code == 200
    event = AuditEvent.objects.get(actor=secadmin, note="停用工作人员账号：调离")
    assert event.before["roles"] and event.after == {"roles": [], "is_active": False}


def test_closing_staff_refuses_citizens_oneself_and_unknown_names(login, secadmin, citizen):
    client = login(secadmin)
    assert "未找到该工作人员账号" in client.post("/accounts/staff-close/", {
        "username": "13800138000", "reason": "x", "action": "close"}).content.decode()
    assert "不能停用自己的账号" in client.post("/accounts/staff-close/", {
        "username": "secadmin", "reason": "x", "action": "close"}).content.decode()
    secadmin.refresh_from_db()
    assert secadmin.is_active


@pytest.mark.parametrize("persona", ["sysadmin", "auditadmin", "clerk"])
def test_only_the_security_administrator_closes_staff_accounts(request, login, persona, clerk):
    user = request.getfixturevalue(persona)
    assert login(user).post("/accounts/staff-close/", {"username": "clerk", "reason": "x"}).status_code == 403
    clerk.refresh_from_db()
    assert clerk.is_active
