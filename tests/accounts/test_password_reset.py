"""Password reset by e-mail: the same answer whether or not the account exists; single-use,
expiring links; limits per address and per account entered."""

from __future__ import annotations

import re

import pytest
import time_machine
from django.core import mail
from django.test import Client

from fazhi.accounts.models import User
from fazhi.core.models import AuditEvent
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db

NEW = "Xy#2026reset"


@pytest.fixture
def mailed(db) -> User:
    return make_user("li@example.cn", None, None, kind=User.Kind.CITIZEN, email="li@example.cn")


def ask(client, account, address="10.0.0.1"):
    return client.post("/accounts/reset/", {"account": account}, follow=True, REMOTE_ADDR=address)


def link_in(message) -> str:
    return re.search(r"http://testserver(/accounts/reset/\S+/)", message.body).group(1)


def test_the_answer_is_the_same_whether_or_not_the_account_exists(mailed, citizen):
    pages = [ask(Client(), account, address=f"10.0.0.{i}")
             for i, account in enumerate(["li@example.cn", "nobody@example.cn", "13800138000", "13900000000"])]
    assert {p.redirect_chain[-1][0] for p in pages} == {"/accounts/reset/sent/"}
    assert len({p.content for p in pages}) == 1  # byte-for-byte the same page
    assert "如果该账号存在并登记了电子邮箱" in pages[0].content.decode()
    assert len(mail.outbox) == 1  # only the account with an address gets mail
    assert mail.outbox[0].to == ["li@example.cn"]
    assert "60分钟内" in mail.outbox[0].body


def test_the_link_sets_a_new_password_once(mailed):
    client = Client()
    ask(client, "li@example.cn")
    link = link_in(mail.outbox[0])
    form = client.get(link, follow=True)
    assert "设置新密码" in form.content.decode()
    done = client.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW}, follow=True)
    assert "密码已重置" in done.content.decode()
    assert "_auth_user_id" not in client.session  # not signed in by the link
    assert Client().post("/accounts/login/", {"username": "li@example.cn", "password": PASSWORD}).status_code == 200
    assert Client().post("/accounts/login/", {"username": "li@example.cn", "password": NEW}).status_code == 302
    again = Client().get(link, follow=True)
    assert "重置链接无效或已过期" in again.content.decode()
    assert AuditEvent.objects.filter(actor=mailed, action="password", note="通过邮件链接重置密码").exists()


def test_a_weak_new_password_is_refused_in_chinese(mailed):
    client = Client()
    ask(client, "li@example.cn")
    form = client.get(link_in(mail.outbox[0]), follow=True)
    refused = client.post(form.redirect_chain[-1][0], {"new_password1": "abc", "new_password2": "abc"})
    assert "至少" in refused.content.decode() or "密码" in refused.content.decode()
    mailed.refresh_from_db()
    assert mailed.check_password(PASSWORD)


def test_the_link_expires_after_an_hour(mailed):
    with time_machine.travel("2026-11-25 10:00 +0800", tick=False) as traveller:
        ask(Client(), "li@example.cn")
        traveller.shift(61 * 60)
        page = Client().get(link_in(mail.outbox[0]), follow=True)
    assert "重置链接无效或已过期" in page.content.decode()


def test_requests_are_limited_per_account_entered_even_when_it_does_not_exist(db):
    for i in range(3):
        assert ask(Client(), "ghost@example.cn", address=f"10.1.0.{i}").status_code == 200
    limited = Client().post("/accounts/reset/", {"account": "ghost@example.cn"}, REMOTE_ADDR="10.1.0.9")
    assert limited.status_code == 429
    assert "提交过于频繁" in limited.content.decode()


def test_requests_are_limited_per_address(db):
    for i in range(10):
        ask(Client(), f"ghost{i}@example.cn", address="10.2.0.1")
    limited = Client().post("/accounts/reset/", {"account": "other@example.cn"}, REMOTE_ADDR="10.2.0.1")
    assert limited.status_code == 429


def test_a_reset_does_not_skip_an_administrators_second_step(county):
    from fazhi.core.roles import Role

    admin = make_user("secadmin", county, Role.SECADMIN, email="sec@example.cn")
    client = Client()
    ask(client, "sec@example.cn")
    form = client.get(link_in(mail.outbox[0]), follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    page = client.post("/accounts/login/", {"username": "secadmin", "password": NEW}, follow=True)
    assert page.redirect_chain[-1][0].startswith("/accounts/otp/setup/")
    assert client.get("/accounts/roles/").url == "/accounts/otp/setup/"
    assert admin.pk


def test_the_login_page_links_to_the_reset_page(client):
    assert 'href="/accounts/reset/"' in client.get("/accounts/login/").content.decode()
