"""The city's pages (issue 18): what its counties submitted — status, figures side by side with the
city total, each report's text — read by the 市委依法治市办 (``city.view``) from reports.Submission
only, never from a county's report or ledgers. The computations are in reports/submissions.py."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from fazhi.core import audit
from fazhi.core.excel import Column, xlsx_response
from fazhi.reports import submissions
from fazhi.reports.models import Submission


def _year(request) -> int:
    try:
        year = int(request.GET.get("year", ""))
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


@login_required
def city_status(request):
    year = _year(request)
    rows = submissions.status_rows(request.user, year)
    return render(request, "reports/city/status.html", {
        "year": year, "rows": rows, "due": submissions.due_date(year),
        "submitted": sum(1 for r in rows if r.latest is not None)})


@login_required
def city_figures(request):
    year = _year(request)
    counties, rows = submissions.side_by_side(request.user, year)
    table = [(row, [_cell(f) for f in row.by_county], _total(row)) for row in rows]
    if request.GET.get("format") == "xlsx":
        audit.record(action=audit.Action.EXPORT, actor=request.user, note=f"导出各区县报送数据对照 {year}年度")
        columns = [Column("指标代码", lambda t: t[0].key, 24), Column("指标", lambda t: t[0].label, 36),
                   *[Column(c.short_name or c.name, lambda t, i=i: t[1][i]) for i, c in enumerate(counties)],
                   Column("全市合计", lambda t: t[2], 20)]
        return xlsx_response(f"{year}年度各区县报送数据对照.xlsx", f"{year}年度数据对照", columns, table)
    return render(request, "reports/city/figures.html", {"year": year, "counties": counties, "table": table})


@login_required
def city_submission(request, pk: int):
    counties = submissions.city_counties(request.user)
    sub = get_object_or_404(Submission.objects.select_related("county"), pk=pk)
    if sub.county not in counties:
        raise Http404  # another city's county does not exist for you
    versions = Submission.objects.filter(county=sub.county, year=sub.year, kind=sub.kind).order_by("-version")
    return render(request, "reports/city/submission.html", {
        "sub": sub, "versions": versions,
        "figures": [(key, fig, _cell(fig)) for key, fig in sub.figures.items()]})
