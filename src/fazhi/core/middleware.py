from __future__ import annotations

from fazhi.core import context


def client_address(request) -> str | None:  # noqa: ANN001
    return request.META.get("REMOTE_ADDR") or None


class RequestContextMiddleware:
    """Makes the client address available to services (audit events) for this request."""

    def __init__(self, get_response):  # noqa: ANN001
        self.get_response = get_response

    def __call__(self, request):  # noqa: ANN001
        token = context.set_current(context.RequestInfo(address=client_address(request), path=request.path))
        try:
            return self.get_response(request)
        finally:
            context.reset(token)
