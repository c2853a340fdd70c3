"""Account services: registration, staff accounts, role grants (三员分立), unlocks."""

from __future__ import annotations

import secrets
import string

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.accounts.models import Membership, User
from fazhi.accounts.roles import ADMIN_ROLES, Role
from fazhi.core import audit
from fazhi.core.models import Unit

ADMIN_ROLES_EXCLUSIVE = "三员分立：系统管理员、安全管理员、审计管理员不能由同一账号兼任，也不能兼任业务角色"
DUPLICATE_ROLE = "该账号在该单位已有此角色"


@transaction.atomic
def user_register(*, kind: str, account: str, password: str, display_name: str = "",
                  credit_code: str = "") -> User:
    """A citizen or company registers with a mobile number or an e-mail address."""
    is_phone = "@" not in account
    user = User(
        username=account, kind=kind, display_name=display_name, credit_code=credit_code,
        phone=account if is_phone else None, email="" if is_phone else account.lower(),
    )
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.password_changed_at = timezone.now()
    user.full_clean()
    user.save()
    audit.record(action=audit.Action.REGISTER, actor=user, obj=user, note=f"{user.get_kind_display()}注册")
    return user


def temporary_password() -> str:
    """A password that meets the policy, for an administrator to hand over once."""
    alphabet = string.ascii_letters + string.digits
    core = "".join(secrets.choice(alphabet) for _ in range(10))
    return f"Fz{core}#{secrets.randbelow(10)}"


@transaction.atomic
def staff_create(*, username: str, display_name: str, by: User | None, password: str | None = None,
                 phone: str | None = None, must_change_password: bool = True) -> tuple[User, str]:
    """Create a staff account; it must change its password at first login."""
    password = password or temporary_password()
    user = User(username=username, display_name=display_name, kind=User.Kind.STAFF, phone=phone or None,
                must_change_password=must_change_password)
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    audit.record(action=audit.Action.CREATE, actor=by, obj=user, after={"username": username, "kind": "staff"},
                 actor_name="" if by else "system")
    return user, password


def check_role_combination(user: User, role: str) -> None:
    held = {m.role for m in user.memberships.filter(is_active=True)}
    if (role in ADMIN_ROLES and held - {role}) or (held & ADMIN_ROLES and role not in held):
        raise ValidationError(ADMIN_ROLES_EXCLUSIVE, code="separation_of_duties")


@transaction.atomic
def membership_grant(*, user: User, unit: Unit, role: str, by: User | None) -> Membership:
    if user.is_public_user:
        raise ValidationError("公众账号不能授予工作人员角色")
    Role(role)  # raises ValueError for an unknown role
    check_role_combination(user, role)
    membership, created = Membership.objects.get_or_create(
        user=user, unit=unit, role=role, defaults={"granted_by": by})
    if not created and membership.is_active:
        raise ValidationError(DUPLICATE_ROLE, code="duplicate")
    membership.is_active = True
    membership.granted_by = by
    membership.save()
    audit.record(action=audit.Action.ROLE, actor=by, obj=membership, unit=unit,
                 after={"user": user.username, "unit": unit.code, "role": role}, note="授予角色",
                 actor_name="" if by else "system")
    user.__dict__.pop("_memberships_cache", None)
    return membership


@transaction.atomic
def membership_revoke(*, membership: Membership, by: User) -> None:
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    audit.record(action=audit.Action.ROLE, actor=by, obj=membership, unit=membership.unit,
                 before={"user": membership.user.username, "unit": membership.unit.code, "role": membership.role},
                 note="撤销角色")


@transaction.atomic
def password_change(*, user: User, new_password: str) -> None:
    user.set_password(new_password)
    user.must_change_password = False
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "must_change_password", "password_changed_at"])
    audit.record(action=audit.Action.PASSWORD, actor=user, obj=user, note="修改密码")


@transaction.atomic
def lockout_clear(*, username: str, by: User) -> int:
    from axes.models import AccessAttempt

    count, _ = AccessAttempt.objects.filter(username=username).delete()
    audit.record(action=audit.Action.UNLOCK, actor=by, note=f"解除账号“{username}”的登录锁定")
    return count
