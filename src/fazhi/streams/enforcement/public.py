"""The public 行政执法公示 column (spec §21.7): 事前 — officers holding a valid certificate (name
and certificate number, spec §12.4), the licence-item list and the discretion benchmarks in
force; 事后 — published enforcement decisions, a natural person's name masked to surname + 某
and no ID number (spec §18.3), and withdrawn publications with their reason (行政处罚法 第四十八条).

Mounted at /gk/enforcement/ by the manifest's ``public_urls``; read-only, no sign-in."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET

from fazhi.core import privacy, registry
from fazhi.core.identifiers import credit_china_url
from fazhi.streams.enforcement.models import Benchmark, Decision, LicenceItem, Officer, valid_on

app_name = "gk_enforcement"

TABS = [("decisions", "执法决定（事后公开）"), ("officers", "执法人员（事前公开）"),
        ("licences", "行政许可事项清单"), ("benchmarks", "行政裁量权基准")]
PAGE_SIZE = 20


def party_shown(decision: Decision) -> str:
    """An organisation by name and credit code; a natural person by surname + 某 only."""
    if decision.is_natural_person:
        return privacy.mask_name(decision.party_person)
    name = decision.party_org or privacy.mask_name(decision.party_person)
    return f"{name}（{decision.party_credit_code}）" if decision.party_credit_code else name


def credit_link(decision: Decision) -> str:
    """The 信用中国 query of an organisation's credit code; none for a natural person."""
    if decision.is_natural_person or not decision.party_credit_code:
        return ""
    return credit_china_url(decision.party_credit_code)


def _in_force(model, today):
    return (model.objects.filter(state="published", published_on__lte=today).select_related("unit")
            .exclude(repealed_on__lte=today))


def _rows(tab: str, today, q: str):
    if tab == "officers":
        qs = Officer.objects.filter(valid_on(today)).exclude(state="revoked").select_related("unit")
        if q:
            qs = qs.filter(name__icontains=q) | qs.filter(certificate_no__icontains=q)
        return qs.order_by("unit__path", "certificate_no")
    if tab == "licences":
        qs = _in_force(LicenceItem, today)
        return (qs.filter(name__icontains=q) if q else qs).order_by("unit__path", "item_code")
    if tab == "benchmarks":
        qs = _in_force(Benchmark, today)
        return (qs.filter(violation__icontains=q) if q else qs).order_by("unit__path", "code")
    qs = Decision.objects.filter(state__in=("published", "withdrawn")).select_related("unit")
    if q:
        qs = qs.filter(doc_no__icontains=q) | qs.filter(party_org__icontains=q) | qs.filter(matter__icontains=q)
    return qs.order_by("-disclosed_on", "-id")


@require_GET
def column(request):
    tab = request.GET.get("tab", "decisions")
    if tab not in dict(TABS):
        tab = "decisions"
    q = request.GET.get("q", "").strip()[:50]
    page = Paginator(_rows(tab, timezone.localdate(), q), PAGE_SIZE).get_page(request.GET.get("page"))
    if tab == "decisions":
        page.object_list = [(d, party_shown(d), credit_link(d)) for d in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "enforcement/public/column.html", {
        "tabs": TABS, "tab": tab, "tab_label": dict(TABS)[tab], "page": page, "q": q, "query": query.urlencode(),
        "related": registry.sections_in("enforcement"),
    })


urlpatterns = [path("", column, name="column")]
