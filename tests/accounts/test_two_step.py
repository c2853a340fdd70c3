"""Two-step sign-in (TOTP): required for the three administrators, optional for everyone else."""

from __future__ import annotations

import base64
import re

import pytest
import time_machine
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from fazhi.accounts import otp
from fazhi.core.models import AuditEvent
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client, username, password=PASSWORD):
    return client.post("/accounts/login/", {"username": username, "password": password}, follow=True)


def code_for_secret(secret_text: str, at: float) -> str:
    """What an authenticator app shows for the secret as printed on the page."""
    key = base64.b32decode(secret_text.replace(" ", "") + "=" * (-len(secret_text.replace(" ", "")) % 8))
    totp = TOTP(key)
    totp.time = at
    return f"{totp.token():06d}"


def enrolled(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="手机验证器", confirmed=True)


def test_an_administrator_must_enrol_an_authenticator_before_anything_else(client, sysadmin):
    with time_machine.travel("2026-11-25 10:00 +0800", tick=False) as traveller:
        page = sign_in(client, "sysadmin")
        html = page.content.decode()
        assert page.redirect_chain[-1][0].startswith("/accounts/otp/setup/")
        assert "须先绑定手机验证器" in html
        uri = re.search(r'data-testid="otp-uri">([^<]+)<', html).group(1)
        secret = re.search(r'data-testid="otp-secret">([^<]+)<', html).group(1)
        assert uri.startswith("otpauth://totp/Fazhi%3Asysadmin?secret=") and "issuer=Fazhi" in uri
        assert secret.replace(" ", "") in uri
        assert "<svg" in html and "<script" not in html.split("</main>")[0].split('id="main"')[1]
        # nothing else opens until the second step is done
        assert client.get("/home/").url == "/accounts/otp/setup/"
        assert client.get("/sysadmin/").url == "/accounts/otp/setup/"

        wrong = client.post("/accounts/otp/setup/", {"code": "000000", "action": "enrol"})
        assert "验证码不正确" in wrong.content.decode()
        import time

        traveller.shift(60)  # past django-otp's pause after a wrong code
        done = client.post("/accounts/otp/setup/?next=/home/",
                           {"code": code_for_secret(secret, time.time()), "action": "enrol"}, follow=True)
    assert "系统管理员工作台" in done.content.decode()
    assert TOTPDevice.objects.filter(user=sysadmin, confirmed=True).count() == 1
    assert AuditEvent.objects.filter(actor=sysadmin, note__contains="启用两步验证").exists()


def test_an_enrolled_administrator_enters_a_code_at_every_sign_in(client, auditadmin):
    device = enrolled(auditadmin)
    with time_machine.travel("2026-11-25 10:00 +0800", tick=False) as traveller:
        page = sign_in(client, "auditadmin")
        assert page.redirect_chain[-1][0] == "/accounts/otp/?next=%2Fhome%2F"
        assert "密码已验证" in page.content.decode()
        assert client.get("/audit/").url == "/accounts/otp/"

        wrong = client.post("/accounts/otp/", {"code": "12345x"})
        assert "请输入6位数字验证码" in wrong.content.decode()
        traveller.shift(60)
        done = client.post("/accounts/otp/?next=/audit/", {"code": otp.current_code(device)}, follow=True)
    assert done.redirect_chain[-1][0] == "/audit/"
    assert done.status_code == 200
    assert AuditEvent.objects.filter(actor=auditadmin, action="login", note="两步验证通过").exists()


def test_a_code_works_once(client, secadmin):
    device = enrolled(secadmin)
    with time_machine.travel("2026-11-25 10:00 +0800", tick=False):
        code = otp.current_code(device)
        sign_in(client, "secadmin")
        assert client.post("/accounts/otp/", {"code": code}).status_code == 302
        from django.test import Client

        thief = Client()
        sign_in(thief, "secadmin")
        refused = thief.post("/accounts/otp/", {"code": code})
        assert "验证码不正确" in refused.content.decode()
        assert thief.get("/home/").url == "/accounts/otp/"


