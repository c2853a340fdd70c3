"""The security administrator issues and revokes tokens (page and command); all audited."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from fazhi.api.models import ApiToken, token_hash
from fazhi.api.services import token_issue
from fazhi.core.models import AuditEvent
from tests.api.conftest import ApiClient
from tests.conftest import make_user


def test_only_the_security_administrator_issues_tokens(clerk, sysadmin, secadmin, citizen, auditadmin):
    for actor in (clerk, sysadmin):
        with pytest.raises(PermissionDenied):
            token_issue(by=actor, name="省平台", user=clerk)
    for target, message in ((citizen, "公众账号"), (auditadmin, "三员分立"), (sysadmin, "三员分立")):
        with pytest.raises(ValidationError, match=message):
            token_issue(by=secadmin, name="省平台", user=target)
    lonely = make_user("svc_none", None, None)
    with pytest.raises(ValidationError, match="没有任何单位角色"):
        token_issue(by=secadmin, name="省平台", user=lonely)
    assert ApiToken.objects.count() == 0


def test_the_token_page_shows_a_new_token_once_and_revokes_it(login, secadmin, clerk):
    client = login(secadmin)
    page = client.get("/api/v1/tokens/")
    assert page.status_code == 200 and "签发令牌" in page.content.decode()
    r = client.post("/api/v1/tokens/", {"name": "省行政执法平台", "username": "clerk", "days": "90"})
    assert r.status_code == 200
    html = r.content.decode()
    token = ApiToken.objects.get()
    raw = html.split('id="issued-token-value">')[1].split("<")[0]
    assert token.token_hash == token_hash(raw) and token.user == clerk and token.expires_at is not None
    assert "仅在签发时显示一次" in html
    assert raw not in client.get("/api/v1/tokens/").content.decode()
    assert AuditEvent.objects.filter(action="role", actor=secadmin, note__contains="签发接口令牌").exists()
    assert ApiClient(raw).get("study/studysession/").status_code == 200

    r = client.post(f"/api/v1/tokens/{token.pk}/revoke/", follow=True)
    assert "已吊销令牌" in r.content.decode()
    token.refresh_from_db()
    assert token.revoked_by == secadmin
    assert ApiClient(raw).get("study/studysession/").status_code == 401


def test_the_token_page_refuses_other_roles(login, clerk, sysadmin):
    assert login(clerk).get("/api/v1/tokens/").status_code == 403
    assert login(sysadmin).post("/api/v1/tokens/", {"name": "x", "username": "clerk"}).status_code == 403
    assert ApiToken.objects.count() == 0


def test_the_command_issues_lists_and_revokes(secadmin, clerk):
    out = StringIO()
    call_command("fazhi_api_token", "issue", "--by", "secadmin", "--name", "单位工具", "--user", "clerk",
                 "--days", "30", stdout=out)
    raw = out.getvalue().strip().splitlines()[-1]
    token = ApiToken.objects.get()
    assert token.token_hash == token_hash(raw)
    out = StringIO()
    call_command("fazhi_api_token", "list", stdout=out)
    assert "单位工具" in out.getvalue() and "有效" in out.getvalue()
    with pytest.raises(CommandError, match="安全管理员"):
        call_command("fazhi_api_token", "revoke", "--by", "clerk", str(token.pk))
    call_command("fazhi_api_token", "revoke", "--by", "secadmin", str(token.pk), stdout=StringIO())
    token.refresh_from_db()
    assert token.revoked_at is not None
