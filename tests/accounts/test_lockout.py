"""Login lockout per account whatever identifier is typed, and per client address (issue 24, finding 1)."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from axes.models import AccessAttempt
from django.test import Client

from fazhi.accounts import lockout
from fazhi.core.models import AuditEvent
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

WRONG = "Wrong#Pass1"
EMAIL = "Head.Market@example.cn"
PHONE = "13900139000"


def sign_in(client, username, password=PASSWORD, address="127.0.0.1"):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def alert(response) -> str:
    """The error the page shows: the lockout banner, or the form's error."""
    found = re.search(r'<div class="alert alert-danger" role="alert">(.*?)</div>', response.content.decode(), re.S)
    return re.sub(r"<[^>]+>", "", found.group(1)).strip() if found else ""


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def head_reachable(head):
    """``head`` with an e-mail address and a mobile number to sign in with."""
    head.email, head.phone = EMAIL, PHONE
    head.save(update_fields=["email", "phone"])
    return head


@pytest.mark.parametrize("typed", [EMAIL, EMAIL.upper(), EMAIL.lower(), PHONE, f"  {EMAIL} "])
def test_five_failures_by_name_lock_every_identifier_of_the_account(client, head_reachable, typed):
    for _ in range(5):
        sign_in(client, "head", WRONG)
    response = sign_in(client, typed)
    assert response.status_code == 429
    assert "该账号已被锁定15分钟" in alert(response)
    assert not signed_in(client)


def test_failures_spread_over_email_case_variants_lock_the_account(client, head_reachable):
    for typed in [EMAIL, EMAIL.upper(), EMAIL.lower(), EMAIL.swapcase(), "hEaD.mArKeT@ExAmPlE.cN"]:
        sign_in(client, typed, WRONG)
    response = sign_in(client, "head")
    assert response.status_code == 429
    assert not signed_in(client)
    # one count for the account, under its name; the refused attempt counted once (the page is not re-authenticated)
    assert list(AccessAttempt.objects.values_list("username", "failures_since_start")) == [("head", 6)]


def test_failures_by_phone_and_email_add_up(client, head_reachable):
    for typed in [PHONE, EMAIL.upper(), PHONE, "head", EMAIL]:
        sign_in(client, typed, WRONG)
    assert sign_in(client, PHONE).status_code == 429


def test_a_successful_sign_in_resets_the_count_of_the_account(client, head_reachable):
    for _ in range(4):
        sign_in(client, EMAIL.upper(), WRONG)
    assert sign_in(client, PHONE).status_code == 302
    client.post("/accounts/logout/")
    for _ in range(4):
        assert sign_in(client, "head", WRONG).status_code == 200
    assert sign_in(client, EMAIL).status_code == 302


def test_an_unknown_account_is_locked_and_told_the_same_as_a_real_one(client, clerk):
    real = sign_in(client, "clerk", WRONG)
    unknown = sign_in(client, "nobody", WRONG)
    assert real.status_code == unknown.status_code == 200
    assert alert(real) == alert(unknown) == "账号或密码错误。连续输错5次，账号将被锁定15分钟。"
    for _ in range(4):
        sign_in(client, "clerk", WRONG)
        sign_in(client, "NoBody", WRONG)  # unknown text counts under itself, case-folded
    real, unknown = sign_in(client, "clerk"), sign_in(client, "nobody")
    assert real.status_code == unknown.status_code == 429
    assert alert(real) == alert(unknown) == lockout.LOCKED_MESSAGE.format(minutes=15)


def test_a_lock_and_the_refused_attempts_are_audited(client, head_reachable):
    for _ in range(5):
        sign_in(client, EMAIL, WRONG)
    sign_in(client, "head")
    notes = Counter(AuditEvent.objects.filter(action="login_failed").values_list("note", flat=True))
    assert notes == {"账号或密码错误": 5, "登录失败次数达到上限，账号已锁定15分钟": 1, "账号已锁定，拒绝登录": 1}


@pytest.mark.parametrize("failed_as", ["head", EMAIL.upper(), PHONE])
@pytest.mark.parametrize("unlocked_as", ["head", EMAIL.lower(), PHONE])
def test_the_security_administrator_unlocks_the_account_whatever_identifier_was_used(
        client, head_reachable, secadmin, failed_as, unlocked_as):
    for _ in range(5):
        sign_in(client, failed_as, WRONG)
    assert sign_in(client, EMAIL).status_code == 429
    admin = Client()
    admin.force_login(secadmin, backend="fazhi.accounts.backends.AccountBackend")
    page = admin.get("/accounts/lockouts/")
    assert 'name="username" value="head"' in page.content.decode()  # the page lists the account by its name
    assert admin.post("/accounts/lockouts/", {"username": unlocked_as}).status_code == 302
    assert not AccessAttempt.objects.exists()
    assert sign_in(client, EMAIL.upper()).status_code == 302


