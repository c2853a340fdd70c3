"""The 涉企行政检查 indicators on fixed data: counts across units, 无事不扰 over the cap, average."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fazhi.indicators.engine import compute_figure
from fazhi.indicators.registry import Period
from fazhi.streams.checks.models import BusinessInspection
from tests.streams.checks.conftest import TWO, uscc

pytestmark = pytest.mark.django_db


def row(unit, serial: int, on: date, state: str = "registered", **fields) -> BusinessInspection:
    values = {"year": on.year, "kind": "special", "matter": "检查", "basis": "依据", "entity_name": f"企业{serial}",
              "inspectors": TWO, "state": state, "check_code": f"C{serial:03d}{on:%m%d}{state[:1].upper()}",
              **({"done_on": on, "result": "未发现问题。"} if state == "done" else {}), **fields}
    return BusinessInspection.objects.create(unit=unit, credit_code=uscc(serial), planned_on=on, **values)


def test_the_figures(county, market_unit, transport_unit, settings):
    settings.FAZHI_CHECKS_PER_ENTITY_YEAR = 2
    row(market_unit, 1, date(2025, 3, 1), "done")
    row(market_unit, 1, date(2025, 5, 1), "done")
    row(transport_unit, 1, date(2025, 9, 1))  # entity 1: three inspections by two units -> over the cap
    row(market_unit, 2, date(2025, 4, 1), "done")
    row(market_unit, 2, date(2025, 6, 1), "cancelled")  # not counted
    row(transport_unit, 3, date(2025, 7, 1))
    row(transport_unit, 3, date(2024, 7, 1), "done")  # another year
    row(market_unit, 4, date(2025, 8, 1), "draft", check_code=None)  # not registered
    year = Period.year(2025)

    def value(key, unit=county):
        return compute_figure(key, unit, year).result

    assert value("checks.registered").value == 5
    assert value("checks.done").value == 3
    assert value("checks.entities_over_cap").value == 1
    average = value("checks.per_entity_average")
    assert (average.value, average.numerator, average.denominator) == (Decimal(5) / 3, 5, 3)
    # 市场监管局 itself inspected entity 1 only twice, but all units together did it three times
    assert value("checks.entities_over_cap", market_unit).value == 1
    assert value("checks.registered", market_unit).value == 3
    assert compute_figure("checks.per_entity_average", county, year).display == "1.67次"
