"""Indicators on fixed data: numerators and denominators as spec §5.5 / §19 define them."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.models import Unit
from fazhi.indicators.registry import Period, compute
from fazhi.streams.decisions.models import DecisionCatalogue, DecisionProcedure, PostEvaluation
from tests.streams.decisions.conftest import decided_decision

pytestmark = pytest.mark.django_db
Y2024 = Period.year(2024)


@pytest.fixture
def figures(clerk, market_unit, catalogue, item):
    full = decided_decision(clerk, market_unit, "A", decided_on=date(2024, 5, 10), item=item, state="executing")
    decided_decision(clerk, market_unit, "B", decided_on=date(2024, 6, 1), legality=False, published=False)
    decided_decision(clerk, market_unit, "C", decided_on=date(2024, 7, 1), participation=False, required=False)
    decided_decision(clerk, market_unit, "D", decided_on=date(2024, 8, 1), participation=False, collective=False)
    decided_decision(clerk, market_unit, "E", decided_on=date(2023, 8, 1))  # another year
    PostEvaluation.objects.create(decision=full, trigger="necessary", evaluator="第三方", started_on=date(2024, 9, 1),
                                  completed_on=date(2024, 11, 1), conclusion="达到预期")
    return full


def units():
    county = Unit.objects.get(code="430771")
    return Unit.objects.filter(path__startswith=county.path)


def value(key: str):
    r = compute(key, units(), Y2024)
    return r.value, r.numerator, r.denominator


def test_counts_and_rates_of_the_decisions_made(figures):
    assert value("decisions.decided")[0] == 4
    assert value("decisions.legality_review_rate") == (75, 3, 4)
    assert value("decisions.collective_discussion_rate") == (75, 3, 4)
    # C was exempted from public comment with a reason: not in the denominator; D skipped it.
    assert value("decisions.public_participation_rate")[1:] == (2, 3)
    assert value("decisions.procedure_compliance_rate") == (50, 2, 4)
    assert value("decisions.publication_rate") == (75, 3, 4)
    assert value("decisions.post_evaluations")[0] == 1


def test_a_review_after_the_meeting_does_not_count(figures):
    DecisionProcedure.objects.filter(decision=figures, kind="legality").update(ended_on=date(2024, 5, 11))
    assert value("decisions.legality_review_rate") == (50, 2, 4)


def test_catalogue_figures(figures, catalogue):
    assert value("decisions.in_catalogue")[0] == 1
    assert value("decisions.catalogue_completion_rate") == (100, 1, 1)
    assert value("decisions.catalogue_published")[0] == 0
    DecisionCatalogue.objects.filter(pk=catalogue.pk).update(state="published", party_consent_on=date(2024, 2, 1),
                                                             published_on=date(2024, 2, 5))
    assert value("decisions.catalogue_published")[0] == 1


def test_a_department_sees_only_the_decisions_it_leads(figures, transport_unit):
    r = compute("decisions.decided", Unit.objects.filter(pk=transport_unit.pk), Y2024)
    assert r.value == 0
    assert compute("decisions.legality_review_rate", Unit.objects.filter(pk=transport_unit.pk), Y2024).value is None
