"""The indicator registry: each stream defines its figures once, in its ``indicators.py``.

An indicator is a function of (units, period) returning value, numerator, denominator and
the queryset of records behind the figure, so every number can be opened to its records.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet

from fazhi.core.models import Unit


@dataclass(frozen=True)
class Period:
    """A closed range of days. Indicators count what falls between ``start`` and ``end``."""

    start: date
    end: date  # inclusive

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        if not 1 <= quarter <= 4:
            raise ValueError("季度应为1至4")
        first = 3 * quarter - 2
        return cls(date(year, first, 1), cls.month(year, first + 2).end)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        if not 1 <= month <= 12:
            raise ValueError("月份应为1至12")
        nxt = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
        return cls(date(year, month, 1), date.fromordinal(nxt.toordinal() - 1))

    @classmethod
    def range(cls, start: date, end: date) -> Period:
        if end < start:
            raise ValueError("结束日期不能早于开始日期")
        return cls(start, end)

    @property
    def label(self) -> str:
        """How a page names the period: 2023年, 2023年第2季度, 2023年5月, 2023-03-01至2023-04-15."""
        s, e = self.start, self.end
        if (s.month, s.day, e.month, e.day) == (1, 1, 12, 31) and s.year == e.year:
            return f"{s.year}年"
        if s.year == e.year and s.day == 1 and self == Period.month(s.year, s.month):
            return f"{s.year}年{s.month}月"
        if s.year == e.year and s.day == 1 and s.month % 3 == 1 and self == Period.quarter(s.year, s.month // 3 + 1):
            return f"{s.year}年第{s.month // 3 + 1}季度"
        return f"{s:%Y-%m-%d}至{e:%Y-%m-%d}"


class Tally:
    """A count (or the sum of a field) of a queryset, not yet taken from the database.

    An indicator that returns tallies lets the engine take every tally of one table in one
    query (``tally.take``); a figure read before that would be wrong, so ``Result.settle``
    replaces them by numbers before any caller sees the result.
    """

    __slots__ = ("qs", "field", "value")

    def __init__(self, qs: QuerySet, field: str | None = None) -> None:
        self.qs, self.field, self.value = qs, field, None


RATE = object()  # Result.value of a rate still to be computed from its tallies


@dataclass
class Result:
    value: Decimal | int | None
    numerator: int | None = None
    denominator: int | None = None
    records: QuerySet | None = None
    # The part of ``records`` counted in the numerator (e.g. the settled cases among those
    # mediated); when a stream leaves it out, the drill-down infers it (engine.numerator_records).
    numerator_records: QuerySet | None = None
    # How many records are behind the figure, when a grouped computation (``Indicator.grouped``)
    # counted them already; else ``records.count()``.
    record_count: int | None = None

    @classmethod
    def count(cls, qs: QuerySet) -> Result:
        """How many records ``qs`` holds; they are the figure's records."""
        return cls(value=Tally(qs), records=qs)

    @classmethod
    def total(cls, qs: QuerySet, field: str) -> Result:
        """The sum of ``field`` over ``qs`` (0 when empty)."""
        return cls(value=Tally(qs, field), records=qs)

    @classmethod
    def ratio(cls, numerator: QuerySet | Tally | int, denominator: QuerySet | Tally | int,
              records: QuerySet | None = None) -> Result:
        """A rate in percent: numerator ÷ denominator, each a queryset to count, a tally or a
        number. The records are ``records``, else the denominator's queryset."""
        def tally(part):
            return Tally(part) if isinstance(part, QuerySet) else part
        if records is None and isinstance(denominator, QuerySet | Tally):
            records = denominator if isinstance(denominator, QuerySet) else denominator.qs
        return cls(value=RATE, numerator=tally(numerator), denominator=tally(denominator), records=records)

    def tallies(self) -> list[Tally]:
        return [v for v in (self.value, self.numerator, self.denominator) if isinstance(v, Tally)]

    def settle(self) -> Result:
        """Replace the (taken) tallies by their numbers and compute a pending rate."""
        for name in ("value", "numerator", "denominator"):
            part = getattr(self, name)
            if isinstance(part, Tally):
                setattr(self, name, part.value)
        if self.value is RATE:
            self.value = rate(self.numerator, self.denominator)
        return self