# -- per address -------------------------------------------------------------------------------

def _fail_over_many_accounts(client, count: int, address: str) -> list[int]:
    """``count`` failures from ``address`` over real and unknown accounts, never five on one account."""
    names = ["clerk", "head", "13800138000"] * 4 + [f"nobody{i}@example.cn" for i in range(count)]
    return [sign_in(client, names[i], WRONG, address).status_code for i in range(count)]


def test_many_failures_from_one_address_refuse_it_even_the_right_password(client, clerk, head, citizen, leader):
    limit = lockout.address_limit()
    assert limit == 30
    statuses = _fail_over_many_accounts(client, limit + 1, "10.9.8.7")
    assert statuses[:limit - 1] == [200] * (limit - 1)
    assert statuses[limit - 1:] == [429, 429]  # the limit-th failure is answered as refused, and the next
    response = sign_in(client, "leader", address="10.9.8.7")
    assert response.status_code == 429
    assert alert(response) == "此网络地址登录失败次数过多，请15分钟后再试。"
    assert not signed_in(client)
    assert AuditEvent.objects.filter(note="此网络地址登录失败次数过多，拒绝登录", actor_name="leader").exists()
    # another address still signs in, and the accounts themselves are not locked
    other = Client()
    assert sign_in(other, "leader", address="10.9.8.8").status_code == 302
    assert sign_in(Client(), "clerk", address="10.9.8.8").status_code == 302


def test_an_unknown_account_is_refused_by_address_the_same_as_a_real_one(client, clerk, settings):
    settings.FAZHI_LOGIN_ADDRESS_FAILURE_LIMIT = 3
    for name in ["x1", "x2", "x3"]:
        sign_in(client, name, WRONG)
    real, unknown = sign_in(client, "clerk"), sign_in(client, "nobody")
    assert real.status_code == unknown.status_code == 429
    assert alert(real) == alert(unknown) == lockout.ADDRESS_LIMITED_MESSAGE.format(minutes=15)


def test_successful_sign_ins_do_not_count_against_the_address(client, clerk, settings):
    settings.FAZHI_LOGIN_ADDRESS_FAILURE_LIMIT = 3
    for _ in range(5):
        assert sign_in(client, "clerk").status_code == 302
        client.post("/accounts/logout/")
    assert sign_in(client, "nobody1", WRONG).status_code == 200
    assert sign_in(client, "nobody2", WRONG).status_code == 200
    assert sign_in(client, "clerk").status_code == 302


def test_the_address_refusal_lifts_after_the_cool_off_time(client, clerk, settings):
    import time_machine

    settings.FAZHI_LOGIN_ADDRESS_FAILURE_LIMIT = 3
    with time_machine.travel("2026-11-25 10:14 +0800", tick=False) as traveller:
        for name in ["x1", "x2", "x3"]:
            sign_in(client, name, WRONG)
        traveller.shift(2 * 60)  # a new counting window has begun: the refusal still holds
        assert sign_in(client, "clerk").status_code == 429
        traveller.shift(14 * 60)
        assert sign_in(client, "clerk").status_code == 302


def test_a_script_hammering_a_refused_address_leaves_a_capped_trail(client, clerk, settings):
    """Each refused attempt is one audit row, up to the per-minute cap of refusals: the log stays
    readable while a script keeps trying from a refused address."""
    settings.FAZHI_LOGIN_ADDRESS_FAILURE_LIMIT = 3
    settings.FAZHI_AUDIT_DENIED_PER_MINUTE = 5
    for name in ["x1", "x2", "x3"]:
        sign_in(client, name, WRONG)
    before = AuditEvent.objects.filter(note="此网络地址登录失败次数过多，拒绝登录").count()
    for i in range(40):
        assert sign_in(client, f"guess{i}", WRONG).status_code == 429
    refused = AuditEvent.objects.filter(note="此网络地址登录失败次数过多，拒绝登录").count() - before
    assert refused == 5
    assert AuditEvent.objects.filter(note="此网络地址登录失败次数过多，拒绝登录", actor_name="guess0").exists()
    assert not AuditEvent.objects.filter(actor_name="guess39").exists()
