"""Figures of many units taken together, grouped by unit (``indicators.grouped``): on the demo,
every indicator of the demo scheme equals, unit by unit, the figure and the records the engine
computes for that unit alone — the engine's grouped tallies and the streams' own grouped
computations (``Indicator.grouped``) alike; a planted difference is caught in each."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from fazhi.core.models import Unit
from fazhi.indicators import grouped, registry
from fazhi.indicators.registry import Period
from fazhi.streams.assessment.demo import ITEMS
from fazhi.streams.checks.models import BusinessInspection

pytestmark = pytest.mark.django_db
KEYS = sorted({item[5] for item in ITEMS if item[5]})
YEAR = Period.year(2023)
# Figures computed in Python or counting distinct things: grouped by their stream (Indicator.grouped).
DECLARED = ["checks.entities_over_cap", "enforcement.training_compliance_rate",
            "legal_services.advisor_coverage_rate", "litigation.head_appearance_rate", "litigation.loss_rate",
            "petitions.on_time_closing_rate", "pufa.responsibility_published_rate"]


def _assessed(county: Unit) -> list[Unit]:
    return list(county.descendants().filter(kind__in=("department", "township")).order_by("code"))


def test_grouped_figures_equal_the_figures_of_each_unit_on_the_demo(demo_db):
    county = Unit.objects.get(code="430771")
    units = _assessed(county)
    assert len(units) >= 17
    assert grouped.differences(units, YEAR, KEYS, within=county) == []


def test_every_demo_scheme_figure_is_grouped(demo_db):
    county = Unit.objects.get(code="430771")
    found = grouped.compute_by_unit(_assessed(county), YEAR, KEYS, within=county, count_records=True)
    assert found.grouped == KEYS and found.per_unit == []
    assert set(DECLARED) <= set(KEYS)
    assert all(registry.get(key).grouped is not None for key in DECLARED)
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


def test_the_streams_grouped_figures_are_not_empty_on_the_demo(demo_db):
    """The comparison above means something: each figure grouped by its stream has records on the demo
    (the demo's 涉企检查 are of this year: one entity inspected in 2023 by two departments, three
    times in all, over the yearly cap of two, is added)."""
    county = Unit.objects.get(code="430771")
    units = [county, *_assessed(county)]
    entity = BusinessInspection.objects.order_by("pk").first()
    for i, suffix in enumerate(["-D03", "-D03", "-D05"]):
        BusinessInspection.objects.create(
            unit=Unit.objects.get(code=county.code + suffix), year=2023, kind=entity.kind, state="registered",
            matter=f"测试检查{i}", basis=entity.basis, entity_name=entity.entity_name, credit_code=entity.credit_code,
            planned_on=date(2023, 5, 10 + i), inspectors=entity.inspectors)
    found = grouped.compute_by_unit(units, YEAR, DECLARED, within=county, count_records=True)
    assert grouped.differences(units, YEAR, DECLARED, within=county) == []
    for key in DECLARED:
        assert found.records[county.pk][key] > 0, key
    over = {u.code[-3:]: found.figures[u.pk]["checks.entities_over_cap"].result.value for u in units[1:]}
    assert (over["D03"], over["D05"], over["D01"]) == (1, 1, 0)  # the cap counts every unit's inspections
    advisers = found.figures[county.pk]["legal_services.advisor_coverage_rate"].result
    assert advisers.value == 100 and advisers.denominator == 18  # "18个村（社区）法律顾问全覆盖"


@pytest.mark.parametrize("key", DECLARED)
@pytest.mark.parametrize("part", ["numerator", "records"])
def test_a_planted_difference_in_a_streams_grouped_figure_is_reported(demo_db, monkeypatch, key, part):
    county = Unit.objects.get(code="430771")
    units = _assessed(county)
    indicator = registry.get(key)
    victim = units[3]

    def off_by_one(groups, period):
        results = indicator.grouped(groups, period)
        mine = results[victim.pk]
        if part == "records":
            mine.record_count = (mine.record_count or 0) + 1
        elif mine.numerator is None:
            mine.value += 1
        else:
            mine.numerator += 1
        return results

    monkeypatch.setitem(registry._REGISTRY, key, dataclasses.replace(indicator, grouped=off_by_one))
    problems = grouped.differences(units, YEAR, [key], within=county)
    assert len(problems) == 1 and problems[0].startswith(f"{victim.code} {key}: ")
    assert ("记录数" in problems[0]) == (part == "records")
