"""Who is calling: a signed-in web user (session cookie, CSRF on writes) or another system
(``Authorization: Bearer fz_…``, rate limited per token)."""

from __future__ import annotations

import time

from django.core.cache import cache
from ninja.security import HttpBearer, SessionAuth

from fazhi.api.services import token_lookup
from fazhi.core.config import setting

RATE_MESSAGE = "请求过于频繁，请稍后再试"


class RateLimited(Exception):
    def __init__(self, retry_after: int, detail: str = RATE_MESSAGE) -> None:
        super().__init__("rate limited")
        self.retry_after = retry_after
        self.detail = detail


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


def batch_rows_limit() -> int:
    """Records per minute one caller may send through batch calls (``FAZHI_API_BATCH_ROWS_PER_MINUTE``),
    besides the requests they count against ``rate_limit``."""
    return int(setting("FAZHI_API_BATCH_ROWS_PER_MINUTE", 30_000))


def check_rows(key: str, rows: int) -> None:
    """Count ``rows`` records of one batch in the caller's one-minute window; a batch that would
    pass the limit is refused whole (and not counted)."""
    now = int(time.time())
    cache_key = f"fazhi-api-rows:{key}:{now // 60}"
    cache.add(cache_key, 0, timeout=120)
    try:
        count = cache.incr(cache_key, rows)
    except ValueError:  # evicted between add and incr
        cache.set(cache_key, rows, timeout=120)
        count = rows
    limit = batch_rows_limit()
    if count > limit:
        cache.decr(cache_key, rows)
        raise RateLimited(60 - now % 60, f"批量提交的记录超过每分钟 {limit} 条的上限，请稍后再试")


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
