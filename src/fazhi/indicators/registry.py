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
from fazhi.core.registry import streams


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
SUM = object()  # Result.value of a composite still to be added up from its parts


def combine_parts(values: list[tuple[int, object]]) -> int | None:
    """A composite's value from its parts' (sign, value): the signed sum, a part without a
    figure counting as 0; None when no part has one."""
    present = [(sign, value) for sign, value in values if value is not None]
    if not present:
        return None
    return int(sum(sign * value for sign, value in present))


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
    # A composite's parts: (key, sign, the part's result); its own ``records`` stay None (the
    # parts' records lie in different tables: the drill-down lists them part by part).
    parts: list[tuple[str, int, Result]] | None = None

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
        own = [v for v in (self.value, self.numerator, self.denominator) if isinstance(v, Tally)]
        return own + [t for _key, _sign, part in self.parts or () for t in part.tallies()]

    def settle(self) -> Result:
        """Replace the (taken) tallies by their numbers and compute a pending rate or sum."""
        for name in ("value", "numerator", "denominator"):
            part = getattr(self, name)
            if isinstance(part, Tally):
                setattr(self, name, part.value)
        if self.value is RATE:
            self.value = rate(self.numerator, self.denominator)
        if self.value is SUM:
            for _key, _sign, part in self.parts:
                part.settle()
            self.value = combine_parts([(sign, part.value) for _key, sign, part in self.parts])
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

    def coverage(self, eligible: QuerySet[Unit], covered: Iterable[int]) -> dict[int, Result]:
        """Each unit's share of its ``eligible`` sub-units (villages, departments …) named at least
        once in ``covered`` (the units of the records that count): numerator the distinct units
        covered, denominator the eligible ones, ``record_count`` the records."""
        counted = self.collect((pk, pk) for pk in eligible.values_list("pk", flat=True))
        named = self.collect((pk, pk) for pk in covered)
        results = {}
        for unit, mine in counted.items():
            hit = len(set(named[unit]))
            results[unit] = Result(value=rate(hit, len(mine)), numerator=hit, denominator=len(mine),
                                   record_count=len(named[unit]))
        return results


@dataclass(frozen=True)
class Indicator:
    key: str  # "<stream>.<name>", stable
    label: str
    unit: str  # "次", "件", "%"
    fn: Callable[[QuerySet[Unit], Period], Result]
    precision: int | None = None  # decimals shown; None: 1 for a rate ("%"), 0 for anything else
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
    # A composite (``Indicator.composite``): (part key, +1 or -1), its value the signed sum of
    # the parts' values. Its parts may belong to other streams; they are named by key only.
    parts: tuple[tuple[str, int], ...] = ()

    def __post_init__(self) -> None:
        if self.precision is None:
            object.__setattr__(self, "precision", 1 if self.unit == "%" else 0)

    @classmethod
    def composite(cls, key: str, label: str, parts: list[str], minus: list[str] = (), unit: str = "件",
                  doc: str = "", **options) -> Indicator:
        """A count that is the sum of other counts (``parts``) less ``minus``: "复议+诉讼案件数".
        Its parts are checked when the registry is complete (``check_composites``): counts
        only, every key registered, no cycle."""
        signed = tuple((k, 1) for k in parts) + tuple((k, -1) for k in minus)
        if not signed:
            raise ValueError(f"组合指标 {key} 没有组成部分")
        if len({k for k, _ in signed}) != len(signed):
            raise ValueError(f"组合指标 {key} 的组成部分重复")
        if key in {k for k, _ in signed}:
            raise ValueError(f"组合指标 {key} 不能包含自身")

        def fn(units, period) -> Result:
            registry = load_all()
            return Result(value=SUM, parts=[(k, sign, registry[k].fn(units, period)) for k, sign in signed])

        fn.__doc__ = doc
        return cls(key, label, unit, fn, precision=0, parts=signed, **options)

    @property
    def is_composite(self) -> bool:
        return bool(self.parts)

    @property
    def is_count(self) -> bool:
        """A count or a sum of whole numbers (not a rate, not an average): what a composite adds."""
        return self.unit != "%" and self.precision == 0

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
        """The definition as written in the compute function's docstring (first paragraph); a
        composite's is its parts, "A（a.key）＋ B（b.key）", followed by its docstring."""
        doc = (self.fn.__doc__ or "").strip()
        text = " ".join(doc.split("\n\n", 1)[0].split())
        if self.parts:
            registry = dict(_REGISTRY)
            terms = []
            for i, (key, sign) in enumerate(self.parts):
                label = registry[key].label if key in registry else key
                op = ("" if i == 0 else " ＋ ") if sign > 0 else " － "
                terms.append(f"{op}{label}（{key}）")
            text = "".join(terms) + (f"。{text}" if text else "")
        return text

    def display(self, result: Result) -> str:
        """The figure as the report prints it: 99.283… -> "99.3%", 100 -> "100%", 837 -> "837件"."""
        return display(result.value, self.unit, self.precision)

    def number(self, value: object) -> int | float | None:
        """The value as JSON and Excel carry it: the displayed number (``rounded``); a count (no
        decimals, not a rate) an integer, a rate or an average a float."""
        shown = rounded(value, self.precision)
        if shown is None:
            return None
        return int(shown) if self.unit != "%" and self.precision == 0 else float(shown)


