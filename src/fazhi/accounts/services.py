"""Account services: registration, staff accounts, role grants (三员分立), unlocks, contact
channels (e-mail, phone), password reset, closing accounts (citizens themselves; staff by the
security administrator)."""

from __future__ import annotations

import logging
import secrets
import string
from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice

from fazhi.accounts import lockout, validators
from fazhi.accounts.backends import account_named
from fazhi.accounts.models import Membership, User
from fazhi.core import audit, ratelimit, scope
from fazhi.core.config import setting
from fazhi.core.models import Notification, Unit
from fazhi.core.roles import ADMIN_ROLES, Role

logger = logging.getLogger(__name__)

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
    if role == Role.CITY_COORDINATOR and unit.kind != Unit.Kind.CITY:
        raise ValidationError("市委依法治市办统筹人员只能授予在设区的市单位")
    if role == Role.PROVINCE_COORDINATOR and unit.kind != Unit.Kind.PROVINCE:
        raise ValidationError("省委依法治省办统筹人员只能授予在省级单位")
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
    _set_password(user, new_password, note="修改密码")


def _set_password(user: User, new_password: str, *, note: str) -> None:
    user.set_password(new_password)
    user.must_change_password = False
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "must_change_password", "password_changed_at"])
    audit.record(action=audit.Action.PASSWORD, actor=user, obj=user, note=note)


@transaction.atomic
def lockout_clear(*, username: str, by: User) -> int:
    """Unlock the account ``username`` names, however it is typed: axes counts failures under the
    account's lockout key (``accounts/lockout.py``); the text itself is cleared too."""

    keys = {username, lockout.key_for(username)} - {None}
    count, _ = AccessAttempt.objects.filter(username__in=keys).delete()
    audit.record(action=audit.Action.UNLOCK, actor=by, note=f"解除账号“{username}”的登录锁定")
    return count


# -- contact channels (e-mail, phone): the channels a password reset relies on ---------------
#
# 三员分立: the system administrator never changes them (/sysadmin/ shows them read-only). They
# change only by the account itself, with its current password (我的账号), or by the security
# administrator with a reason; the old e-mail address is told, and for
# FAZHI_RECOVERY_CHANNEL_HOLD_DAYS after a change no reset mail is sent (password_reset_request).

CONTACT_FIELDS = ("email", "phone")
CONTACT_UNCHANGED = "电子邮箱和手机号码均未改变"
WRONG_PASSWORD = "密码不正确"
CONTACT_NOT_ALLOWED = "只有安全管理员可以变更其他账号的电子邮箱和手机号码"
CONTACT_SELF = "请在“我的账号”中修改自己的联系方式（须输入登录密码）"
CONTACT_REASON = "请填写变更原因"
CONTACT_NOTICE_SUBJECT = "您的账号联系方式已变更"


def recovery_hold_days() -> int:
    return int(setting("FAZHI_RECOVERY_CHANNEL_HOLD_DAYS", 7))


def recovery_on_hold(user: User) -> bool:
    """Was the e-mail or phone changed so recently that a reset must not rely on it?"""
    changed = user.contact_changed_at
    return changed is not None and timezone.now() - changed < timedelta(days=recovery_hold_days())


def _contact_values(email: str | None, phone: str | None) -> tuple[str, str | None]:
    email = (email or "").strip().lower()
    phone = (phone or "").strip() or None
    errors: dict[str, ValidationError] = {}
    for name, value, check in (("email", email, validators.validate_email),
                               ("phone", phone, validators.validate_phone)):
        if value:
            try:
                check(value)
            except ValidationError as exc:
                errors[name] = exc
    if errors:
        raise ValidationError(errors)
    return email, phone


