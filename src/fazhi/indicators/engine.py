"""Computing registered indicators for a unit (with its sub-units) and a period."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from fazhi.core.models import Unit
from fazhi.indicators.registry import Indicator, Period, Result, load_all


@dataclass
class Figure:
    indicator: Indicator
    result: Result

    @property
    def display(self) -> str:
        return self.indicator.display(self.result)

    def as_json(self) -> dict:
        value = self.result.value
        if isinstance(value, Decimal):
            value = float(value)
        return {"label": self.indicator.label, "value": value, "numerator": self.result.numerator,
                "denominator": self.result.denominator, "display": self.display, "unit": self.indicator.unit,
                "version": self.indicator.version}


def scope_units(unit: Unit, include_sub_units: bool = True):  # noqa: ANN201
    return unit.descendants() if include_sub_units else Unit.objects.filter(pk=unit.pk)


def compute_figure(key: str, unit: Unit, period: Period, include_sub_units: bool = True) -> Figure:
    indicator = load_all()[key]
    return Figure(indicator, indicator.compute(scope_units(unit, include_sub_units), period))


def compute_all(unit: Unit, period: Period, include_sub_units: bool = True) -> dict[str, Figure]:
    units = scope_units(unit, include_sub_units)
    return {key: Figure(ind, ind.compute(units, period)) for key, ind in sorted(load_all().items())}


def report_json(unit: Unit, year: int) -> dict:
    figures = compute_all(unit, Period.year(year))
    return {"unit": {"code": unit.code, "name": unit.short_name or unit.name}, "year": year,
            "figures": {key: fig.as_json() for key, fig in figures.items()}}
