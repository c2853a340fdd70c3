"""Computing registered indicators for a unit (with or without its sub-units) and a period.

The engine only knows the registry: whatever the installed streams register is computed.
Periods are any closed range of days (``Period.year/quarter/month/range``); trends and unit
comparisons are the same computation repeated over periods or units.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone

from fazhi.core.config import setting
from fazhi.core.models import Unit
from fazhi.core.registry import streams
from fazhi.indicators import freshness
from fazhi.indicators.registry import Indicator, Period, Result, display, load_all, settle_all

# Targets (spec §19 "Target" column); a deployment overrides them with FAZHI_INDICATOR_TARGETS.
DEFAULT_TARGETS: dict[str, int] = {
    "normative.filing_rate": 100,
    "normative.timely_filing_rate": 100,
    "normative.conformity_rate": 100,
    "disclosure.reply_rate": 100,
    "litigation.head_appearance_rate": 100,
    "legal_services.advisor_coverage_rate": 100,
    "decisions.legality_review_rate": 100,
    "services.negative_rectification_rate": 100,
    "inspections.timely_publication_rate": 100,
    "enforcement.timely_disclosure_rate": 100,
}


@dataclass
class Figure:
    indicator: Indicator
    result: Result
    from_snapshot: bool = False  # read from closed-year snapshots: no records attached (drill down recomputes)
    # 暂定: a closed year's figure that may still change with today's date (Indicator.settles_after),
    # read from a provisional snapshot or computed before it settled
    provisional: bool = False
    # read from the cache (compute_all): whether the computed figure had records to open
    opens: bool | None = None

    @property
    def drillable(self) -> bool:
        """Whether the figure opens to its records (the drill-down recomputes it)."""
        if self.opens is not None:
            return self.opens
        return self.result.records is not None or self.from_snapshot

    @property
    def display(self) -> str:
        return self.indicator.display(self.result)

    @property
    def target(self) -> Decimal | None:
        return target_of(self.indicator)

    @property
    def missing(self) -> bool:
        """No figure at all (nothing recorded, or a rate of nothing)."""
        return self.result.value is None

    @property
    def below_target(self) -> bool:
        target = self.target
        return target is not None and self.result.value is not None and Decimal(self.result.value) < target

    @property
    def number(self) -> int | float | None:
        """The value for JSON and Excel: the number ``display`` shows (registry.rounded), a count
        as an integer, a rate or an average as a float."""
        return self.indicator.number(self.result.value)

    @property
    def target_display(self) -> str:
        target = self.target
        return "" if target is None else display(target, self.indicator.unit, self.indicator.precision)

    def as_json(self) -> dict:
        return {"label": self.indicator.label, "value": self.number, "numerator": self.result.numerator,
                "denominator": self.result.denominator, "display": self.display, "unit": self.indicator.unit,
                "version": self.indicator.version}


def target_of(indicator: Indicator) -> Decimal | None:
    targets = {**DEFAULT_TARGETS, **setting("FAZHI_INDICATOR_TARGETS", {})}
    if indicator.key in targets and targets[indicator.key] is not None:
        return Decimal(str(targets[indicator.key]))
    return indicator.target


def scope_units(unit: Unit, include_sub_units: bool = True) -> QuerySet[Unit]:
    return unit.descendants() if include_sub_units else Unit.objects.filter(pk=unit.pk)


def compute_figure(key: str, unit: Unit, period: Period, include_sub_units: bool = True) -> Figure:
    indicator = load_all()[key]
    return Figure(indicator, indicator.compute(scope_units(unit, include_sub_units), period),
                  provisional=unsettled(indicator, period, timezone.localdate()))


def compute_all(unit: Unit, period: Period, include_sub_units: bool = True,
                keys: list[str] | None = None, use_snapshots: bool = True, cached: bool = True) -> dict[str, Figure]:
    """Every (or the named) indicator of ``unit``; a closed year of a county or of the units
    above counties comes from the counties' snapshots where they exist (``snapshots.py``).

    The answer is cached until the next audited change or the next day (``freshness``: exact,
    never stale); ``cached=False`` computes it anew (snapshots, their check, the benchmark)."""
    use_cache = cached and freshness.usable()
    if use_cache:
        cache_key = _cache_key(unit, period, include_sub_units, keys, use_snapshots)
        found = cache.get(cache_key)
        if found is not None:
            registry = load_all()
            return {key: Figure(registry[key], Result(value, numerator, denominator), from_snapshot=snap,
                                provisional=provisional, opens=opens)
                    for key, (value, numerator, denominator, snap, provisional, opens) in found.items()}
    figures = None
    if use_snapshots and include_sub_units:
        figures = rollup(unit, period, keys)
    if figures is None:
        figures = compute_all_for(scope_units(unit, include_sub_units), period, keys)
    if use_cache:
        cache.set(cache_key, {key: (f.result.value, f.result.numerator, f.result.denominator, f.from_snapshot,
                                    f.provisional, f.drillable) for key, f in figures.items()},
                  timeout=freshness.SECONDS)
    return figures


def _cache_key(unit: Unit, period: Period, include_sub_units: bool, keys: list[str] | None,
               use_snapshots: bool) -> str:
    """What the figures depend on besides the records: the unit (and where it sits), the period,
    the figures asked for and their versions, the stamp (``freshness.stamp``)."""
    registry = load_all()
    wanted = sorted(registry) if keys is None else keys
    text = ",".join([unit.path, *(f"{k}@{registry[k].version}" for k in wanted if k in registry)])
    digest = hashlib.sha256(text.encode()).hexdigest()[:20]
    return (f"fazhi:figures:{freshness.stamp()}:{unit.pk}:{period.start}:{period.end}:"
            f"{int(include_sub_units)}{int(use_snapshots)}:{digest}")


def rollup(unit: Unit | None, period: Period, keys: list[str] | None = None) -> dict[str, Figure] | None:
    """``compute_all`` from snapshots (``unit`` None: all units), or None when there are none."""
    from fazhi.indicators import snapshots  # here: snapshots computes its figures with this module (a cycle)

    registry = load_all()
    wanted = sorted(registry) if keys is None else [k for k in keys if k in registry]
    results = snapshots.figures(unit, period, wanted)
    if results is None:
        return None
    today = timezone.localdate()
    return {key: Figure(registry[key], results[key], from_snapshot=True,
                        provisional=unsettled(registry[key], period, today)) for key in wanted}


def unsettled(indicator: Indicator, period: Period, today: date) -> bool:
    """暂定: the period has ended but the figure may still change with today's date."""
    return period.end < today and not indicator.settled(period, today)


