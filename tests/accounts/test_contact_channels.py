"""Recovery channels (e-mail, phone) change only by the account itself, with its password, or by
the security administrator with a reason and a notice to the old address; a channel changed
within FAZHI_RECOVERY_CHANNEL_HOLD_DAYS cannot receive a reset link (issue 24, finding 2)."""

from __future__ import annotations

import pytest
import time_machine
from django.core import mail
from django.test import Client

from fazhi.core.models import AuditEvent
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

OLD, NEW, EVIL = "head@market.gov.cn", "wang@market.gov.cn", "evil@example.cn"
WITHHELD = "未发送重置邮件"


@pytest.fixture
def head_mailed(head):
    head.email = OLD
    head.save()
    return head


def ask_reset(account: str, address: str):
    return Client().post("/accounts/reset/", {"account": account}, follow=True, REMOTE_ADDR=address)


def secadmin_changes(client, email: str, reason: str = "本人书面申请，原邮箱停用", capture=None):
    data = {"username": "head", "email": email, "phone": "", "reason": reason}
    if capture is None:
        return client.post("/accounts/staff-contact/", data)
    with capture(execute=True):
        return client.post("/accounts/staff-contact/", data)


def test_the_security_administrator_changes_an_email_with_a_reason_and_the_old_address_is_told(
        login, secadmin, head_mailed, django_capture_on_commit_callbacks):
    response = secadmin_changes(login(secadmin), NEW, capture=django_capture_on_commit_callbacks)
    assert response.status_code == 302
    head_mailed.refresh_from_db()
    assert head_mailed.email == NEW and head_mailed.contact_changed_at is not None
    event = AuditEvent.objects.get(object_id=str(head_mailed.pk), action="update", actor=secadmin)
    assert "本人书面申请，原邮箱停用" in event.note
    assert event.before == {"email": OLD} and event.after == {"email": NEW}
    assert [m.to for m in mail.outbox] == [[OLD]]
    assert "由安全管理员" in mail.outbox[0].body and "联系方式已变更" in mail.outbox[0].subject


def test_the_security_administrator_must_give_a_reason(login, secadmin, head_mailed):
    response = secadmin_changes(login(secadmin), NEW, reason="")
    assert response.status_code == 200 and "变更原因" in response.content.decode()
    head_mailed.refresh_from_db()
    assert head_mailed.email == OLD


@pytest.mark.parametrize("persona", ["sysadmin", "auditadmin", "clerk"])
def test_nobody_else_changes_another_accounts_contact(persona, login, head_mailed, request):
    client = login(request.getfixturevalue(persona))
    assert secadmin_changes(client, EVIL).status_code == 403
    head_mailed.refresh_from_db()
    assert head_mailed.email == OLD


def test_an_account_changes_its_own_email_after_reentering_its_password(
        login, head_mailed, django_capture_on_commit_callbacks):
    client = login(head_mailed)
    refused = client.post("/accounts/me/contact/", {"email": NEW, "phone": "", "password": "wrong"})
    assert refused.status_code == 200 and "密码不正确" in refused.content.decode()
    head_mailed.refresh_from_db()
    assert head_mailed.email == OLD
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post("/accounts/me/contact/", {"email": NEW, "phone": "13900000002", "password": PASSWORD})
    assert done.status_code == 302
    head_mailed.refresh_from_db()
    assert (head_mailed.email, head_mailed.phone) == (NEW, "13900000002")
    event = AuditEvent.objects.get(object_id=str(head_mailed.pk), action="update", actor=head_mailed)
    assert "本人修改联系方式" in event.note
    assert [m.to for m in mail.outbox] == [[OLD]]
    assert "由本人" in mail.outbox[0].body


def test_an_address_already_registered_is_refused(login, head_mailed, clerk):
    clerk.email = NEW
    clerk.save()
    response = login(head_mailed).post("/accounts/me/contact/", {"email": NEW, "phone": "", "password": PASSWORD})
    assert "该电子邮箱已被注册" in response.content.decode()
    head_mailed.refresh_from_db()
    assert head_mailed.email == OLD


def test_the_security_administrator_uses_my_account_for_its_own_contact(login, secadmin):
    response = login(secadmin).post("/accounts/staff-contact/", {
        "username": "secadmin", "email": NEW, "phone": "", "reason": "自己改"})
    assert "我的账号" in response.content.decode()
    secadmin.refresh_from_db()
    assert secadmin.email == ""


def test_the_takeover_chain_is_broken(login, sysadmin, secadmin, head_mailed, settings):
    """Issue 24: sysadmin points head's e-mail at itself and asks for a reset. The change is
    refused; and even a channel changed through the audited flow receives no reset link
    during the hold, while the page says exactly what it says for an unknown account."""
    settings.FAZHI_RECOVERY_CHANNEL_HOLD_DAYS = 7
    login(sysadmin).post(f"/sysadmin/accounts/user/{head_mailed.pk}/change/",
                         {"display_name": "head", "email": EVIL, "_save": "保存"})
    head_mailed.refresh_from_db()
    assert head_mailed.email == OLD

    with time_machine.travel("2026-11-02 09:00 +0800", tick=False) as traveller:
        secadmin_changes(login(secadmin), EVIL)  # say the security administrator was deceived
        mail.outbox.clear()
        traveller.shift(6 * 24 * 3600)
        held = ask_reset("head", "10.3.0.1")
        unknown = ask_reset("nobody", "10.3.0.2")
        assert held.content == unknown.content  # the page reveals nothing
        assert mail.outbox == []
        assert AuditEvent.objects.filter(object_id=str(head_mailed.pk), action="password",
                                         note__contains=WITHHELD).count() == 1
        traveller.shift(2 * 24 * 3600)  # the hold is over: the reset works again
        ask_reset("head", "10.3.0.3")
        assert [m.to for m in mail.outbox] == [[EVIL]]


def test_the_hold_is_a_setting(login, secadmin, head_mailed, settings):
    secadmin_changes(login(secadmin), NEW)
    settings.FAZHI_RECOVERY_CHANNEL_HOLD_DAYS = 0
    ask_reset(NEW, "10.4.0.1")
    assert [m.to for m in mail.outbox] == [[NEW]]


def test_a_phone_change_holds_the_reset_too(login, head_mailed):
    login(head_mailed).post("/accounts/me/contact/", {"email": OLD, "phone": "13900000003", "password": PASSWORD})
    ask_reset("13900000003", "10.5.0.1")
    assert mail.outbox == []