def _contact_set(user: User, *, email: str | None, phone: str | None, actor: User, note: str) -> None:
    """Set the channels, stamp ``contact_changed_at``, audit, and tell the old e-mail address."""
    email, phone = _contact_values(email, phone)
    old = {"email": user.email, "phone": user.phone}
    new = {"email": email, "phone": phone}
    changed = [name for name in CONTACT_FIELDS if old[name] != new[name]]
    if not changed:
        raise ValidationError(CONTACT_UNCHANGED, code="unchanged")
    user.email, user.phone = email, phone
    user.full_clean(exclude=[f.name for f in User._meta.fields if f.name not in CONTACT_FIELDS])
    user.contact_changed_at = timezone.now()
    user.save(update_fields=[*CONTACT_FIELDS, "contact_changed_at"])
    audit.record(action=audit.Action.UPDATE, actor=actor, obj=user,
                 before={k: old[k] for k in changed}, after={k: new[k] for k in changed}, note=note[:500])
    if old["email"]:
        transaction.on_commit(lambda: _contact_notice(user, old["email"], changed, by_self=actor.pk == user.pk))


def _contact_notice(user: User, address: str, changed: list[str], *, by_self: bool) -> None:
    labels = {"email": "电子邮箱", "phone": "手机号码"}
    context = {"user": user, "changed": "、".join(labels[name] for name in changed), "by_self": by_self,
               "hold_days": recovery_hold_days()}
    body = render_to_string("accounts/contact_changed_email.txt", context)
    try:
        send_mail(CONTACT_NOTICE_SUBJECT, body, None, [address])
    except Exception:  # the change stands; the operator sees the failure in the log
        logger.exception("contact change notice for account %s could not be sent", user.pk)


@transaction.atomic
def contact_change_own(*, user: User, password: str, email: str | None, phone: str | None) -> None:
    """The account changes its own e-mail and phone, re-entering its current password."""
    if not user.check_password(password):
        raise ValidationError({"password": WRONG_PASSWORD})
    _contact_set(user, email=email, phone=phone, actor=user, note="本人修改联系方式（已验证登录密码）")


@transaction.atomic
def contact_change_by_security(*, user: User, email: str | None, phone: str | None, by: User,
                               reason: str) -> None:
    """The security administrator changes a staff account's e-mail and phone, with a reason."""
    if not scope.has_capability(by, "accounts.unlock"):
        raise ValidationError(CONTACT_NOT_ALLOWED, code="forbidden")
    if user.pk == by.pk:
        raise ValidationError(CONTACT_SELF, code="self")
    if user.is_public_user:
        raise ValidationError("公众账号的联系方式由本人在“我的账号”中修改", code="public")
    if not user.is_active:
        raise ValidationError("该账号已停用", code="closed")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": CONTACT_REASON})
    _contact_set(user, email=email, phone=phone, actor=by, note=f"安全管理员变更联系方式：{reason}")


# -- password reset --------------------------------------------------------------------------

RESET_LIMITED = "提交过于频繁，请稍后再试"
RESET_PER_ADDRESS = (10, 3600)  # requests per address per hour
RESET_PER_TARGET = (3, 3600)  # requests per entered account per hour, whether or not it exists


class ResetLimited(Exception):
    """Too many reset requests from this address or for this account."""


def _reset_candidate(account: str) -> User | None:
    """The one active account the entered text names that can receive a reset e-mail, else None."""
    user = account_named(account)
    if user is None or not user.is_active or not user.has_usable_password() or not user.email:
        return None
    return user