def compute_all_for(units: QuerySet[Unit], period: Period, keys: list[str] | None = None) -> dict[str, Figure]:
    """Every (or the named) indicator over any set of units, e.g. all counties of a province."""
    registry = load_all()
    wanted = sorted(registry) if keys is None else [k for k in keys if k in registry]
    results = settle_all([registry[key].fn(units, period) for key in wanted])
    today = timezone.localdate()
    return {key: Figure(registry[key], result, provisional=unsettled(registry[key], period, today))
            for key, result in zip(wanted, results, strict=True)}


def compute_many(key: str, scopes: list[tuple[QuerySet[Unit], Period]]) -> list[Figure]:
    """One indicator over many (units, period) pairs, its counts taken together (trends, comparisons)."""
    indicator = load_all()[key]
    return [Figure(indicator, r) for r in settle_all([indicator.fn(units, period) for units, period in scopes])]


def by_stream(figures: dict[str, Figure]) -> list[tuple[str, str, list[tuple[str, Figure]]]]:
    """[(stream key, stream label, [(key, figure), …]), …] in menu order."""

    labels = {m.key: (m.order, m.label) for m in streams()}
    groups: dict[str, list[tuple[str, Figure]]] = {}
    for key, fig in figures.items():
        groups.setdefault(fig.indicator.stream, []).append((key, fig))
    ordered = sorted(groups, key=lambda s: (labels.get(s, (9999, s))[0], s))
    return [(s, labels.get(s, (0, s))[1], groups[s]) for s in ordered]


def year_trend(key: str, unit: Unit, years: list[int]) -> list[tuple[int, Figure]]:
    units = scope_units(unit)
    return list(zip(years, compute_many(key, [(units, Period.year(y)) for y in years]), strict=True))


def month_trend(key: str, unit: Unit, year: int, until: date | None = None) -> list[tuple[int, Figure]]:
    months = list(range(1, 13) if until is None or until.year != year else range(1, until.month + 1))
    units = scope_units(unit)
    return list(zip(months, compute_many(key, [(units, Period.month(year, m)) for m in months]), strict=True))


def unit_comparison(key: str, unit: Unit, period: Period) -> list[tuple[Unit, Figure]]:
    """The figure of each direct sub-unit (each with its own sub-units) of ``unit``."""
    children = list(Unit.objects.filter(parent=unit).order_by("kind", "sort_order", "code"))
    return list(zip(children, compute_many(key, [(scope_units(c), period) for c in children]), strict=True))


def numerator_records(figure: Figure, unit: Unit, period: Period) -> QuerySet | None:
    """Which of a rate's records are counted in its numerator.

    A stream may say so itself (``Result.numerator_records``). Otherwise the numerator is
    found among the stream's own count indicators: the one whose records lie within this
    figure's records and number exactly the numerator (mediation.settled within
    mediation.success_rate). None when it cannot be told.
    """
    result = figure.result
    if result.records is None or result.numerator is None:
        return None
    if result.numerator_records is not None:
        return result.numerator_records
    model = result.records.model
    for key, ind in sorted(load_all().items()):
        if ind.stream != figure.indicator.stream or key == figure.indicator.key:
            continue
        other = ind.compute(scope_units(unit), period)
        if other.records is None or other.records.model is not model or other.denominator is not None:
            continue
        if other.value != result.numerator:
            continue
        inside = result.records.filter(pk__in=other.records.values("pk")).count()
        if inside == result.numerator:
            return other.records
    return None


def report_json(unit: Unit, year: int) -> dict:
    figures = compute_all(unit, Period.year(year))
    return {"unit": {"code": unit.code, "name": unit.short_name or unit.name}, "year": year,
            "figures": {key: fig.as_json() for key, fig in figures.items()}}
