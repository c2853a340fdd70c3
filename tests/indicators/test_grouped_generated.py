"""Grouped figures on a generated benchmark county (``fazhi bench generate``): every indicator
of the demo scheme equals, unit by unit, the engine's figure of that unit alone."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import transaction

from fazhi.benchdata.generate import generate
from fazhi.core.models import Unit
from fazhi.indicators import grouped
from fazhi.indicators.registry import Period
from fazhi.streams.assessment.demo import ITEMS

pytestmark = pytest.mark.django_db
KEYS = sorted({item[5] for item in ITEMS if item[5]})


@pytest.fixture(scope="module")
def county(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        generate(scale="county", years=2, seed=11, records=2500, until=date(2025, 6, 30))
        yield Unit.objects.get(kind=Unit.Kind.GOVERNMENT)
        transaction.set_rollback(True)


def test_grouped_figures_equal_the_figures_of_each_unit_on_a_generated_county(county):
    units = list(county.descendants().filter(kind__in=("department", "township")).order_by("code"))
    assert len(units) >= 10
    for period in (Period.year(2024), Period.quarter(2025, 1)):
        assert grouped.differences(units, period, KEYS, within=county) == []
    found = grouped.compute_by_unit(units, Period.year(2024), KEYS, within=county)
    assert sum(f["study.sessions_held"].result.value for f in found.figures.values()) > 0  # not zeros
