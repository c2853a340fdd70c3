"""Figures of a unit and year, and the drill-down from any figure to the records behind it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from fazhi.core import audit, scope
from fazhi.core.excel import Column, xlsx_response
from fazhi.core.models import Unit
from fazhi.core.units import counties
from fazhi.indicators.engine import compute_all, compute_figure
from fazhi.indicators.registry import Period, load_all


def _selection(request) -> tuple[Unit, int]:  # noqa: ANN001
    readable = scope.units_for(request.user, "records.read")
    code = request.GET.get("unit")
    unit = readable.filter(code=code).first() if code else None
    if unit is None:
        county = counties().order_by("pk").first()
        unit = county if county and scope.can(request.user, "records.read", county) else readable.order_by("path").first()
    if unit is None:
        raise PermissionDenied(scope.DENIED_MESSAGE)
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    return unit, max(2000, min(year, 2100))


@login_required
def figures(request):  # noqa: ANN001, ANN201
    scope.require(request.user, "records.read")
    unit, year = _selection(request)
    rows = list(compute_all(unit, Period.year(year)).items())
    return render(request, "indicators/figures.html", {
        "unit": unit, "year": year, "rows": rows, "years": range(timezone.localdate().year, 2019, -1),
        "units": scope.units_for(request.user, "records.read").order_by("path")[:500],
    })


RECORD_COLUMNS = [
    Column("记录", lambda r: str(r), 40),
    Column("承办单位", lambda r: r.unit.name, 30),
    Column("年度", lambda r: r.year, 8),
    Column("状态", lambda r: getattr(r, "state_label", ""), 12),
]


@login_required
def drilldown(request, key: str):  # noqa: ANN001, ANN201
    scope.require(request.user, "records.read")
    if key not in load_all():
        raise Http404
    unit, year = _selection(request)
    figure = compute_figure(key, unit, Period.year(year))
    records = figure.result.records
    if records is None:
        records_qs = None
    else:
        records_qs = scope.filter_records(records.select_related("unit"), request.user).order_by("pk")
    if request.GET.get("format") == "xlsx" and records_qs is not None:
        scope.require(request.user, "records.export")
        audit.record(action=audit.Action.EXPORT, actor=request.user, note=f"导出指标明细 {key} {unit.code} {year}")
        return xlsx_response(f"{figure.indicator.label}-{year}.xlsx", figure.indicator.label[:31], RECORD_COLUMNS,
                             records_qs.iterator())
    page = Paginator(records_qs, 50).get_page(request.GET.get("page")) if records_qs is not None else None
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "indicators/drilldown.html", {
        "figure": figure, "key": key, "unit": unit, "year": year, "page": page, "query": query.urlencode()})
