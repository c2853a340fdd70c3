"""Issuing and revoking API tokens: the security administrator's job (三员分立: tokens are
credentials, like role grants). Every issue and revocation is audited."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.api.models import TOKEN_PREFIX, ApiToken, token_hash
from fazhi.core import audit, scope
from fazhi.core.roles import ADMIN_ROLES

CAPABILITY = "roles.grant"


def token_issue(*, by, name: str, user, days: int | None = None) -> tuple[ApiToken, str]:
    """Issue a token acting as ``user``; returns (token row, the token text — shown once)."""
    scope.require(by, CAPABILITY)
    name = (name or "").strip()
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = ["请填写令牌名称（调用系统）"]
    if user is None:
        errors["user"] = ["请选择令牌代表的账号"]
    elif not user.is_active:
        errors["user"] = ["该账号已停用"]
    elif user.is_public_user:
        errors["user"] = ["公众账号不能签发接口令牌"]
    elif user.roles() & set(ADMIN_ROLES):
        errors["user"] = ["系统、安全、审计管理员账号不能签发接口令牌（三员分立）"]
    elif not user.active_memberships():
        errors["user"] = ["该账号没有任何单位角色，令牌将无权访问数据"]
    if days is not None and not 1 <= days <= 3660:
        errors["days"] = ["有效天数应在 1 至 3660 之间"]
    if errors:
        raise ValidationError(errors)
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            name=name, user=user, prefix=raw[:10], token_hash=token_hash(raw), created_by=by,
            expires_at=timezone.now() + timedelta(days=days) if days else None,
        )
        audit.record(action=audit.Action.ROLE, actor=by, obj=token,
                     after={"name": name, "user": user.get_username(), "prefix": token.prefix,
                            "expires_at": token.expires_at},
                     note=f"签发接口令牌“{name}”（代表账号 {user.get_username()}）")
    return token, raw


def token_revoke(token: ApiToken, *, by) -> ApiToken:
    scope.require(by, CAPABILITY)
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().get(pk=token.pk)
        if locked.revoked_at is not None:
            raise ValidationError("该令牌已吊销")
        locked.revoked_at = timezone.now()
        locked.revoked_by = by
        locked.save(update_fields=["revoked_at", "revoked_by"])
        audit.record(action=audit.Action.ROLE, actor=by, obj=locked, before={"revoked_at": None},
                     after={"revoked_at": locked.revoked_at}, note=f"吊销接口令牌“{locked.name}”")
    return locked


def token_lookup(raw: str) -> ApiToken | None:
    """The usable token for ``raw`` (not revoked, not expired, account active), or None."""
    if not raw or not raw.startswith(TOKEN_PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(token_hash=token_hash(raw)).first()
    if token is None or not token.is_usable:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
