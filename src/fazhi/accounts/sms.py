"""Text messages (短信) to staff phones: an interface, no gateway.

``FAZHI_SMS_BACKEND`` names a class by dotted path (empty: no text messages are sent). A deployment
writes its own backend for its operator's gateway (a subclass of ``BaseSmsBackend`` whose ``send``
raises on failure); two are shipped: ``ConsoleSmsBackend`` (prints, for the demo) and
``LocmemSmsBackend`` (keeps the messages in ``outbox``, for tests).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class SmsMessage:
    to: str  # the phone number
    text: str


class BaseSmsBackend:
    def send(self, message: SmsMessage) -> None:  # raises when the gateway refuses or is unreachable
        raise NotImplementedError


class ConsoleSmsBackend(BaseSmsBackend):
    def send(self, message: SmsMessage) -> None:
        sys.stdout.write(f"[短信] {message.to}: {message.text}\n")


outbox: list[SmsMessage] = []


class LocmemSmsBackend(BaseSmsBackend):
    def send(self, message: SmsMessage) -> None:
        outbox.append(message)


def backend() -> BaseSmsBackend | None:
    """The configured backend, or None when FAZHI_SMS_BACKEND is empty (no text messages)."""
    path = getattr(settings, "FAZHI_SMS_BACKEND", "") or ""
    return import_string(path)() if path else None
