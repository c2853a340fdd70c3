"""Who is calling: a signed-in web user (session cookie, CSRF on writes) or another system
(``Authorization: Bearer fz_…``, rate limited per token)."""

from __future__ import annotations

import time

from django.core.cache import cache
from ninja.security import HttpBearer, SessionAuth

from fazhi.api.services import token_lookup
from fazhi.core.config import setting


class RateLimited(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__("rate limited")
        self.retry_after = retry_after


def rate_limit() -> int:
    """Requests per minute allowed for one token (``FAZHI_API_RATE_LIMIT``)."""
    return int(setting("FAZHI_API_RATE_LIMIT", 600))


def check_rate(key: str) -> None:
    """Fixed one-minute window counted in Django's cache."""
    now = int(time.time())
    window = now // 60
    cache_key = f"fazhi-api-rate:{key}:{window}"
    cache.add(cache_key, 0, timeout=120)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # evicted between add and incr
        cache.set(cache_key, 1, timeout=120)
        count = 1
    if count > rate_limit():
        raise RateLimited(60 - now % 60)


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``: the request acts as the token's account."""

    openapi_description = "接口令牌（由安全管理员签发）：Authorization: Bearer fz_…"

    def authenticate(self, request, token: str):
        found = token_lookup(token.strip())
        if found is None:
            return None
        request.user = found.user  # set first: a refusal for the rate is audited as this account's
        request.api_token = found
        check_rate(f"token:{found.pk}")
        return found.user


class StaffSessionAuth(SessionAuth):
    """The web UI's session (staff accounts only); writes need the CSRF token."""

    openapi_description = "已登录的工作人员会话（写操作须带 X-CSRFToken）"

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not user.is_public_user:
            return user
        return None
