"""领导驾驶舱: how the county stands this year against its targets, and which units lag.

One screen for the district leader (his home page, ``IndicatorsConfig.role_homes``) and anyone
holding ``dashboard.view``:

- the headline figures: every registered figure that has a target (``engine.target_of``), with
  this year's value, the target, last year's value and a small trend over ``TREND_YEARS`` years
  (closed years read from the snapshots, as the dashboard does);
- each direct sub-unit against the same targets on the rates (a count's target is the
  county's), red/amber/green, each figure opening the existing drill-down of that unit's
  records; cached until the next audited change;
- overdue deadlines by unit, only of the open year and the last closed one (an overdue item of
  three years ago is the ledger's business, not the leader's);
- where the annual reports and the assessment stand (``core.registry.year_statuses``: the apps
  that own them say so; this module names no stream).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.cache import cache

from fazhi.core.config import setting
from fazhi.core.models import Deadline, Unit
from fazhi.core.registry import streams
from fazhi.indicators import freshness
from fazhi.indicators.engine import Figure, compute_all, target_of
from fazhi.indicators.grouped import compute_by_unit
from fazhi.indicators.registry import Period, Result, load_all, rounded

TREND_YEARS = 5
# A figure at or above this share (percent) of its target is amber ("接近目标"), below it red.
AMBER_PERCENT_DEFAULT = 90

RAG_LABELS = {"green": "达标", "amber": "接近目标", "red": "未达标", "none": "无数据"}


def rag(value: object, target: Decimal | None) -> str:
    """green (target met), amber (within the amber share of it), red, or none (no figure)."""
    if value is None or target is None:
        return "none"
    value = Decimal(value)
    if value >= target:
        return "green"
    amber = Decimal(str(setting("FAZHI_COCKPIT_AMBER_PERCENT", AMBER_PERCENT_DEFAULT)))
    return "amber" if value >= target * amber / 100 else "red"


def headline_keys() -> list[str]:
    """The figures with a target, in menu order of their streams."""
    registry = load_all()
    order = {m.key: i for i, m in enumerate(streams())}
    keys = [k for k, ind in registry.items() if target_of(ind) is not None]
    return sorted(keys, key=lambda k: (order.get(registry[k].stream, len(order)), k))


def sparkline(values: list[float | None], width: int = 100, height: int = 28) -> str:
    """SVG polyline points of ``values`` (None left out), scaled into width × height."""
    known = [(i, v) for i, v in enumerate(values) if v is not None]
    if not known:
        return ""
    low, high = min(v for _, v in known), max(v for _, v in known)
    span = (high - low) or 1
    step = width / max(len(values) - 1, 1)
    return " ".join(f"{i * step:.1f},{height - 2 - (v - low) / span * (height - 4):.1f}" for i, v in known)


def _float(value: object) -> float | None:
    return None if value is None else float(value)


@dataclass
class Headline:
    key: str
    figure: Figure
    last: Figure
    trend: list[tuple[int, float | None]]
    rag: str = "none"

    @property
    def points(self) -> str:
        return sparkline([v for _, v in self.trend])

    @property
    def change(self) -> str:
        """Against last year, in the figure's unit: "+2.5%", "-3件", "持平", "" when either is missing."""
        now, before = self.figure.result.value, self.last.result.value
        if now is None or before is None:
            return ""
        # the difference of the two figures as shown, so "91.8%" against "90.8%" reads "+1%"
        places = self.figure.indicator.precision
        diff = rounded(now, places) - rounded(before, places)
        if not diff:
            return "持平"
        text = self.figure.indicator.display(Result(value=abs(diff)))
        return ("+" if diff > 0 else "-") + text


def headlines(unit: Unit, year: int, keys: list[str]) -> list[Headline]:
    """This year's figures with last year's and a trend (closed years from the snapshots)."""
    years = list(range(year - TREND_YEARS + 1, year + 1))
    by_year = {y: compute_all(unit, Period.year(y), keys=keys) for y in years}
    rows = []
    for key in keys:
        fig = by_year[year][key]
        trend = [(y, _float(by_year[y][key].result.value)) for y in years]
        rows.append(Headline(key, fig, by_year[year - 1][key], trend, rag(fig.result.value, fig.target)))
    return rows


