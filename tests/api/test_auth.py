"""Who may call the API: tokens (hashed, revocable, expiring, rate limited) and web sessions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from fazhi.api.models import ApiToken, token_hash
from fazhi.core.models import AuditEvent
from fazhi.streams.study.models import StudySession
from tests.api.conftest import ApiClient

LIST = "study/studysession/"
SESSION = {"year": 2026, "kind": "topic", "title": "专题研究法治政府建设工作要点"}


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def test_without_credentials_the_api_answers_401_in_chinese(db):
    r = ApiClient().get(LIST)
    assert r.status_code == 401
    assert "接口令牌无效" in r.json()["detail"]
    assert ApiClient("fz_not-a-real-token").get(LIST).status_code == 401


def test_a_token_acts_as_its_account_and_only_its_hash_is_stored(issue, clerk, market_unit):
    raw = issue(clerk)
    token = ApiToken.objects.get()
    assert token.token_hash == token_hash(raw) and raw not in {token.token_hash, token.prefix}
    assert token.last_used_at is None
    r = ApiClient(raw).post(LIST, {**SESSION, "unit": market_unit.code})
    assert r.status_code == 201
    assert r.json()["unit"] == market_unit.code
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert AuditEvent.objects.filter(action="create", actor=clerk).count() == 1


def test_a_revoked_or_expired_token_is_refused(issue, clerk, secadmin):
    from fazhi.api.services import token_revoke

    raw = issue(clerk, days=30)
    api = ApiClient(raw)
    assert api.get(LIST).status_code == 200
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert api.get(LIST).status_code == 401

    raw2 = issue(clerk, name="第二个系统")
    token2 = ApiToken.objects.get(token_hash=token_hash(raw2))
    assert ApiClient(raw2).get(LIST).status_code == 200
    token_revoke(token2, by=secadmin)
    assert ApiClient(raw2).get(LIST).status_code == 401
    assert AuditEvent.objects.filter(action="role", actor=secadmin, note__contains="吊销接口令牌").count() == 1


def test_a_token_of_a_deactivated_account_is_refused(issue, clerk):
    raw = issue(clerk)
    clerk.is_active = False
    clerk.save()
    assert ApiClient(raw).get(LIST).status_code == 401


def test_requests_beyond_the_rate_limit_get_429(settings, issue, clerk):
    settings.FAZHI_API_RATE_LIMIT = 3
    api = ApiClient(issue(clerk))
    assert [api.get(LIST).status_code for _ in range(3)] == [200, 200, 200]
    r = api.get(LIST)
    assert r.status_code == 429
    assert r.json()["detail"] == "请求过于频繁，请稍后再试"
    assert 0 < int(r["Retry-After"]) <= 60
    # Another token has its own window.
    assert ApiClient(issue(clerk, name="另一个系统")).get(LIST).status_code == 200


def test_a_signed_in_user_uses_the_session_and_writes_need_csrf(clerk, market_unit):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(clerk, backend="fazhi.accounts.backends.AccountBackend")
    api = ApiClient(client=browser)
    assert api.get(LIST).status_code == 200
    refused = api.post(LIST, {**SESSION, "unit": market_unit.code})
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    assert StudySession.objects.count() == 0

    browser.get("/api/v1/docs")  # sets the CSRF cookie
    csrf = browser.cookies["csrftoken"].value
    ok = api.post(LIST, {**SESSION, "unit": market_unit.code}, HTTP_X_CSRFTOKEN=csrf)
    assert ok.status_code == 201, ok.content.decode()
    assert StudySession.objects.get().created_by == clerk


def test_a_citizen_session_does_not_open_the_api(client, citizen):
    client.force_login(citizen, backend="fazhi.accounts.backends.AccountBackend")
    assert ApiClient(client=client).get(LIST).status_code == 401


def test_an_account_without_ledger_rights_gets_403(login, secadmin):
    r = ApiClient(client=login(secadmin)).get(LIST)
    assert r.status_code == 403
    assert r.json() == {"detail": "无权访问"}
