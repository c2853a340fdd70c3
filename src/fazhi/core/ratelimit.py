"""A fixed-window rate limit on the cache, for public forms and API tokens.

``hit("complaint", request_key(request), limit=5, window=3600)`` counts one attempt and
tells whether it is still within the limit. Keys are hashed so no address is stored in clear.
"""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache
from django.core.exceptions import ValidationError

LIMITED_MESSAGE = "提交过于频繁，请稍后再试"


def request_key(request) -> str:
    """The account when signed in, else the client address (REMOTE_ADDR: set by the proxy we trust)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"addr:{request.META.get('REMOTE_ADDR', '')}"


def hit(scope: str, who: str, *, limit: int, window: int) -> bool:
    """Count one attempt of ``who`` at ``scope``; False when the limit is already used up."""
    return hit_count(scope, who, window=window) <= limit


def hit_count(scope: str, who: str, *, window: int) -> int:
    """Count one attempt of ``who`` at ``scope``; the attempts so far in this window, this one included."""
    bucket = int(time.time() // window)
    digest = hashlib.sha256(f"{scope}|{who}|{bucket}".encode()).hexdigest()[:32]
    key = f"rl:{digest}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count


ADDRESS_FACTOR = 4  # an office or a village behind one NAT address files for many people


def public_form_allowed(scope: str, request, *, per_hour: int) -> bool:
    """Count one submission of a public form, per account (or address when anonymous) within
    ``per_hour`` and per address within ``ADDRESS_FACTOR`` times that; False when over either."""
    by_who = hit(scope, request_key(request), limit=per_hour, window=3600)
    by_address = hit(f"{scope}|addr", f"addr:{request.META.get('REMOTE_ADDR', '')}",
                     limit=per_hour * ADDRESS_FACTOR, window=3600)
    return by_who and by_address


def require_public_form(scope: str, request, *, per_hour: int) -> None:
    """As ``public_form_allowed``, raising the Chinese ``ValidationError`` before anything is written."""

    if not public_form_allowed(scope, request, per_hour=per_hour):
        raise ValidationError(LIMITED_MESSAGE)
