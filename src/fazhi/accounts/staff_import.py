"""A county's staff list from one Excel sheet, in two steps that keep 三员分立:

1. the system administrator uploads it (``ACCOUNTS``): each new account is created with a one-time
   password, handed over once as a printable sheet; the 单位 and 角色 columns are only checked;
2. the security administrator uploads the same sheet (``ROLES``): each row's role is granted in its
   unit; a row whose account does not exist yet, or that would give one person an administrator
   role beside any other role, refuses the whole file.

Both are all-or-nothing with the error workbook, through core's import machinery. After the accounts
are committed, ``deliver_passwords`` may send each one-time password to its holder: by e-mail (the
configured mailer) when the row has an address, else by text message (``accounts/sms.py``,
FAZHI_SMS_BACKEND) when it has a phone; those not delivered stay on the printed sheet. Either way the
password must be changed at first sign-in (User.must_change_password, accounts/middleware.py).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.mail import send_mail

from fazhi.accounts import services, sms, validators
from fazhi.accounts.models import Membership, User
from fazhi.core import audit
from fazhi.core.importers import CHOICE, PHONE, TEXT, UNIT, CellError, ImportField, ImportSpec
from fazhi.core.models import Unit
from fazhi.core.privacy import mask_email, mask_phone
from fazhi.core.roles import ADMIN_ROLES, Role

logger = logging.getLogger(__name__)

FIELDS = [
    ImportField("display_name", "姓名", TEXT, required=True, example="示例：王经办"),
    ImportField("username", "账号", TEXT, required=True, example="wangjingban",
                help="登录用的账号名：字母、数字、下划线，3至30位"),
    ImportField("phone", "手机号码", PHONE),
    ImportField("email", "电子邮箱", TEXT),
    ImportField("unit", "单位", UNIT, required=True),
    ImportField("role", "角色", CHOICE, required=True, choices=tuple(Role.choices)),
]
NO_ACCOUNT = "账号“{name}”尚未开通：请先由系统管理员导入账号"
TWO_ADMIN_ROLES = "三员分立：同一人不能同时担任{roles}"


def _col(name: str) -> int:
    return next(i for i, f in enumerate(FIELDS, start=1) if f.name == name)


def _all_units(user):
    return Unit.objects.filter(is_active=True)


def write_accounts(spec: ImportSpec, parsed: list, by: User, result) -> None:
    """Create the accounts the sheet names that do not exist yet; an existing one is left as it is."""
    existing = set(User.objects.filter(username__in=[d["username"] for _, d in parsed])
                   .values_list("username", flat=True))
    for number, data in parsed:
        if data["username"] in existing:
            result.unchanged += 1
            continue
        email = (data["email"] or "").strip().lower()
        try:
            if email:
                validators.validate_email(email)
            user, password = services.staff_create(username=data["username"], display_name=data["display_name"],
                                                   by=by, phone=data["phone"] or None)
            if email:
                user.email = email
                user.full_clean()
                user.save(update_fields=["email"])
        except ValidationError as exc:
            for name, messages in (exc.message_dict.items() if hasattr(exc, "error_dict") else [("username", exc.messages)]):
                column = _col(name) if name in {f.name for f in FIELDS} else _col("username")
                result.errors.extend(CellError(number, column, m) for m in messages)
            continue
        existing.add(user.username)
        result.handed_over.append((number, data["display_name"], user.username, data["unit"].name,
                                   Role(data["role"]).label, password))
        result.created += 1


def write_roles(spec: ImportSpec, parsed: list, by: User, result) -> None:
    """Grant each row's role in its unit (the security administrator's step)."""
    users = {u.username: u for u in User.objects.filter(username__in=[d["username"] for _, d in parsed])}
    wanted: dict[str, set[str]] = {}
    for _number, data in parsed:
        wanted.setdefault(data["username"], set()).add(data["role"])
    for number, data in parsed:
        user = users.get(data["username"])
        if user is None:
            result.errors.append(CellError(number, _col("username"), NO_ACCOUNT.format(name=data["username"])))
            continue
        held = {m.role for m in user.memberships.filter(is_active=True)} | wanted[user.username]
        if held & ADMIN_ROLES and len(held) > 1:
            roles = "、".join(sorted(Role(r).label for r in held))
            result.errors.append(CellError(number, _col("role"), TWO_ADMIN_ROLES.format(roles=roles)))
            continue
        if Membership.objects.filter(user=user, unit=data["unit"], role=data["role"], is_active=True).exists():
            result.unchanged += 1
            continue
        try:
            services.membership_grant(user=user, unit=data["unit"], role=data["role"], by=by)
        except ValidationError as exc:
            result.errors.extend(CellError(number, _col("role"), m) for m in exc.messages)
            continue
        result.created += 1


DELIVERY_SUBJECT = "法治政府建设综合管理平台账号已开通"
DELIVERY_TEXT = ("{name}：您在法治政府建设综合管理平台的账号“{account}”已开通（{unit}），初始密码：{password}"
                 "。首次登录须修改密码。登录地址：{url}")


@dataclass(frozen=True)
class Delivery:
    name: str
    account: str
    channel: str  # 邮件 | 短信
    to: str  # masked address or phone, for the page


def deliver_passwords(handed_over: list, *, by: User, login_url: str) -> tuple[list[Delivery], list]:
    """Send each one-time password in ``handed_over`` (rows of ``write_accounts``) to its holder: by
    e-mail when the account has one, else by text message when it has a phone and an SMS backend is
    configured. Returns (what was delivered, the rows still to hand over on paper). Each delivery is
    audited (never the password); a failed send leaves the row on the sheet."""
    users = {u.username: u for u in User.objects.filter(username__in=[row[2] for row in handed_over])}
    texter = sms.backend()
    delivered, remaining = [], []
    for row in handed_over:
        _number, name, account, unit, _role, password = row
        user = users.get(account)
        text = DELIVERY_TEXT.format(name=name, account=account, unit=unit, password=password, url=login_url)
        sent = None
        if user is not None and user.email:
            try:
                send_mail(DELIVERY_SUBJECT, text, None, [user.email])
                sent = Delivery(name, account, "邮件", mask_email(user.email))
            except Exception:  # the mail server refused or is down: try a text message, else the sheet
                logger.exception("one-time password mail to account %s could not be sent", user.pk)
        if sent is None and user is not None and user.phone and texter is not None:
            try:
                texter.send(sms.SmsMessage(to=user.phone, text=text))
                sent = Delivery(name, account, "短信", mask_phone(user.phone))
            except Exception:  # the gateway refused or is unreachable: the row stays on the sheet
                logger.exception("one-time password text to account %s could not be sent", user.pk)
        if sent is None:
            remaining.append(row)
            continue
        audit.record(action=audit.Action.PASSWORD, actor=by, obj=user,
                     note=f"初始密码已通过{sent.channel}发送至{sent.to}")
        delivered.append(sent)
    return delivered, remaining


ACCOUNTS = ImportSpec(model=User, title="工作人员名单", fields=FIELDS, key=("username", "unit", "role"),
                      units=_all_units, write=write_accounts)
ROLES = ImportSpec(model=Membership, title="工作人员名单", fields=FIELDS, key=("username", "unit", "role"),
                   units=_all_units, write=write_roles)
