"""The current request's actor and address, for services that write audit events."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestInfo:
    address: str | None = None
    path: str = ""


_current: ContextVar[RequestInfo] = ContextVar("fazhi_request", default=RequestInfo())  # noqa: B039 (frozen)


def current() -> RequestInfo:
    return _current.get()


def set_current(info: RequestInfo):
    return _current.set(info)


def reset(token) -> None:
    _current.reset(token)