def comparable(heads: list[Headline]) -> list[str]:
    """The headline figures each unit is held to: rates (a count's target is the county's, not
    each unit's) that the unit as a whole has (a rate of nothing has no sub-unit either)."""
    return [h.key for h in heads if h.figure.indicator.unit == "%" and not h.figure.missing]


@dataclass
class UnitRow:
    unit: Unit
    cells: list[tuple[str, Figure, str]] = field(default_factory=list)  # (key, figure, rag) with a figure

    def count(self, colour: str) -> int:
        return sum(1 for _k, _f, c in self.cells if c == colour)

    @property
    def count_red(self) -> int:
        return self.count("red")

    @property
    def count_amber(self) -> int:
        return self.count("amber")

    @property
    def count_green(self) -> int:
        return self.count("green")

    @property
    def lagging(self) -> bool:
        return self.count("red") > 0

    @property
    def order(self) -> tuple:
        return (-self.count("red"), -self.count("amber"), self.unit.sort_order, self.unit.code)


def unit_rows(unit: Unit, period: Period, keys: list[str]) -> tuple[list[UnitRow], list[Unit]]:
    """Each direct sub-unit's figures of ``keys``, lagging units first; and the units without
    any of them."""
    registry = load_all()
    children = list(Unit.objects.filter(parent=unit).exclude(kind=Unit.Kind.EXTERNAL)
                    .order_by("kind", "sort_order", "code"))
    rows = {child.pk: UnitRow(child) for child in children}
    for (child_pk, key), (value, numerator, denominator) in _unit_figures(unit, children, period, keys).items():
        fig = Figure(registry[key], Result(value, numerator, denominator))
        rows[child_pk].cells.append((key, fig, rag(value, fig.target)))
    with_data = sorted((r for r in rows.values() if r.cells), key=lambda r: r.order)
    return with_data, [r.unit for r in rows.values() if not r.cells]


def _unit_figures(unit: Unit, children: list[Unit], period: Period, keys: list[str]) -> dict[tuple[int, str], tuple]:
    """{(unit pk, key): (value, numerator, denominator)} of every figure that has a value.

    All sub-units' figures at once (``grouped.compute_by_unit``: one query per table, grouped by
    unit, over ``unit``'s subtree). The answer is cached until the next audited change or the
    next day, like the dashboard's figures (``freshness.stamp``: one mechanism for both)."""
    use_cache = freshness.usable()
    if use_cache:
        digest = hashlib.sha256(",".join([unit.path, *map(str, (c.pk for c in children)), *keys]).encode())
        cache_key = f"fazhi:cockpit:{freshness.stamp()}:{period.start}:{period.end}:{digest.hexdigest()[:16]}"
        found = cache.get(cache_key)
        if found is not None:
            return found
    figures = compute_by_unit(children, period, keys, within=unit).figures
    found = {(child.pk, key): (f.result.value, f.result.numerator, f.result.denominator)
             for child in children for key, f in figures[child.pk].items() if f.result.value is not None}
    if use_cache:
        cache.set(cache_key, found, timeout=freshness.SECONDS)
    return found


def overdue_by_unit(unit: Unit, today: date) -> tuple[list[int], list[dict]]:
    """Open deadlines past due, of the last closed year and the open year only, counted per
    direct sub-unit of ``unit`` (a deadline of ``unit`` itself counts under it)."""
    years = [today.year - 1, today.year]
    children = {u.path: u for u in Unit.objects.filter(parent=unit)}
    overdue = (Deadline.objects.filter(unit__path__startswith=unit.path, met_on__isnull=True, due__lt=today,
                                       due__gte=date(years[0], 1, 1))
               .values_list("unit__path", "due"))
    counts: dict[int, dict] = {}
    for path, due in overdue:
        owner = next((u for p, u in children.items() if path.startswith(p)), unit)
        row = counts.setdefault(owner.pk, {"unit": owner, **{y: 0 for y in years}, "total": 0})
        row[due.year] += 1
        row["total"] += 1
    rows = sorted(counts.values(), key=lambda r: (-r["total"], r["unit"].sort_order, r["unit"].code))
    return years, [{**r, "counts": [r[y] for y in years]} for r in rows]
