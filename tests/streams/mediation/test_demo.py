from __future__ import annotations

import pytest
from django.core.management import call_command

from fazhi.core.models import Deadline, Unit
from fazhi.indicators.engine import compute_figure
from fazhi.indicators.registry import Period, compute
from fazhi.streams.mediation.models import MediationCase, MediationCommittee, Mediator, MediatorTraining

pytestmark = pytest.mark.django_db


def test_the_demo_reproduces_837_mediated_831_settled_and_99_3_percent_for_2023():
    call_command("fazhi_demo", streams="mediation")
    county = Unit.objects.get(code="430771")
    units, year = county.descendants(), Period.year(2023)
    assert compute("mediation.cases", units, year).value == 837
    assert compute("mediation.settled", units, year).value == 831
    rate = compute_figure("mediation.success_rate", county, year)
    assert (rate.result.numerator, rate.result.denominator, rate.display) == (831, 837, "99.3%")


def test_the_demo_spreads_2023_cases_over_the_21_grassroots_committees():
    call_command("fazhi_demo", streams="mediation")
    committees = MediationCommittee.objects.filter(cases__year=2023).distinct()
    assert committees.count() == 21
    assert set(committees.values_list("unit__kind", flat=True)) == {"township", "village"}
    per_committee = [c.cases.filter(year=2023).count() for c in committees]
    assert min(per_committee) >= 39 and max(per_committee) <= 40


def test_the_demo_twice_duplicates_nothing():
    call_command("fazhi_demo", streams="mediation")
    counts = [m.objects.count() for m in (MediationCase, MediationCommittee, Mediator, MediatorTraining, Deadline)]
    call_command("fazhi_demo", streams="mediation")
    assert [m.objects.count() for m in (MediationCase, MediationCommittee, Mediator, MediatorTraining,
                                        Deadline)] == counts


def test_the_demo_has_current_cases_due_soon_and_overdue_for_the_lists_and_reminders():
    from django.utils import timezone

    from fazhi.core.deadlines import status

    call_command("fazhi_demo", streams="mediation")
    today = timezone.localdate()
    open_terms = Deadline.objects.filter(key="mediation_term", met_on__isnull=True)
    statuses = sorted(status(d, today) for d in open_terms)
    assert "overdue" in statuses and "due_soon" in statuses and "open" in statuses
    assert Deadline.objects.filter(key="judicial_confirmation", met_on__isnull=True).count() == 1


def test_the_demo_figures_for_trainings_overdue_cases_and_performance(capsys):
    call_command("fazhi_demo", streams="mediation")
    county = Unit.objects.get(code="430771")
    year = Period.year(2023)
    assert compute_figure("mediation.trainings", county, year).display == "4次"
    assert compute_figure("mediation.overdue_cases", county, year).result.value == 9
    performance = compute_figure("mediation.agreement_performance_rate", county, year).result
    assert performance.denominator == 831 and 0 < performance.numerator < 831