# -- the one display rule ---------------------------------------------------------------------------
# Every page, report, API answer, JSON and Excel file shows a figure through these two functions.

def rounded(value: object, precision: int) -> Decimal | None:
    """``value`` to ``precision`` decimals, halves rounded up (6.25 -> 6.3, 0.25 -> 0.3)."""
    if value is None:
        return None
    return Decimal(str(value) if isinstance(value, float) else value).quantize(
        Decimal(1).scaleb(-precision), rounding=ROUND_HALF_UP)


def display(value: object, unit: str = "", precision: int = 0) -> str:
    """The figure as printed: rounded (``rounded``), trailing zeros dropped, then its unit:
    91.80 -> "91.8%", 100.0 -> "100%", 837 -> "837件", None -> "—"."""
    shown = rounded(value, precision)
    if shown is None:
        return "—"
    text = f"{shown:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}{unit}"


_REGISTRY: dict[str, Indicator] = {}


_CHECKED: list[int] = [0]  # the registry size at the last complete check of its composites


def register(*indicators: Indicator) -> None:
    """Add figures to the registry. A composite whose parts are already registered is checked
    here; the rest when the registry is complete (``load_all``), so a stream may name parts
    of a stream loaded after it."""
    for ind in indicators:
        if ind.key in _REGISTRY and _REGISTRY[ind.key] is not ind:
            raise ValueError(f"indicator {ind.key} defined twice")
        if ind.parts:
            known = {**_REGISTRY, ind.key: ind}
            problems = [p for p in composite_problems(known, [ind.key]) if "未登记" not in p]
            if problems:
                raise ValueError("；".join(problems))
        _REGISTRY[ind.key] = ind


def composite_problems(registry: dict[str, Indicator], keys: list[str] | None = None) -> list[str]:
    """What is wrong with the composites ``keys`` (all by default) of ``registry``: a part that
    is not registered, a part that is not a count (a rate, an average), a cycle."""
    problems = []
    for key in keys if keys is not None else sorted(registry):
        ind = registry[key]
        if not ind.parts:
            continue
        if not ind.is_count:
            problems.append(f"组合指标 {key} 只能是计数，不能以“{ind.unit}”为单位或带小数")
        for part, _sign in ind.parts:
            if part not in registry:
                problems.append(f"组合指标 {key} 的组成部分 {part} 未登记")
            elif not registry[part].is_count:
                problems.append(f"组合指标 {key} 的组成部分 {part}（{registry[part].label}）不是计数，不能相加")
        if _cycle(registry, key):
            problems.append(f"组合指标 {key} 循环引用自身")
    return problems


def _cycle(registry: dict[str, Indicator], start: str) -> bool:
    seen: set[str] = set()
    todo = [part for part, _ in registry[start].parts]
    while todo:
        key = todo.pop()
        if key == start:
            return True
        if key in seen or key not in registry:
            continue
        seen.add(key)
        todo += [part for part, _ in registry[key].parts]
    return False


def leaves(registry: dict[str, Indicator], key: str, sign: int = 1) -> list[tuple[str, int]]:
    """A figure as (non-composite key, sign) terms: itself, or its composite parts expanded."""
    ind = registry[key]
    if not ind.parts:
        return [(key, sign)]
    return [term for part, s in ind.parts for term in leaves(registry, part, sign * s)]


def load_all() -> dict[str, Indicator]:

    for manifest in streams():
        if manifest.indicators:
            importlib.import_module(manifest.indicators)
    if _CHECKED[0] != len(_REGISTRY):
        problems = composite_problems(_REGISTRY)
        if problems:
            raise ValueError("；".join(problems))
        _CHECKED[0] = len(_REGISTRY)
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
    # here, not at the top: fazhi.indicators.tally imports this module (an import cycle)
    from fazhi.indicators.tally import take

    take([t for r in results for t in r.tallies()])
    return [r.settle() for r in results]


def compute(key: str, units: QuerySet[Unit], period: Period) -> Result:
    return get(key).compute(units, period)
