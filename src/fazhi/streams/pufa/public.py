"""The public 普法 pages (issue 16), mounted at /gk/pufa/: the 普法责任清单 items units have
published (谁执法谁普法) and the 普法 activities marked public. No personal data of natural
persons is kept on either; the 法律明白人 roster is never shown here (only its count, through
the indicators). Read-only, no sign-in."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from fazhi.streams.pufa import services

app_name = "gk_pufa"

TABS = [("activities", "普法活动"), ("items", "普法责任清单")]
PAGE_SIZE = 20


@require_GET
def index(request):
    tab = request.GET.get("tab", "activities")
    if tab not in dict(TABS):
        tab = "activities"
    q = request.GET.get("q", "").strip()[:50]
    rows = services.published_items(q) if tab == "items" else services.public_activities(q)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "pufa/public/index.html", {
        "tabs": TABS, "tab": tab, "tab_label": dict(TABS)[tab], "page": page, "q": q, "query": query.urlencode(),
    })


urlpatterns = [path("", index, name="index")]