def test_five_wrong_codes_end_the_session_and_refuse_even_the_right_code_for_fifteen_minutes(client, sysadmin):
    device = enrolled(sysadmin)
    with time_machine.travel("2026-11-25 10:00 +0800", tick=False) as traveller:
        sign_in(client, "sysadmin")
        for _ in range(4):
            traveller.shift(60)  # past django-otp's growing pause between tries
            assert "验证码不正确" in client.post("/accounts/otp/", {"code": "000000"}).content.decode()
        traveller.shift(60)
        last = client.post("/accounts/otp/", {"code": "000000"}, follow=True)
        assert "验证码错误次数过多" in last.content.decode()
        assert "_auth_user_id" not in client.session

        # a right password does not reset the count: the second step stays closed
        traveller.shift(60)
        sign_in(client, "sysadmin")
        refused = client.post("/accounts/otp/", {"code": otp.current_code(device)}, follow=True)
        assert "验证码错误次数过多" in refused.content.decode()

        traveller.shift(16 * 60)
        sign_in(client, "sysadmin")
        assert client.post("/accounts/otp/", {"code": otp.current_code(device)}).status_code == 302
        assert client.get("/home/").status_code == 200
    assert AuditEvent.objects.filter(action="login_failed", actor=sysadmin, note="两步验证码错误").count() == 5


def test_quick_retries_are_slowed_down(client, sysadmin):
    device = enrolled(sysadmin)
    with time_machine.travel("2026-11-25 10:00 +0800", tick=False):
        sign_in(client, "sysadmin")
        client.post("/accounts/otp/", {"code": "000000"})
        response = client.post("/accounts/otp/", {"code": otp.current_code(device)})
    assert response.status_code == 429
    assert "秒后再试" in response.content.decode()


def test_password_lockout_still_applies_to_administrators(client, sysadmin):
    enrolled(sysadmin)
    for _ in range(5):
        sign_in(client, "sysadmin", "Wrong#Pass1")
    response = client.post("/accounts/login/", {"username": "sysadmin", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_clerk_may_turn_the_second_step_on_and_off(client, clerk):
    with time_machine.travel("2026-11-25 10:00 +0800", tick=False) as traveller:
        assert sign_in(client, "clerk").redirect_chain[-1][0] == "/home/"  # optional: not asked
        account = client.get("/accounts/me/").content.decode()
        assert "两步验证" in account and "未启用" in account and "注销账号" not in account
        setup = client.get("/accounts/otp/setup/").content.decode()
        assert "须先绑定" not in setup
        device = TOTPDevice.objects.get(user=clerk, confirmed=False)
        done = client.post("/accounts/otp/setup/", {"code": otp.current_code(device), "action": "enrol"}, follow=True)
        assert "两步验证已启用" in done.content.decode()

        client.post("/accounts/logout/")
        traveller.shift(60)
        assert sign_in(client, "clerk").redirect_chain[-1][0].startswith("/accounts/otp/")
        assert client.post("/accounts/otp/", {"code": otp.current_code(device)}).status_code == 302

        traveller.shift(60)
        off = client.post("/accounts/otp/setup/", {"code": otp.current_code(device), "action": "disable"}, follow=True)
        assert "已停用两步验证" in off.content.decode()
        client.post("/accounts/logout/")
        assert sign_in(client, "clerk").redirect_chain[-1][0] == "/home/"
    assert AuditEvent.objects.filter(actor=clerk, note="停用两步验证").exists()


def test_an_administrator_cannot_turn_it_off(login, secadmin):
    client = login(secadmin)
    device = TOTPDevice.objects.get(user=secadmin)
    page = client.get("/accounts/otp/setup/").content.decode()
    assert "不能停用" in page and 'value="disable"' not in page
    response = client.post("/accounts/otp/setup/", {"code": otp.current_code(device), "action": "disable"})
    assert "必须使用两步验证" in response.content.decode()
    assert TOTPDevice.objects.filter(user=secadmin, confirmed=True).exists()


def test_the_security_administrator_resets_a_lost_authenticator(login, secadmin, clerk):
    enrolled(clerk)
    response = login(secadmin).post("/accounts/staff-close/", {"username": "clerk", "reason": "手机丢失",
                                                              "action": "otp_reset"}, follow=True)
    assert "已重置“clerk”的两步验证" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=clerk).exists()
    assert AuditEvent.objects.filter(actor=secadmin, note__contains="重置两步验证：手机丢失").exists()


def test_the_enrolment_page_has_no_inline_script_or_style(login, clerk):
    response = login(clerk).get("/accounts/otp/setup/")
    html = response.content.decode()
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "<script>" not in html and "style=" not in html
    assert '<svg role="img" aria-label="两步验证二维码"' in html
