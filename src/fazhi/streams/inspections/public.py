"""The public side of 双随机、一公开 (/gk/inspections/): published inspection results with the
inspectors' names masked and each entity's 信用中国 link, and the draws with their commitments
and the public JSON anyone can check with ``fazhi verify-draw``."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.urls import path

from fazhi.streams.inspections import services
from fazhi.streams.inspections.models import Draw, InspectionResult

app_name = "gk_inspections"


def results(request):
    qs = InspectionResult.objects.all()
    q = request.GET.get("q", "").strip()[:100]
    if q:
        qs = qs.filter(Q(entity_name__icontains=q) | Q(credit_code__iexact=q))
    year = request.GET.get("year", "")
    if year.isdigit():
        qs = qs.filter(inspected_on__year=int(year))
    page = Paginator(services.published_results(qs), 20).get_page(request.GET.get("page"))
    page.object_list = [services.public_row(r) for r in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "inspections/public/results.html", {"page": page, "q": q, "year": year,
                                                               "query": query.urlencode()})


def draws(request):
    qs = Draw.objects.filter(executed_at__isnull=False).select_related("task").order_by("-executed_at", "-id")
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    return render(request, "inspections/public/draws.html", {"page": page})


urlpatterns = [
    path("", results, name="results"),
    path("draws/", draws, name="draws"),
]
