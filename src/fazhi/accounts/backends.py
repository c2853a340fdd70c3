from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q


class AccountBackend(ModelBackend):
    """Sign in with the account name, the mobile number or the e-mail address."""

    def authenticate(self, request, username=None, password=None, **kwargs):  # noqa: ANN001, ANN003, ANN201
        if not username or not password:
            return None
        User = get_user_model()
        username = username.strip()
        match = Q(username=username) | Q(phone=username)
        if "@" in username:
            match |= Q(email__iexact=username)
        candidates = list(User.objects.filter(match)[:2])
        if len(candidates) != 1:
            User().set_password(password)  # same cost whether or not the account exists
            return None
        user = candidates[0]
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
