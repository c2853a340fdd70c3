from __future__ import annotations

from typing import TYPE_CHECKING

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q

if TYPE_CHECKING:
    from fazhi.accounts.models import User


def account_named(identifier: str | None) -> User | None:
    """The one account ``identifier`` names: its account name exactly, its mobile number, or its
    e-mail address in any letter case; None when the text names no account or more than one.

    The one matching rule of sign-in, of login lockout (``accounts/lockout.py``) and of password reset."""
    identifier = (identifier or "").strip()
    if not identifier:
        return None
    match = Q(username=identifier) | Q(phone=identifier)
    if "@" in identifier:
        match |= Q(email__iexact=identifier)
    candidates = list(get_user_model().objects.filter(match)[:2])
    return candidates[0] if len(candidates) == 1 else None


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' check of locked accounts, marking the request it refuses so the audit log
    says the account was locked rather than the password wrong (``accounts/signals.py``)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        try:
            return super().authenticate(request, username, password, **kwargs)
        except AxesBackendPermissionDenied:
            request.fazhi_login_refused = "account"
            raise


class AccountBackend(ModelBackend):
    """Sign in with the account name, the mobile number or the e-mail address."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or not password:
            return None
        user = account_named(username)
        if user is None:
            get_user_model()().set_password(password)  # same cost whether or not the account exists
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
