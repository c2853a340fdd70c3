from __future__ import annotations

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse


class AccountPolicyMiddleware:
    """Staff sessions expire after the configured idle time; an account whose password was
    set by an administrator must change it before doing anything else."""

    def __init__(self, get_response):  # noqa: ANN001
        self.get_response = get_response

    def __call__(self, request):  # noqa: ANN001
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if not user.is_public_user:
                request.session.set_expiry(settings.STAFF_SESSION_IDLE_MINUTES * 60)
            if user.must_change_password:
                allowed = {reverse("accounts:password_change"), reverse("accounts:logout")}
                if request.path not in allowed and not request.path.startswith(settings.STATIC_URL):
                    return redirect("accounts:password_change")
        return self.get_response(request)
