from __future__ import annotations

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from fazhi.accounts import otp

# the pages an account may open before its second step (it must be able to leave, too)
SECOND_STEP_PAGES = ("accounts:otp_verify", "accounts:otp_setup", "accounts:logout")


class AccountPolicyMiddleware:
    """Staff sessions expire after the configured idle time; an account that must pass the
    second step (administrators always, others once enabled) reaches nothing but the code or
    enrolment page until it has; an account whose password was set by an administrator must
    change it before doing anything else. Runs after django-otp's OTPMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if not user.is_public_user:
                request.session.set_expiry(settings.STAFF_SESSION_IDLE_MINUTES * 60)
            static = request.path.startswith(settings.STATIC_URL)
            verified = getattr(user, "is_verified", lambda: False)()
            if not verified and not static and otp.needs_second_step(user):
                request.second_step_pending = True  # the shell shows no menu until it is passed
                allowed = {reverse(name) for name in SECOND_STEP_PAGES}
                if request.path not in allowed:
                    target = "accounts:otp_verify" if otp.device_of(user) else "accounts:otp_setup"
                    return redirect(target)
            elif user.must_change_password:
                allowed = {reverse("accounts:password_change"), reverse("accounts:logout")}
                if request.path not in allowed and not static:
                    return redirect("accounts:password_change")
        return self.get_response(request)