def password_reset_request(*, account: str, request) -> None:
    """Send a single-use, expiring reset link to the account's e-mail address, if there is one.

    The caller shows the same page whatever happens here: nothing tells whether the account
    exists or has an address. Limits count the address and the entered text alike."""


    account = account.strip()
    target = account.lower()
    by_address = ratelimit.hit("pwreset-addr", f"addr:{request.META.get('REMOTE_ADDR', '')}",
                               limit=RESET_PER_ADDRESS[0], window=RESET_PER_ADDRESS[1])
    by_target = ratelimit.hit("pwreset-target", target, limit=RESET_PER_TARGET[0], window=RESET_PER_TARGET[1])
    if not (by_address and by_target):
        raise ResetLimited(RESET_LIMITED)
    user = _reset_candidate(account)
    if user is None:
        audit.record(action=audit.Action.PASSWORD, note="申请重置密码：未匹配到可接收邮件的有效账号")
        return
    if recovery_on_hold(user):  # the page says the same; the audit log tells the security administrator
        audit.record(action=audit.Action.PASSWORD, obj=user,
                     note=f"申请重置密码：电子邮箱或手机号码于{recovery_hold_days()}天内变更过，未发送重置邮件")
        return
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = request.build_absolute_uri(reverse("accounts:password_reset_confirm", args=[uid, token]))
    context = {"user": user, "link": link, "minutes": settings.PASSWORD_RESET_TIMEOUT // 60}
    subject = render_to_string("accounts/password_reset_subject.txt", context).strip()
    body = render_to_string("accounts/password_reset_email.txt", context)
    try:
        send_mail(subject, body, None, [user.email])
    except Exception:  # the mail server is down: the page still says the same, the log tells the operator
        logger.exception("password reset mail to account %s could not be sent", user.pk)
        audit.record(action=audit.Action.PASSWORD, obj=user, note="申请重置密码：邮件发送失败")
        return
    audit.record(action=audit.Action.PASSWORD, obj=user, note="申请重置密码：已发送重置邮件")


@transaction.atomic
def password_reset_complete(*, user: User, new_password: str) -> None:
    """The new password from a reset link. Changing the password spends the link."""
    _set_password(user, new_password, note="通过邮件链接重置密码")


# -- closing accounts ------------------------------------------------------------------------

CLOSED_NAME = "已注销用户"


def _end_access(user: User) -> None:
    """Nothing signs in as ``user`` again: no password, no authenticator; the new password hash
    also invalidates every open session (Django checks the session's hash of the password)."""

    user.is_active = False
    user.set_unusable_password()
    TOTPDevice.objects.filter(user=user).delete()


@transaction.atomic
def account_close(*, user: User) -> None:
    """A citizen or company closes its own account.

    The account is deactivated and its personal data (name, mobile number, e-mail, credit code,
    and the account name, which is the phone or e-mail) replaced; its messages and sign-in
    failure records are deleted. Requests it filed stay with the administration that received
    them (their ``created_by`` now leads to the anonymised account only)."""


    if not user.is_public_user:
        raise ValidationError("工作人员账号不能自行注销，请联系安全管理员停用", code="staff")
    if not user.is_active:
        raise ValidationError("该账号已注销", code="closed")
    old_names = {user.username, user.phone or "", user.email or ""} - {""}
    user.username = f"closed-{user.pk}-{secrets.token_hex(4)}"
    user.display_name = CLOSED_NAME
    user.first_name = user.last_name = ""
    user.phone = None
    user.email = ""
    user.credit_code = ""
    _end_access(user)
    user.save()
    Notification.objects.filter(user=user).delete()
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__in=old_names).delete()
    user.memberships.all().delete()
    audit.record(action=audit.Action.UPDATE, actor=user, obj=user,
                 note="注销账号：姓名、手机号码、电子邮箱、账号名已匿名化，登录已停用")


@transaction.atomic
def staff_close(*, user: User, by: User, reason: str) -> None:
    """The security administrator closes a staff account (transfer, retirement): roles revoked,
    sign-in stopped. The name stays: staff act in an official capacity and records keep who did what."""
    if user.is_public_user:
        raise ValidationError("公众账号由本人在“我的账号”中注销", code="public")
    if user.pk == by.pk:
        raise ValidationError("不能停用自己的账号", code="self")
    if not user.is_active:
        raise ValidationError("该账号已停用", code="closed")
    revoked = [f"{m.unit.code}/{m.role}" for m in user.memberships.filter(is_active=True).select_related("unit")]
    user.memberships.filter(is_active=True).update(is_active=False)
    _end_access(user)
    user.save()
    audit.record(action=audit.Action.ROLE, actor=by, obj=user, before={"roles": revoked, "is_active": True},
                 after={"roles": [], "is_active": False}, note=f"停用工作人员账号：{reason}"[:500])
