"""Figures of many units taken together, grouped by unit (``indicators.grouped``): on the demo,
every indicator of the demo scheme equals, unit by unit, the figure and the records the engine
computes for that unit alone; a planted difference is caught."""

from __future__ import annotations

import pytest

from fazhi.core.models import Unit
from fazhi.indicators import grouped
from fazhi.indicators.registry import Period
from fazhi.streams.assessment.demo import ITEMS

pytestmark = pytest.mark.django_db
KEYS = sorted({item[5] for item in ITEMS if item[5]})
YEAR = Period.year(2023)


def _assessed(county: Unit) -> list[Unit]:
    return list(county.descendants().filter(kind__in=("department", "township")).order_by("code"))


def test_grouped_figures_equal_the_figures_of_each_unit_on_the_demo(demo_db):
    county = Unit.objects.get(code="430771")
    units = _assessed(county)
    assert len(units) >= 17
    assert grouped.differences(units, YEAR, KEYS, within=county) == []


def test_most_demo_scheme_figures_are_grouped_and_the_rest_named(demo_db):
    county = Unit.objects.get(code="430771")
    found = grouped.compute_by_unit(_assessed(county), YEAR, KEYS, within=county, count_records=True)
    assert sorted(found.grouped + found.per_unit) == KEYS
    assert len(found.grouped) >= 12, found.per_unit
    # computed in Python (statutory due dates, a judgment's outcome) or a distinct count: unit by unit
    assert "litigation.loss_rate" in found.per_unit
    assert "legal_services.advisor_coverage_rate" in found.per_unit
    assert "study.topic_sessions" in found.grouped and "complaints.replied_on_time_rate" in found.grouped
    market = Unit.objects.get(code="430771-D03")
    reply = found.figures[market.pk]["complaints.replied_on_time_rate"].result
    assert (reply.value, reply.numerator, reply.denominator) == (50, 1, 2)


def test_a_planted_difference_is_reported(demo_db, monkeypatch):
    county = Unit.objects.get(code="430771")
    units = _assessed(county)
    real = grouped._rollup

    def off_by_one(g, covers):
        sums = real(g, covers)
        sums[units[0].pk] += 1
        return sums

    monkeypatch.setattr(grouped, "_rollup", off_by_one)
    problems = grouped.differences(units, YEAR, ["study.sessions_held"], within=county)
    assert problems and problems[0].startswith(f"{units[0].code} study.sessions_held")
