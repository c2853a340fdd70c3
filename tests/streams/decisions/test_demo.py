"""The demo: 2022–2024 catalogues and decisions, the seed year's replayed into the previous and
the current year (fazhi.demo.layers), deterministic and idempotent."""

from __future__ import annotations

import pytest

from fazhi.core.models import Unit
from fazhi.core.units import unit_add
from fazhi.demo.layers import layer_years
from fazhi.indicators.registry import Period, compute
from fazhi.streams.decisions import demo
from fazhi.streams.decisions.models import (
    CatalogueItem,
    Decision,
    DecisionCatalogue,
    DecisionProcedure,
    PublicComment,
)

pytestmark = pytest.mark.django_db


def _departments(county: Unit) -> None:
    for code in ("D03", "D04", "D05", "D09", "D10", "D11", "D12", "D13"):
        unit_add(code=f"430771-{code}", name=f"部门{code}", kind=Unit.Kind.DEPARTMENT, parent=county)


def test_the_demo_is_idempotent_and_plausible(county):
    _departments(county)
    demo.load(county)
    counts = [m.objects.count() for m in (DecisionCatalogue, CatalogueItem, Decision, DecisionProcedure,
                                          PublicComment)]
    demo.load(county)
    assert [m.objects.count() for m in (DecisionCatalogue, CatalogueItem, Decision, DecisionProcedure,
                                        PublicComment)] == counts
    last_year, this_year = layer_years()
    assert sorted(DecisionCatalogue.objects.values_list("year", flat=True)) == [2022, 2023, 2024, last_year, this_year]
    assert all(c.is_public for c in DecisionCatalogue.objects.all())
    for year in (2022, 2023, 2024, last_year):
        assert Decision.objects.filter(year=year).count() >= 2
    units = Unit.objects.filter(path__startswith=county.path)
    r = compute("decisions.legality_review_rate", units, Period.year(2023))
    assert (r.value, r.denominator) == (100, 3)
    assert compute("decisions.in_catalogue", units, Period.year(2023)).value == 4
    assert compute("decisions.post_evaluations", units, Period.year(2024)).value == 1
    # Every demo procedure passes the model's own rules.
    for p in DecisionProcedure.objects.all():
        p.full_clean()
    assert Decision.objects.open_for_comment().count() == 1
