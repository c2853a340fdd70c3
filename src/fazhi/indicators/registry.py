"""The indicator registry: each stream defines its figures once, in its ``indicators.py``.

An indicator is a function of (units, period) returning value, numerator, denominator and
the queryset of records behind the figure, so every number can be opened to its records.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet

from fazhi.core.models import Unit


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31))


@dataclass
class Result:
    value: Decimal | int | None
    numerator: int | None = None
    denominator: int | None = None
    records: QuerySet | None = None


@dataclass(frozen=True)
class Indicator:
    key: str  # "<stream>.<name>", stable
    label: str
    unit: str  # "次", "件", "%"
    compute: Callable[[QuerySet[Unit], Period], Result]
    precision: int = 0
    version: int = 1
    target: Decimal | None = None

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


def compute(key: str, units: QuerySet[Unit], period: Period) -> Result:
    return get(key).compute(units, period)
