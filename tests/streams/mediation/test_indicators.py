"""The mediation figures on fixed data: what counts in the numerator and the denominator."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.registry import menu_for, streams
from fazhi.indicators.engine import compute_figure
from fazhi.indicators.registry import Period, compute, load_all
from fazhi.streams.mediation.models import MediationCase, MediationCommittee, MediatorTraining

pytestmark = pytest.mark.django_db

YEAR = Period.year(2023)
KEYS = {"mediation.cases", "mediation.settled", "mediation.success_rate", "mediation.trainings",
        "mediation.overdue_cases", "mediation.agreement_performance_rate", "mediation.within_term_rate",
        "mediation.judicial_confirmations"}


def test_the_stream_plugs_in_with_its_four_ledgers(clerk):
    assert "mediation" in [m.key for m in streams()]
    menus = dict((m.label, [e.label for e in es]) for m, es in menu_for(clerk))
    assert menus["人民调解"] == ["调解案件", "人民调解委员会", "人民调解员", "调解员培训"]


def test_the_indicators_are_registered_under_stable_keys():
    registered = load_all()
    assert KEYS <= set(registered)
    rate = registered["mediation.success_rate"]
    assert (rate.label, rate.unit, rate.precision) == ("调解成功率", "%", 1)


@pytest.fixture
def committee(county) -> MediationCommittee:
    return MediationCommittee.objects.create(unit=county, year=2023, name="调委会", state="active")


def case(committee, n: int, state: str, accepted: date, **fields) -> MediationCase:
    record = MediationCase(unit=committee.unit, committee=committee, year=accepted.year, state=state,
                           registration_number=f"第{n}号", dispute_type="neighbour", accepted_on=accepted,
                           party_a_name="甲", **fields)
    record.full_clean()
    record.save()
    return record


def settled(committee, n: int, accepted: date, performance: str = "", **fields) -> MediationCase:
    concluded = fields.pop("concluded_on", accepted)
    return case(committee, n, "closed" if performance else "agreed", accepted, result="success",
                concluded_on=concluded, agreement_form=fields.pop("agreement_form", "oral"),
                performance=performance, follow_up_on=concluded if performance else None, **fields)


@pytest.fixture
def cases_2023(committee):
    settled(committee, 1, date(2023, 1, 5), "performed")
    settled(committee, 2, date(2023, 3, 5), "performed")
    settled(committee, 3, date(2023, 6, 5), "partial", over_term=True, concluded_on=date(2023, 7, 20))
    settled(committee, 4, date(2023, 12, 30))  # concluded, not yet visited
    case(committee, 5, "failed", date(2023, 4, 1), result="failed", concluded_on=date(2023, 4, 20))
    case(committee, 6, "mediating", date(2023, 12, 20))  # still being mediated
    case(committee, 7, "declined", date(2023, 5, 1))  # a party refused: never mediated
    settled(committee, 8, date(2022, 12, 20), concluded_on=date(2023, 1, 25), over_term=True)  # last year's intake


def test_mediated_and_settled_count_the_years_intake(county, cases_2023):
    units = county.descendants()
    assert compute("mediation.cases", units, YEAR).value == 6
    assert compute("mediation.settled", units, YEAR).value == 4
    rate = compute_figure("mediation.success_rate", county, YEAR)
    assert (rate.result.numerator, rate.result.denominator, rate.display) == (4, 6, "66.7%")


def test_a_year_without_cases_has_no_success_rate(county):
    assert compute_figure("mediation.success_rate", county, Period.year(2021)).display == "—"


def test_overdue_cases_are_those_concluded_in_the_period_after_the_term(county, cases_2023):
    result = compute("mediation.overdue_cases", county.descendants(), YEAR)
    assert sorted(result.records.values_list("registration_number", flat=True)) == ["第3号", "第8号"]
    within = compute("mediation.within_term_rate", county.descendants(), YEAR)
    assert (within.numerator, within.denominator) == (4, 6)


def test_performance_rate_counts_fully_performed_agreements_among_those_visited(county, cases_2023):
    result = compute("mediation.agreement_performance_rate", county.descendants(), YEAR)
    assert (result.numerator, result.denominator) == (2, 3)


def test_trainings_count_sessions_held_in_the_period(county):
    MediatorTraining.objects.create(unit=county, year=2023, topic="甲", organiser="司法局", state="held",
                                    held_on=date(2023, 3, 1), participants=30)
    MediatorTraining.objects.create(unit=county, year=2023, topic="乙", organiser="司法局", state="planned")
    MediatorTraining.objects.create(unit=county, year=2023, topic="丙", organiser="司法局", state="cancelled",
                                    held_on=date(2023, 5, 1))
    assert compute_figure("mediation.trainings", county, YEAR).display == "1次"


def test_judicial_confirmations_count_applications_in_the_period(county, committee):
    settled(committee, 1, date(2023, 2, 1), agreement_form="written", agreement_date=date(2023, 2, 1),
            confirmation_applied_on=date(2023, 2, 10), confirmation_result="valid")
    assert compute("mediation.judicial_confirmations", county.descendants(), YEAR).value == 1


def test_another_countys_units_are_not_counted(county, committee, transport_unit, market_unit):
    settled(committee, 1, date(2023, 2, 1))
    assert compute("mediation.cases", market_unit.descendants(), YEAR).value == 0
    assert compute("mediation.cases", county.descendants(), YEAR).value == 1
