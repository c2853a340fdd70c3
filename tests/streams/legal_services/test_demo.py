"""The demo: the 2023 report's figures ("为群众解答法律问题千余次，18个村（社区）法律顾问全覆盖"),
data for 2022 and 2024, and a second run that adds nothing. (tests/test_seed_figures.py runs the
whole `fazhi demo`; here only this stream's loader runs, for speed.)"""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.models import Deadline
from fazhi.demo.management.commands.fazhi_demo import Command
from fazhi.indicators.engine import compute_figure
from fazhi.indicators.registry import Period
from fazhi.streams.legal_services import demo
from fazhi.streams.legal_services.models import (
    AdvisorAppointment,
    CommitmentCase,
    Consultation,
    DutyDay,
    Lecture,
    LegalAidApplication,
)

pytestmark = pytest.mark.django_db
MODELS = (AdvisorAppointment, Consultation, DutyDay, Lecture, LegalAidApplication, CommitmentCase, Deadline)


@pytest.fixture
def demo_county():
    county = Command()._units()
    demo.load(county)
    return county


def figure(key: str, county, year: int = 2023):
    return compute_figure(f"legal_services.{key}", county, Period.year(year))


def test_the_demo_reproduces_the_2023_report_and_a_second_run_adds_nothing(demo_county):
    assert 1000 <= figure("consultations", demo_county).result.value <= 1999  # 千余次
    assert figure("villages_with_advisor", demo_county).result.value == 18
    coverage = figure("advisor_coverage_rate", demo_county)
    assert (coverage.result.numerator, coverage.result.denominator, coverage.display) == (18, 18, "100%")
    counts = [m.objects.count() for m in MODELS]
    demo.load(demo_county)
    assert [m.objects.count() for m in MODELS] == counts


def test_the_demo_has_2022_and_2024_and_the_other_figures(demo_county):
    assert figure("consultations", demo_county, 2022).result.value == 1086
    assert figure("consultations", demo_county, 2024).result.value == 1318
    assert figure("lectures", demo_county).display == "72次"
    assert 0.9 < figure("duty_compliance_rate", demo_county).result.value / 100 < 1
    decision = figure("legal_aid_timely_decision_rate", demo_county).result
    assert decision.denominator == 45 and 0 < decision.numerator < 45
    assert figure("certification_items", demo_county).display == "8项"
    false = figure("false_commitment_rate", demo_county).result
    assert (false.numerator, false.denominator) == (2, 84)
    # the demo account "advisor" serves 育才社区, whose adviser is under contract until 2026
    current = AdvisorAppointment.current_on(date(2026, 6, 1)).get(village__code="430771004001")
    assert current.advisor_name == "刘建华"
