"""PET-1..PET-6 on fixed data, and the demo reproducing the seed report's figures."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command

from fazhi.core.deadlines import deadlines_of, status
from fazhi.core.models import Unit
from fazhi.indicators.registry import Period, compute, get, load_all
from fazhi.streams.petitions import indicators
from fazhi.streams.petitions.models import Petition, Reception
from tests.streams.petitions.conftest import synthetic_id

pytestmark = pytest.mark.django_db
Y2023 = Period.year(2023)
KEYS = {"petitions.registered", "petitions.timely_acceptance_rate", "petitions.on_time_closing_rate",
        "petitions.evaluation_rate", "petitions.satisfaction_rate", "petitions.leader_case_resolution_rate",
        "petitions.cessation_rate", "petitions.reception_batches", "petitions.resolved_on_site",
        "petitions.on_site_rate"}


def petition(unit, no: int, registered: date, **fields) -> Petition:
    values = {"year": registered.year, "channel": "visit", "category": "claim", "subject": f"事项{no}",
              "petitioner_name": f"信访人{no}", "state": "registered", **fields}
    return Petition.objects.create(unit=unit, reg_no=f"T-{no:03d}", registered_on=registered, **values)


def concluded(unit, no: int, registered: date, accepted: date, replied: date, **fields) -> Petition:
    return petition(unit, no, registered, acceptance_on=accepted, replied_on=replied, opinion="support",
                    state="closed", **fields)


def test_every_indicator_is_registered_under_its_stable_key():
    registry = load_all()
    assert KEYS <= set(registry)
    assert registry["petitions.on_site_rate"].label == "现场解决率"
    assert registry["petitions.reception_batches"].unit == "批次"
    assert registry["petitions.leader_case_resolution_rate"].target == Decimal(85)


def test_timely_acceptance_counts_disposal_within_15_days_rolled_past_national_day(county):
    petition(county, 1, date(2023, 9, 21), routed_on=date(2023, 10, 7), state="routed")  # due 10-07: timely
    petition(county, 2, date(2023, 9, 21), acceptance_on=date(2023, 10, 8), state="handling")  # late
    petition(county, 3, date(2023, 3, 1), acceptance_on=date(2023, 3, 3), state="handling")  # timely
    petition(county, 4, date(2023, 3, 1))  # never disposed: late
    petition(county, 5, date(2024, 1, 2), routed_on=date(2024, 1, 3), state="routed")  # other year
    result = compute("petitions.timely_acceptance_rate", county.descendants(), Y2023)
    assert (result.numerator, result.denominator, result.value) == (2, 4, 50)
    assert compute("petitions.registered", county.descendants(), Y2023).value == 4


def test_a_petition_still_within_its_15_days_is_not_yet_counted(county):
    petition(county, 1, date(2023, 12, 25))
    result = indicators.timely_acceptance_rate(county.descendants(), Y2023, today=date(2024, 1, 5))
    assert (result.numerator, result.denominator, result.value) == (0, 0, None)
    result = indicators.timely_acceptance_rate(county.descendants(), Y2023, today=date(2024, 1, 20))
    assert (result.numerator, result.denominator) == (0, 1)


def test_on_time_closing_allows_60_days_and_30_more_on_an_approved_extension(county):
    concluded(county, 1, date(2023, 12, 1), date(2023, 12, 12), date(2024, 2, 18))  # due 2-18 (Spring Festival)
    concluded(county, 2, date(2023, 12, 1), date(2023, 12, 12), date(2024, 2, 19))  # a day late
    concluded(county, 3, date(2023, 12, 1), date(2023, 12, 12), date(2024, 3, 11),
              extension_approved_on=date(2024, 2, 1), extension_approver="负责人", extension_reason="复杂")
    concluded(county, 4, date(2023, 10, 1), date(2023, 10, 9), date(2023, 11, 1))  # concluded in 2023
    result = compute("petitions.on_time_closing_rate", county.descendants(), Period.year(2024))
    assert (result.numerator, result.denominator) == (2, 3)
    assert get("petitions.on_time_closing_rate").display(result) == "66.7%"


def test_evaluation_and_satisfaction_rates_and_the_basic_satisfied_setting(county, settings):
    d = date(2023, 3, 1)
    for no, rating in enumerate(["satisfied", "satisfied", "basic", "unsatisfied", "none"], start=1):
        concluded(county, no, d, d, d + timedelta(days=30), satisfaction=rating)
    evaluated = compute("petitions.evaluation_rate", county.descendants(), Y2023)
    assert (evaluated.numerator, evaluated.denominator, evaluated.value) == (4, 5, 80)
    satisfied = compute("petitions.satisfaction_rate", county.descendants(), Y2023)
    assert (satisfied.numerator, satisfied.denominator, satisfied.value) == (2, 4, 50)
    settings.FAZHI_PETITIONS_COUNT_BASIC_SATISFIED = True
    assert compute("petitions.satisfaction_rate", county.descendants(), Y2023).value == 75


def test_leader_case_resolution_rate(county):
    petition(county, 1, date(2023, 2, 1), leader_case=True, leader_name="刘建国", leader_resolved=True)
    petition(county, 2, date(2023, 2, 1), leader_case=True, leader_name="刘建国")
    petition(county, 3, date(2023, 2, 1))
    result = compute("petitions.leader_case_resolution_rate", county.descendants(), Y2023)
    assert (result.numerator, result.denominator, result.value) == (1, 2, 50)


def test_cessation_counts_no_repeat_within_the_window_after_the_last_written_answer(county, settings):
    same = synthetic_id()
    a = concluded(county, 1, date(2023, 1, 5), date(2023, 1, 10), date(2023, 2, 1), subject="征地补偿",
                  petitioner_id_number=same)
    concluded(county, 2, date(2023, 1, 5), date(2023, 1, 10), date(2023, 2, 1))  # never came back
    b = concluded(county, 3, date(2023, 1, 5), date(2023, 1, 10), date(2023, 2, 1))
    petition(county, 4, date(2023, 6, 1), subject="征地补偿", petitioner_id_number=same)  # repeat of 1, day 120
    petition(county, 5, date(2023, 9, 1), earlier_reg_no=b.reg_no)  # repeat of 3, day 212
    result = indicators.cessation_rate(county.descendants(), Y2023, today=date(2024, 6, 1))
    assert (result.numerator, result.denominator) == (2, 3)
    assert a not in {p for p in result.records if not indicators.repeats_within(p, 180).exists()}
    settings.FAZHI_PETITIONS_CESSATION_DAYS = 365
    result = indicators.cessation_rate(county.descendants(), Y2023, today=date(2024, 6, 1))
    assert (result.numerator, result.denominator) == (1, 3)


def test_cessation_waits_for_the_window_to_end(county):
    concluded(county, 1, date(2023, 10, 1), date(2023, 10, 9), date(2023, 11, 1))
    assert indicators.cessation_rate(county.descendants(), Y2023, today=date(2024, 3, 1)).denominator == 0
    assert indicators.cessation_rate(county.descendants(), Y2023, today=date(2024, 5, 1)).numerator == 1


def test_reception_batches_on_site_and_rate(county):
    Reception.objects.create(unit=county, year=2023, state="recorded", received_on=date(2023, 3, 1),
                             kind="leader", receiver="刘建国", batches=7, resolved_on_site=5)
    Reception.objects.create(unit=county, year=2023, state="recorded", received_on=date(2023, 3, 2),
                             kind="lawyer", receiver="王志强律师", batches=3, resolved_on_site=3)
    Reception.objects.create(unit=county, year=2024, state="recorded", received_on=date(2024, 1, 3),
                             kind="lawyer", receiver="王志强律师", batches=9, resolved_on_site=0)
    units = county.descendants()
    assert compute("petitions.reception_batches", units, Y2023).value == 10
    assert compute("petitions.resolved_on_site", units, Y2023).value == 8
    result = compute("petitions.on_site_rate", units, Y2023)
    assert (result.numerator, result.denominator, result.value) == (8, 10, 80)


def test_the_demo_reproduces_202_batches_and_159_resolved_on_site_in_2023(db):
    call_command("fazhi_demo", streams="petitions")
    units = Unit.objects.get(code="430771").descendants()
    assert compute("petitions.reception_batches", units, Y2023).value == 202
    assert compute("petitions.resolved_on_site", units, Y2023).value == 159
    rate = compute("petitions.on_site_rate", units, Y2023)
    assert get("petitions.on_site_rate").display(rate) == "78.7%"
    assert {"领导接访", "律师坐班接访", "约访"} == {r.get_kind_display() for r in rate.records}
    assert compute("petitions.registered", units, Y2023).value == 33
    for key in KEYS:
        assert compute(key, units, Y2023).value is not None, key


def test_the_demo_has_open_current_year_petitions_one_overdue_and_runs_twice_without_duplicates(db):
    from django.utils import timezone

    call_command("fazhi_demo", streams="petitions")
    counts = (Petition.objects.count(), Reception.objects.count())
    call_command("fazhi_demo", streams="petitions")
    assert (Petition.objects.count(), Reception.objects.count()) == counts
    today = timezone.localdate()
    current = Petition.objects.filter(year=today.year).exclude(state__in=["closed", "not_accepted"])
    statuses = [status(d, today) for p in current for d in deadlines_of(p) if not d.met_on]
    assert "overdue" in statuses and "due_soon" in statuses


def test_every_demo_page_opens_for_the_coordinator_and_the_head_sees_the_extension_button(client):
    from fazhi.accounts.models import User

    call_command("fazhi_demo", streams="petitions")
    client.force_login(User.objects.get(username="coordinator"), backend="fazhi.accounts.backends.AccountBackend")
    assert "XF-2023-0016" in client.get("/s/petitions/", {"year": 2023, "q": "征地"}).content.decode()
    for p in Petition.objects.all():
        assert client.get(p.get_absolute_url()).status_code == 200, p.reg_no
    assert client.get("/s/petitions/receptions/", {"kind": "leader"}).status_code == 200
    client.force_login(User.objects.get(username="head"), backend="fazhi.accounts.backends.AccountBackend")
    open_case = Petition.objects.get(reg_no__endswith="-0004", state="handling", unit__short_name="市场监管局")
    assert "批准延期" in client.get(open_case.get_absolute_url()).content.decode()
