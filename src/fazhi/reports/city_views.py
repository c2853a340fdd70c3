"""The city's pages (issue 18): what its counties submitted — status, figures side by side with the
city total, each report's text — read by the 市委依法治市办 (``city.view``) from reports.Submission
only, never from a county's report or ledgers. The province's pages are the same pages one level up
(``province.view``: its cities' consolidated submissions, the province total). The city sends its own
consolidation up with 报送省级 (``city.submit``). The computations are in reports/submissions.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core import audit, scope
from fazhi.core.excel import Column, xlsx_response
from fazhi.reports import submissions
from fazhi.reports.models import Submission

CITY, PROVINCE = submissions.CITY, submissions.PROVINCE


def _year(request) -> int:
    try:
        year = int(request.GET.get("year", "") or request.POST.get("year", ""))
    except ValueError:
        year = 0
    return year if 2000 <= year <= 2100 else timezone.localdate().year - 1


def _cell(figure: dict | None) -> str:
    if figure is None:
        return "—"
    shown = figure.get("display") or ("—" if figure.get("value") is None else str(figure["value"]))
    if figure.get("denominator") is not None:
        shown += f"（{figure.get('numerator')}/{figure.get('denominator')}）"
    return shown


def _total(row: submissions.FigureRow) -> str:
    if row.total is None:
        return row.note or "—"
    if row.total.denominator is not None:
        return f"{row.total_display}（{row.total.numerator}/{row.total.denominator}）"
    return row.total_display


def _urls(level: submissions.Level) -> dict:
    return {name: f"reports:{level.key}_{name}" for name in ("status", "figures", "submission")}


def _status(request, level: submissions.Level):
    year = _year(request)
    rows = submissions.status_rows(request.user, year, level)
    context = {"year": year, "rows": rows, "due": submissions.level_due(level, year), "level": level,
               "urls": _urls(level), "submitted": sum(1 for r in rows if r.latest is not None)}
    if level is CITY:  # the city's own reports up to the province, where it has one
        context["upward"] = [(city, submissions.city_history(city, year), scope.can(request.user, "city.submit", city))
                             for city in submissions.reading_units(request.user, CITY)
                             if submissions.superior_of(city) is not None]
    return render(request, "reports/city/status.html", context)


def _figures(request, level: submissions.Level):
    year = _year(request)
    counties, rows = submissions.side_by_side(request.user, year, level)
    table = [(row, [_cell(f) for f in row.by_county], _total(row)) for row in rows]
    if request.GET.get("format") == "xlsx":
        audit.record(action=audit.Action.EXPORT, actor=request.user,
                     note=f"导出各{level.members}报送数据对照 {year}年度")
        columns = [Column("指标代码", lambda t: t[0].key, 24), Column("指标", lambda t: t[0].label, 36),
                   *[Column(c.short_name or c.name, lambda t, i=i: t[1][i]) for i, c in enumerate(counties)],
                   Column(level.total_label, lambda t: t[2], 20)]
        return xlsx_response(f"{year}年度各{level.members}报送数据对照.xlsx", f"{year}年度数据对照", columns, table)
    return render(request, "reports/city/figures.html", {"year": year, "counties": counties, "table": table,
                                                         "level": level, "urls": _urls(level)})


def _submission(request, pk: int, level: submissions.Level):
    counties = submissions.city_counties(request.user, level)
    sub = get_object_or_404(Submission.objects.select_related("county"), pk=pk)
    if sub.county not in counties:
        raise Http404  # another city's county (another province's city) does not exist for you
    versions = Submission.objects.filter(county=sub.county, year=sub.year, kind=sub.kind).order_by("-version")
    return render(request, "reports/city/submission.html", {
        "sub": sub, "versions": versions, "level": level, "urls": _urls(level),
        "figures": [(key, fig, _cell(fig)) for key, fig in sub.figures.items()]})


@login_required
def city_status(request):
    return _status(request, CITY)


@login_required
def city_figures(request):
    return _figures(request, CITY)


@login_required
def city_submission(request, pk: int):
    return _submission(request, pk, CITY)


@login_required
def province_status(request):
    return _status(request, PROVINCE)


@login_required
def province_figures(request):
    return _figures(request, PROVINCE)


@login_required
def province_submission(request, pk: int):
    return _submission(request, pk, PROVINCE)


@login_required
@require_POST
def city_submit_province(request):
    """报送省级: the city's consolidated figures of the year (submissions.submit_city)."""
    year = _year(request)
    cities = [c for c in submissions.reading_units(request.user, CITY) if scope.can(request.user, "city.submit", c)]
    if not cities:
        raise PermissionDenied(scope.DENIED_MESSAGE)
    try:
        sub = submissions.submit_city(cities[0], year, by=request.user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, f"已报送省级（第{sub.version}版），回执编号 {sub.receipt_no}")
    return redirect(f"{reverse('reports:city_status')}?year={year}")
