"""Login throttling: failures are counted per account, whatever identifier was typed, and per
client address.

Per account (django-axes): ``account_key`` is ``AXES_USERNAME_CALLABLE``. The account name, the
mobile number and the e-mail address in any letter case all name one key, so five failures lock
the account however it is typed; a successful sign-in (axes asks with the account name) and the
security administrator's unlock (``services.lockout_clear``) reach the same key. Text that names
no account counts under itself, case-folded, so unknown and real accounts behave alike.

Per address (``address_failed``, ``address_refused``): many failures from one client address
across any accounts refuse that address for the cool-off time. Offices sit behind one NAT
address, so the limit (``FAZHI_LOGIN_ADDRESS_FAILURE_LIMIT``, 30) is far above the account's.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache

from fazhi.accounts.backends import account_named
from fazhi.core import audit, ratelimit
from fazhi.core.config import setting

LOCKED_MESSAGE = "登录失败次数过多，该账号已被锁定{minutes}分钟，请稍后再试或联系安全管理员解锁。"
ADDRESS_LIMITED_MESSAGE = "此网络地址登录失败次数过多，请{minutes}分钟后再试。"
ADDRESS_SCOPE = "login-failures-by-address"


def cooloff_seconds() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds())


def cooloff_minutes() -> int:
    return cooloff_seconds() // 60


def key_for(identifier: str | None) -> str | None:
    """The lockout key of the typed text: the account's name, case-folded, when the text names one
    account the way sign-in finds it (``backends.account_named``), else the text itself,
    stripped and case-folded. None for empty text (axes then records nothing)."""
    text = (identifier or "").strip()
    if not text:
        return None
    user = account_named(text)
    return (user.get_username() if user is not None else text).casefold()


def account_key(request, credentials: dict | None = None) -> str | None:
    """``AXES_USERNAME_CALLABLE``: the lockout key of the identifier in ``credentials`` (or the
    posted form). Axes asks several times per sign-in; the answer is kept on the request."""
    source = credentials or getattr(request, "POST", None) or {}
    identifier = source.get(settings.AXES_USERNAME_FORM_FIELD)
    identifier = None if identifier is None else str(identifier)
    if request is None:
        return key_for(identifier)
    known = request.__dict__.setdefault("_fazhi_lockout_keys", {})
    if identifier not in known:
        known[identifier] = key_for(identifier)
    return known[identifier]


# -- per address -------------------------------------------------------------------------------
# Counted in the cache with core/ratelimit.py, not with axes: axes applies one AXES_FAILURE_LIMIT
# to every lockout parameter (it cannot lock an account after 5 failures and an address only
# after 30), and it deletes an account's rows when the account signs in or is unlocked, which
# would also wipe those failures from the address's count. The cache keeps the address hashed.
# ``hit`` counts in fixed windows of the cool-off time (a burst straddling a window's edge may reach
# nearly twice the limit); once the limit is reached the address is refused for a whole cool-off
# time from that moment, so the refusal does not end at the window's edge.


def _address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def _refusal_key(address: str) -> str:
    return "login-refused:" + hashlib.sha256(f"{ADDRESS_SCOPE}|{address}".encode()).hexdigest()[:32]


def address_limit() -> int:
    return int(setting("FAZHI_LOGIN_ADDRESS_FAILURE_LIMIT", 30))


def address_failed(request) -> None:
    """Count one failed sign-in from the request's address (whatever the account, known or not);
    at the limit-th failure within the window the address is refused for the cool-off time."""
    address = _address(request)
    # hit() answers False once the count passes its limit: with limit - 1, from the limit-th failure on.
    if not ratelimit.hit(ADDRESS_SCOPE, address, limit=address_limit() - 1, window=cooloff_seconds()):
        cache.set(_refusal_key(address), 1, timeout=cooloff_seconds())


def address_refused(request) -> bool:
    """True while the request's address is refused for too many failed sign-ins."""
    return cache.get(_refusal_key(_address(request))) is not None


def audit_address_refusal(request) -> None:
    """One ``login_failed`` row per refused attempt, within the per-minute cap of refusals
    (``FAZHI_AUDIT_DENIED_PER_MINUTE``): a script hammering a refused address fills no log."""
    if not ratelimit.hit("login.address_refused", _address(request), limit=audit.denied_per_minute(), window=60):
        return
    name = str(request.POST.get(settings.AXES_USERNAME_FORM_FIELD, "")).strip()[:150]
    audit.record(action=audit.Action.LOGIN_FAILED, actor_name=name or "（空）",
                 note="此网络地址登录失败次数过多，拒绝登录")
