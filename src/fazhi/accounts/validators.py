"""Password and identifier rules, with their messages in Chinese."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

PHONE_RE = re.compile(r"^1[3-9]\d{9}$")
EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")

WEAK_CLASSES = "密码须至少包含大写字母、小写字母、数字、特殊字符中的{n}类"
CONTAINS_ACCOUNT = "密码不能包含账号名"
BAD_PHONE = "请输入正确的11位手机号码"
BAD_EMAIL = "请输入正确的电子邮箱地址"


def character_classes(password: str) -> int:
    return sum([
        any(c.isupper() and c.isascii() for c in password),
        any(c.islower() and c.isascii() for c in password),
        any(c.isdigit() for c in password),
        any(not c.isalnum() for c in password),
    ])


class CharacterClassValidator:
    def __init__(self, min_classes: int = 3) -> None:
        self.min_classes = min_classes

    def validate(self, password: str, user=None) -> None:
        if character_classes(password) < self.min_classes:
            raise ValidationError(WEAK_CLASSES.format(n=self.min_classes), code="password_classes")

    def get_help_text(self) -> str:
        return WEAK_CLASSES.format(n=self.min_classes)


class NoAccountNameValidator:
    """The password must not contain the account name (nor the phone or e-mail's local part)."""

    def validate(self, password: str, user=None) -> None:
        if user is None:
            return
        lowered = password.lower()
        names = {getattr(user, "username", "") or "", getattr(user, "phone", "") or ""}
        email = getattr(user, "email", "") or ""
        names.add(email.split("@")[0])
        if any(len(n) >= 3 and n.lower() in lowered for n in names):
            raise ValidationError(CONTAINS_ACCOUNT, code="password_contains_account")

    def get_help_text(self) -> str:
        return CONTAINS_ACCOUNT


def validate_phone(value: str) -> None:
    if not PHONE_RE.match(value or ""):
        raise ValidationError(BAD_PHONE, code="phone")


def validate_email(value: str) -> None:
    if not EMAIL_RE.match(value or ""):
        raise ValidationError(BAD_EMAIL, code="email")
