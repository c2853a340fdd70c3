from __future__ import annotations

import logging

from django.conf import settings
from django.db import DatabaseError
from django.utils.cache import add_never_cache_headers

from fazhi.core import audit, context

logger = logging.getLogger(__name__)


def client_address(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


class RequestContextMiddleware:
    """Makes the client address available to services (audit events) for this request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = context.set_current(context.RequestInfo(address=client_address(request), path=request.path))
        try:
            return self.get_response(request)
        finally:
            context.reset(token)


class RefusalAuditMiddleware:
    """Refused requests (403; 404 on a record's page; 429) leave an ``access.denied`` audit
    event, capped per account or address and minute (``audit.record_refusal``). Sits inside
    ``RequestContextMiddleware`` so the event carries the client address."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code in audit.REFUSALS:
            try:
                audit.record_refusal(request, response.status_code)
            except DatabaseError:  # the refusal stands even when its audit row cannot be written
                logger.exception("拒绝访问的审计记录写入失败：%s", request.path)
        return response


class NoStoreMiddleware:
    """``Cache-Control: no-store`` (Django's ``add_never_cache_headers``) on every response to
    a signed-in account — staff pages, a citizen's own pages, API calls with a token or session —
    and on every download (Excel exports, reports): neither the browser nor a proxy keeps a copy
    of personal data. Anonymous public pages (/gk/, the public API) and static files stay cacheable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if needs_no_store(request, response):
            add_never_cache_headers(response)
        return response


def needs_no_store(request, response) -> bool:
    if request.path.startswith(settings.STATIC_URL):
        return False
    user = getattr(request, "user", None)  # an API token sets the token's account here
    if user is not None and user.is_authenticated:
        return True
    return response.get("Content-Disposition", "").startswith("attachment")
