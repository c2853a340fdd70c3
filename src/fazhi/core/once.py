"""Public forms that act once: a double click or a re-sent form shows the first receipt.

A form that mixes in ``OnceForm`` carries a hidden random token. The view claims the token
before it writes (``claim``): the first request gets ``None`` and goes on; a later request with
the same token gets the address of the first result (or ``PENDING`` while the first is still
being written) and writes nothing. ``remember`` stores that address once the write succeeded;
``release`` frees the token when the write was refused, so the corrected form can be sent.

Tokens are claimed with ``cache.add`` (atomic per key on the cache backends we use), keyed by
the account or the session and a hash of the token, and forgotten after ``TTL`` seconds.
"""

from __future__ import annotations

import hashlib
import secrets

from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.shortcuts import redirect

TOKEN_FIELD = "submission_token"
TTL = 6 * 3600
PENDING = "pending"
DUPLICATE_MESSAGE = "该表单已经提交过，以下是第一次提交的结果，请勿重复提交。"


def _new_token() -> str:
    return secrets.token_urlsafe(18)


class OnceForm(forms.Form):
    """Adds the hidden one-time token to a form."""

    submission_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64,
                                       initial=_new_token)

    def clean(self) -> dict:
        data = super().clean()
        data.pop(TOKEN_FIELD, None)  # the services never see it
        return data


def _key(request, form: forms.Form) -> str | None:
    token = (form.data.get(TOKEN_FIELD) or "").strip()[:64]
    if not token:
        return None  # a client that sends no token (an old page, a script) is not deduplicated
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        who = f"user:{user.pk}"
    else:
        if request.session.session_key is None:
            request.session.save()
        who = f"session:{request.session.session_key}"
    return "once:" + hashlib.sha256(f"{who}|{token}".encode()).hexdigest()[:40]


def claim(request, form: forms.Form) -> str | None:
    """None for the first submission of this form; else the first result's address or PENDING."""
    key = _key(request, form)
    if key is None or cache.add(key, PENDING, timeout=TTL):
        return None
    return cache.get(key) or PENDING


def remember(request, form: forms.Form, url: str) -> None:
    """The first submission succeeded: later ones with the same token go to ``url``."""
    key = _key(request, form)
    if key is not None:
        cache.set(key, url, timeout=TTL)


def release(request, form: forms.Form) -> None:
    """The submission was refused (bad input, rate limit): the same form may be sent again."""
    key = _key(request, form)
    if key is not None:
        cache.delete(key)


def answer_duplicate(request, earlier: str, fallback: str):
    """The response to a repeated submission: the first result (or ``fallback`` while the first
    is still being written), with a message saying nothing was filed twice."""

    messages.info(request, DUPLICATE_MESSAGE)
    return redirect(fallback if earlier == PENDING else earlier)