@dataclass
class UnitGroups:
    """The units a grouped computation (``Indicator.grouped``) gives figures for: each of ``units``
    with its sub-units, all of them within ``universe`` (a government's subtree)."""

    units: list[Unit]
    universe: QuerySet[Unit]
    covers: dict[int, list[int]]  # a unit of ``universe`` -> the ``units`` whose subtree holds it

    def collect(self, rows: Iterable[tuple[int, object]]) -> dict[int, list]:
        """``(unit id, item)`` pairs read once over ``universe`` -> each of ``units``: the items of
        the units in its subtree, as ``scope_units(unit)`` would have read them."""
        found: dict[int, list] = {u.pk: [] for u in self.units}
        for unit, item in rows:
            for target in self.covers.get(unit, ()):
                found[target].append(item)
        return found


@dataclass(frozen=True)
class Indicator:
    key: str  # "<stream>.<name>", stable
    label: str
    unit: str  # "次", "件", "%"
    fn: Callable[[QuerySet[Unit], Period], Result]
    precision: int = 0
    version: int = 1
    target: Decimal | None = None
    # Days after a period's end during which its figure may still change with today's date
    # (a window still running); a snapshot of the period is taken only after them.
    settles_after: int | Callable[[], int] = 0
    # Optional: the figure of each of many units at once (``indicators.grouped.compute_by_unit``),
    # for a figure computed in Python or counting distinct things, which the engine cannot group
    # itself: ``grouped(groups, period)`` -> {unit id: Result (with ``record_count``)} in a handful
    # of queries over ``groups.universe``, each equal to ``fn(scope_units(unit), period)``
    # (``grouped.differences`` checks it).
    grouped: Callable[[UnitGroups, Period], dict[int, Result]] | None = None

    def settled(self, period: Period, today: date) -> bool:
        days = self.settles_after() if callable(self.settles_after) else self.settles_after
        return period.end.toordinal() + days < today.toordinal()

    def compute(self, units: QuerySet[Unit], period: Period) -> Result:
        """The figure alone, its tallies taken (``settle_all`` takes many figures' together)."""
        return settle_all([self.fn(units, period)])[0]

    @property
    def stream(self) -> str:
        return self.key.split(".", 1)[0]

    @property
    def formula(self) -> str:
        """The definition as written in the compute function's docstring (first paragraph)."""
        doc = (self.fn.__doc__ or "").strip()
        return " ".join(doc.split("\n\n", 1)[0].split())

    def display(self, result: Result) -> str:
        """The figure as the report prints it: 99.283… -> "99.3%", 100 -> "100%", 837 -> "837件"."""
        if result.value is None:
            return "—"
        quant = Decimal(1).scaleb(-self.precision)
        value = Decimal(result.value).quantize(quant, rounding=ROUND_HALF_UP)
        text = f"{value:f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return f"{text}{self.unit}"


_REGISTRY: dict[str, Indicator] = {}


def register(*indicators: Indicator) -> None:
    for ind in indicators:
        if ind.key in _REGISTRY and _REGISTRY[ind.key] is not ind:
            raise ValueError(f"indicator {ind.key} defined twice")
        _REGISTRY[ind.key] = ind


def load_all() -> dict[str, Indicator]:
    from fazhi.core.registry import streams

    for manifest in streams():
        if manifest.indicators:
            importlib.import_module(manifest.indicators)
    return dict(_REGISTRY)


def get(key: str) -> Indicator:
    return load_all()[key]


def rate(numerator: int, denominator: int) -> Decimal | None:
    """Percentage, or None when nothing was due (a rate of nothing is not 100%)."""
    if not denominator:
        return None
    return Decimal(numerator) * 100 / Decimal(denominator)


def settle_all(results: list[Result]) -> list[Result]:
    """Take the tallies of all ``results`` (one query per table, ``tally.take``) and settle them."""
    from fazhi.indicators.tally import take

    take([t for r in results for t in r.tallies()])
    return [r.settle() for r in results]


def compute(key: str, units: QuerySet[Unit], period: Period) -> Result:
    return get(key).compute(units, period)
