"""The installable web app (issue 19): the web app manifest and the service worker, both served
from the site root so that the worker's scope is the whole site.

The worker (templates/core/sw.js) keeps two things for offline use and nothing else: our static
files, and the quick-entry pages (core/quick.py ENTRIES) the user opened while online. Every
other request goes to the network untouched; no record page, list or export is ever cached.
Drafts themselves live in the page's storage (static/fazhi/quick.js), keyed by the account, and
both the drafts and the cached pages are cleared when the user signs out (static/fazhi/app.js).
"""

from __future__ import annotations

import hashlib

from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse

from fazhi.core import quick
from fazhi.core.context_processors import PLATFORM_NAME

PRECACHE = (
    "vendor/bootstrap/bootstrap.min.css", "vendor/bootstrap-icons/bootstrap-icons.min.css",
    "vendor/bootstrap-icons/fonts/bootstrap-icons.woff", "fazhi/app.css",
    "vendor/bootstrap/bootstrap.bundle.min.js", "vendor/htmx/htmx.min.js", "fazhi/app.js", "fazhi/quick.js",
)


def webmanifest(request):
    body = {
        "name": PLATFORM_NAME,
        "short_name": "法治政府",
        "lang": "zh-CN",
        "start_url": reverse("core:home"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#9e1b1b",
        "icons": [{"src": static(f"fazhi/icons/icon-{n}.png"), "sizes": f"{n}x{n}", "type": "image/png",
                   "purpose": "any"} for n in (192, 512)],
    }
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    return response


def service_worker(request):
    static_urls = [static(p) for p in PRECACHE]
    quick_urls = sorted({entry.url for entry in quick.ENTRIES})
    version = hashlib.sha256("\n".join(static_urls + quick_urls).encode()).hexdigest()[:12]
    body = render_to_string("core/sw.js", {"static_urls": static_urls, "quick_urls": quick_urls,
                                           "version": version})
    response = HttpResponse(body, content_type="application/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response
