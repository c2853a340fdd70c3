"""三员分立: the system, security and audit administrators cannot do each other's work."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from fazhi.accounts.models import Membership
from fazhi.accounts.services import membership_grant
from fazhi.core.roles import Role

pytestmark = pytest.mark.django_db


def test_the_system_administrator_manages_accounts_but_cannot_grant_roles(login, sysadmin):
    client = login(sysadmin)
    assert client.get("/sysadmin/accounts/user/").status_code == 200
    assert client.get("/accounts/roles/").status_code == 403
    assert client.get("/audit/").status_code == 403


def test_the_security_administrator_grants_roles_but_cannot_manage_accounts(login, secadmin, clerk, transport_unit):
    client = login(secadmin)
    assert client.get("/sysadmin/", follow=True).status_code == 403
    response = client.post("/accounts/roles/", {"username": "clerk", "unit": transport_unit.pk, "role": Role.CLERK})
    assert response.status_code == 302
    assert Membership.objects.filter(user=clerk, unit=transport_unit, role=Role.CLERK).exists()


def test_the_audit_administrator_cannot_change_data(login, auditadmin, market_unit):
    client = login(auditadmin)
    assert client.get("/sysadmin/", follow=True).status_code == 403
    assert client.get("/accounts/roles/").status_code == 403
    assert client.get("/s/study/new/").status_code == 403


def test_one_account_cannot_hold_two_administrator_roles(sysadmin, county):
    with pytest.raises(ValidationError, match="三员分立"):
        membership_grant(user=sysadmin, unit=county, role=Role.AUDITADMIN, by=None)


def test_an_administrator_cannot_also_hold_a_business_role(auditadmin, market_unit):
    with pytest.raises(ValidationError, match="三员分立"):
        membership_grant(user=auditadmin, unit=market_unit, role=Role.CLERK, by=None)


def test_a_security_administrator_grant_that_breaks_separation_is_shown_and_not_saved(login, secadmin, sysadmin, county):
    client = login(secadmin)
    response = client.post("/accounts/roles/", {"username": "sysadmin", "unit": county.pk, "role": Role.AUDITADMIN})
    assert "三员分立" in response.content.decode()
    assert not Membership.objects.filter(user=sysadmin, role=Role.AUDITADMIN).exists()


def test_a_clerk_cannot_open_the_system_management_pages(login, clerk):
    response = login(clerk).get("/sysadmin/core/unit/", follow=True)
    assert response.status_code == 403 and "系统管理仅限系统管理员进入" in response.content.decode()


def test_an_anonymous_visitor_is_sent_to_the_platform_login(client):
    response = client.get("/sysadmin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")


def test_the_system_administrator_creates_a_staff_account_that_must_change_its_password(login, sysadmin):
    from fazhi.accounts.models import User
    from fazhi.core.models import AuditEvent

    response = login(sysadmin).post("/sysadmin/accounts/user/add/", {
        "username": "newstaff", "display_name": "新同事", "phone": "13700000001"}, follow=True)
    assert response.status_code == 200
    user = User.objects.get(username="newstaff")
    assert user.must_change_password and user.kind == User.Kind.STAFF and user.has_usable_password()
    assert "初始密码" in response.content.decode()
    assert AuditEvent.objects.filter(action="create", object_id=str(user.pk)).exists()
