"""Figures of a unit and period, the drill-down from any figure to the records behind it,
and the dashboard for leaders and the coordinator."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from fazhi.core import audit, scope
from fazhi.core.calendar import add_working_days
from fazhi.core.excel import Column, xlsx_response
from fazhi.core.models import Deadline, Unit
from fazhi.core.registry import year_statuses
from fazhi.core.units import counties, unit_levels
from fazhi.indicators import cockpit as board
from fazhi.indicators import engine, freshness
from fazhi.indicators.engine import by_stream, compute_all, compute_figure
from fazhi.indicators.registry import Period, load_all


def _unit(request, capability: str = "records.read") -> Unit:
    readable = scope.units_for(request.user, capability)
    code = request.GET.get("unit")
    unit = readable.filter(code=code).first() if code else None
    if unit is None:
        county = counties().order_by("pk").first()
        unit = county if county and scope.can(request.user, capability, county) else readable.order_by("path").first()
    if unit is None:
        raise PermissionDenied(scope.DENIED_MESSAGE)
    return unit


def _int(value: str | None, default: int | None, low: int, high: int) -> int | None:
    try:
        return max(low, min(int(value), high)) if value else default
    except ValueError:
        return default


def _period(request) -> tuple[int, Period]:
    """?year=2023 [&quarter=2 | &month=5 | &start=2023-03-01&end=2023-04-15]"""
    year = _int(request.GET.get("year"), timezone.localdate().year, 2000, 2100)
    try:
        if request.GET.get("start") and request.GET.get("end"):
            return year, Period.range(date.fromisoformat(request.GET["start"]), date.fromisoformat(request.GET["end"]))
    except ValueError:
        pass
    month = _int(request.GET.get("month"), None, 1, 12)
    if month:
        return year, Period.month(year, month)
    quarter = _int(request.GET.get("quarter"), None, 1, 4)
    if quarter:
        return year, Period.quarter(year, quarter)
    return year, Period.year(year)


def _selection(request) -> tuple[Unit, int]:
    return _unit(request), _period(request)[0]


def _with_sub_units(request) -> bool:
    return request.GET.get("sub") != "0"


def drilldown_url(key: str, unit: Unit, year: int, **extra: object) -> str:
    query = "&".join(f"{k}={v}" for k, v in {"unit": unit.code, "year": year, **extra}.items())
    return f"{reverse('indicators:drilldown', args=[key])}?{query}"


@login_required
def figures(request):
    scope.require(request.user, "records.read")
    unit = _unit(request)
    year, period = _period(request)
    sub = _with_sub_units(request)
    rows = list(compute_all(unit, period, include_sub_units=sub).items())
    if request.GET.get("format") == "xlsx":
        scope.require(request.user, "records.export")
        audit.record(action=audit.Action.EXPORT, actor=request.user, note=f"导出指标 {unit.code} {period.label}")
        return xlsx_response(f"指标-{unit.short_name or unit.name}-{period.label}.xlsx", "指标", FIGURE_COLUMNS,
                             (fig for _key, fig in rows))
    query = request.GET.copy()
    query.pop("format", None)
    return render(request, "indicators/figures.html", {
        "unit": unit, "year": year, "period": period, "rows": rows, "sub": sub, "query": query.urlencode(),
        "years": range(timezone.localdate().year, 2019, -1), "quarters": range(1, 5), "months": range(1, 13),
        "quarter": request.GET.get("quarter", ""), "month": request.GET.get("month", ""),
        "units": unit_levels(scope.units_for(request.user, "records.read"), unit),
    })


# The figures as a sheet: the displayed text and the number it shows (both by the one display rule).
FIGURE_COLUMNS = [
    Column("指标", lambda f: f.indicator.label, 40),
    Column("数值", lambda f: f.number, 12),
    Column("单位", lambda f: f.indicator.unit, 8),
    Column("显示", lambda f: f.display, 14),
    Column("分子", lambda f: f.result.numerator, 10),
    Column("分母", lambda f: f.result.denominator, 10),
]

RECORD_COLUMNS = [
    Column("记录", lambda r: str(r), 40),
    Column("承办单位", lambda r: r.unit.name, 30),
    Column("年度", lambda r: r.year, 8),
    Column("状态", lambda r: getattr(r, "state_label", ""), 12),
]


def _counted_column(counted: set) -> Column:
    return Column("计入分子", lambda r: "是" if r.pk in counted else "否", 10)


@login_required
def drilldown(request, key: str):
    scope.require(request.user, "records.read")
    if key not in load_all():
        raise Http404
    unit = _unit(request)
    year, period = _period(request)
    sub = _with_sub_units(request)
    figure = compute_figure(key, unit, period, include_sub_units=sub)
    records = figure.result.records
    records_qs = None
    counted: set | None = None
    if records is not None:
        records_qs = scope.filter_records(records.select_related("unit"), request.user).order_by("pk")
        num = engine.numerator_records(figure, unit, period) if sub else figure.result.numerator_records
        if num is not None:
            counted = set(num.values_list("pk", flat=True))
    if request.GET.get("format") == "xlsx" and records_qs is not None:
        scope.require(request.user, "records.export")
        audit.record(action=audit.Action.EXPORT, actor=request.user, note=f"导出指标明细 {key} {unit.code} {period.label}")
        columns = RECORD_COLUMNS + ([_counted_column(counted)] if counted is not None else [])
        return xlsx_response(f"{figure.indicator.label}-{year}.xlsx", figure.indicator.label[:31], columns,
                             records_qs.iterator())
    parts = _composite_parts(request, figure, unit, year, period, sub)
    if request.GET.get("format") == "xlsx" and parts:
        scope.require(request.user, "records.export")
        audit.record(action=audit.Action.EXPORT, actor=request.user, note=f"导出指标明细 {key} {unit.code} {period.label}")
        rows = ((part, r) for part in parts if part["all"] is not None for r in part["all"].iterator())
        columns = [Column("组成部分", lambda row: row[0]["label"], 30),
                   *[Column(c.label, lambda row, c=c: c.value(row[1]), c.width) for c in RECORD_COLUMNS]]
        return xlsx_response(f"{figure.indicator.label}-{year}.xlsx", figure.indicator.label[:31], columns, rows)
    only = request.GET.get("only")
    if records_qs is not None and counted is not None and only in ("in", "out"):
        records_qs = records_qs.filter(pk__in=counted) if only == "in" else records_qs.exclude(pk__in=counted)
    page = Paginator(records_qs, 50).get_page(request.GET.get("page")) if records_qs is not None else None
    query = request.GET.copy()
    query.pop("page", None)
    base = request.GET.copy()
    for name in ("page", "only", "format"):
        base.pop(name, None)
    return render(request, "indicators/drilldown.html", {
        "figure": figure, "key": key, "unit": unit, "year": year, "period": period, "page": page, "sub": sub,
        "query": query.urlencode(), "base": base.urlencode(), "counted": counted, "only": only,
        # the placeholder a report writer types to cite this figure; nobody else needs the key
        "placeholder": "{{ " + key + " }}" if scope.has_capability(request.user, "reports.manage") else "",
        "not_counted": (figure.result.denominator or 0) - (figure.result.numerator or 0)
        if counted is not None else None, "parts": parts})


PART_ROWS = 20  # records shown per part on a composite's page; the part's own drill-down lists all


def _composite_parts(request, figure, unit: Unit, year: int, period: Period, sub: bool) -> list[dict]:
    """A composite's parts as its page lists them: each part's figure, a link to the part's own
    drill-down and the first of its records (those the user may read)."""
    if not figure.indicator.is_composite:
        return []
    registry = load_all()
    extra = {k: v for k, v in request.GET.items() if k in ("quarter", "month", "start", "end", "sub")}
    parts = []
    for key, sign in figure.indicator.parts:
        part = compute_figure(key, unit, period, include_sub_units=sub)
        records = part.result.records
        readable = (scope.filter_records(records.select_related("unit"), request.user).order_by("pk")
                    if records is not None else None)
        parts.append({"key": key, "label": registry[key].label, "sign": sign, "figure": part,
                      "url": drilldown_url(key, unit, year, **extra),
                      "records": list(readable[:PART_ROWS]) if readable is not None else [],
                      "all": readable})
    return parts


# ---------------------------------------------------------------- dashboard

TREND_YEARS = 5


def _due_counts(units, today: date) -> dict:
    soon = add_working_days(today, 3)
    open_ = Deadline.objects.filter(unit__in=units, met_on__isnull=True)
    rows: dict[int, dict] = {}
    for unit_id, due in open_.values_list("unit_id", "due"):
        row = rows.setdefault(unit_id, {"overdue": 0, "due_soon": 0, "open": 0})
        row["open"] += 1
        if due < today:
            row["overdue"] += 1
        elif due <= soon:
            row["due_soon"] += 1
    names = dict(Unit.objects.filter(pk__in=rows).values_list("pk", "name"))
    table = sorted(({"unit": names.get(pk, ""), **r} for pk, r in rows.items()),
                   key=lambda r: (-r["overdue"], -r["due_soon"], r["unit"]))
    return {"overdue": sum(r["overdue"] for r in table), "due_soon": sum(r["due_soon"] for r in table),
            "open": sum(r["open"] for r in table), "rows": table}


@login_required
def dashboard(request):
    scope.require(request.user, "dashboard.view")
    unit = _unit(request, "dashboard.view")
    year, _ = _period(request)
    period = Period.year(year)
    figures = compute_all(unit, period)
    registry = load_all()
    trend_key = request.GET.get("trend") if request.GET.get("trend") in registry else None
    if trend_key is None:
        trend_key = next((k for k in ("mediation.cases", "study.topic_sessions") if k in registry),
                         next(iter(sorted(registry)), None))
    today = timezone.localdate()
    chart: dict = {"trend": None}
    if trend_key:
        # the charts, like the figures, are cached until the next audited change (freshness)
        chart = freshness.remember("dashboard-chart", (unit.pk, unit.path, year, trend_key, today),
                                   lambda: _chart(registry[trend_key], unit, year, period, today))
    groups = by_stream(figures)
    flagged = [(k, f) for k, f in figures.items() if f.below_target or (f.missing and f.target is not None)]
    missing = [(k, f) for k, f in figures.items() if f.missing]
    return render(request, "indicators/dashboard.html", {
        "unit": unit, "year": year, "groups": groups, "chart": chart, "trend_key": trend_key,
        "indicators": sorted(registry.items()), "flagged": flagged, "missing": missing,
        "due": freshness.remember("dashboard-due", (unit.pk, unit.path, today),
                                  lambda: _due_counts(unit.descendants(), today)), "today": today,
        "years": range(today.year, 2019, -1),
        "units": unit_levels(scope.units_for(request.user, "dashboard.view").exclude(kind=Unit.Kind.EXTERNAL), unit),
    })


def _chart(ind, unit: Unit, year: int, period: Period, today: date) -> dict:
    """The dashboard's charts of one figure: five years, this year's months, the sub-units."""
    years = list(range(year - TREND_YEARS + 1, year + 1))
    ytrend = engine.year_trend(ind.key, unit, years)
    mtrend = engine.month_trend(ind.key, unit, year, until=today)
    comparison = engine.unit_comparison(ind.key, unit, period)
    return {
        "trend": {"key": ind.key, "label": ind.label, "unit": ind.unit},
        "years": [str(y) for y in years], "yearValues": [_num(f) for _, f in ytrend],
        "months": [f"{m}月" for m, _ in mtrend], "monthValues": [_num(f) for _, f in mtrend],
        "units": [u.short_name or u.name for u, _ in comparison],
        "unitValues": [_num(f) for _, f in comparison],
        "unitLinks": [drilldown_url(ind.key, u, year) for u, _ in comparison],
    }


def _num(figure) -> float | None:
    value = figure.result.value
    return None if value is None else float(value)


# ---------------------------------------------------------------- cockpit

@login_required
def cockpit(request):
    """领导驾驶舱 (indicators/cockpit.py): the district leader's home page, and /cockpit/."""
    scope.require(request.user, "dashboard.view")
    unit = _unit(request, "dashboard.view")
    year = _period(request)[0]
    today = timezone.localdate()
    keys = board.headline_keys()
    heads = board.headlines(unit, year, keys)
    rows, without = board.unit_rows(unit, Period.year(year), board.comparable(heads))
    overdue_years, overdue = board.overdue_by_unit(unit, today)
    return render(request, "indicators/cockpit.html", {
        "unit": unit, "year": year, "today": today, "headlines": heads, "rag_labels": board.RAG_LABELS,
        "tally": {c: sum(1 for h in heads if h.rag == c) for c in board.RAG_LABELS},
        "unit_rows": rows, "without_data": without, "lagging": [r for r in rows if r.lagging],
        "overdue_years": overdue_years, "overdue": overdue,
        "overdue_total": [sum(r["counts"][i] for r in overdue) for i in range(len(overdue_years))],
        "statuses": year_statuses(unit, [year - 1, year]),
        "years": range(today.year, 2019, -1),
        "units": unit_levels(scope.units_for(request.user, "dashboard.view").exclude(kind=Unit.Kind.EXTERNAL), unit),
    })
