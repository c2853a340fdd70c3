from __future__ import annotations

import pytest
from django.contrib.auth.hashers import identify_hasher

from fazhi.accounts.models import User
from fazhi.core.models import AuditEvent
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client, username, password=PASSWORD):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_a_clerk_signs_in_and_lands_on_the_clerk_home_page(client, clerk):
    response = sign_in(client, "clerk")
    assert response.status_code == 302
    page = client.get("/home/")
    assert "单位经办人工作台" in page.content.decode()
    assert AuditEvent.objects.filter(action="login", actor=clerk).exists()


def test_a_citizen_signs_in_with_the_phone_number(client, citizen):
    assert sign_in(client, "13800138000").status_code == 302
    assert "我的办件" in client.get("/home/", follow=True).content.decode()


def test_a_wrong_password_is_refused_in_chinese_and_audited(client, clerk):
    response = sign_in(client, "clerk", "Wrong#Pass1")
    assert response.status_code == 200
    assert "账号或密码错误" in response.content.decode()
    assert AuditEvent.objects.filter(action="login_failed", actor_name="clerk").exists()


def test_five_failures_lock_the_account_even_for_the_right_password(client, clerk):
    for _ in range(5):
        sign_in(client, "clerk", "Wrong#Pass1")
    response = sign_in(client, "clerk")
    assert response.status_code == 429
    assert "锁定15分钟" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lock_lifts_after_fifteen_minutes(client, clerk):
    import time_machine

    with time_machine.travel("2026-11-25 10:00 +0800", tick=False) as traveller:
        for _ in range(5):
            sign_in(client, "clerk", "Wrong#Pass1")
        assert sign_in(client, "clerk").status_code == 429
        traveller.shift(16 * 60)
        assert sign_in(client, "clerk").status_code == 302


def test_passwords_are_hashed_with_argon2(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    user = User.objects.create_user(username="argon", password="Bj#2026abc")
    assert identify_hasher(user.password).algorithm == "argon2"


def test_an_admin_created_account_must_change_its_password_first(client, county):
    from fazhi.accounts.services import staff_create

    user, password = staff_create(username="newclerk", display_name="新同事", by=None)
    assert sign_in(client, "newclerk", password).status_code == 302
    assert client.get("/home/").url == "/accounts/password/"
    response = client.post("/accounts/password/", {"old_password": password, "new_password1": "Xy#2026new",
                                                    "new_password2": "Xy#2026new"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.must_change_password
    assert client.get("/home/").status_code == 200


def test_a_staff_session_expires_after_thirty_idle_minutes(client, clerk):
    sign_in(client, "clerk")
    client.get("/home/")
    assert client.session.get_expiry_age() == 30 * 60


def test_a_citizen_session_is_not_cut_to_thirty_minutes(client, citizen):
    sign_in(client, "13800138000")
    client.get("/home/")
    assert client.session.get_expiry_age() > 30 * 60


def test_a_sign_in_is_audited_with_the_clients_address(client, clerk):
    client.post("/accounts/login/", {"username": "clerk", "password": PASSWORD}, REMOTE_ADDR="10.1.2.3")
    event = AuditEvent.objects.get(action="login")
    assert event.address == "10.1.2.3" and event.actor_name == "clerk"
