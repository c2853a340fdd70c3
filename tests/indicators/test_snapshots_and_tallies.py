"""Closed-year snapshots equal the figures recomputed from the records, before and after a
change; batched tallies equal one count per queryset and take one query per table."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from fazhi.accounts.models import Role
from fazhi.benchdata.generate import generate
from fazhi.core.ledger import record_update
from fazhi.core.models import Unit
from fazhi.indicators import snapshots
from fazhi.indicators.engine import compute_all, compute_all_for, month_trend, rollup
from fazhi.indicators.models import Snapshot
from fazhi.indicators.registry import Period, Result, settle_all
from fazhi.streams.mediation.models import MediationCase
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
YEAR = 2024


@pytest.fixture(scope="module")
def two_counties(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        generate(scale="province", counties=2, years=2, seed=5, records=900, until=date(2025, 6, 30))
        yield list(Unit.objects.filter(kind=Unit.Kind.GOVERNMENT).order_by("path"))
        transaction.set_rollback(True)


def _figures(figures: dict) -> dict:
    return {k: (f.result.value, f.result.numerator, f.result.denominator) for k, f in figures.items()}


def test_the_province_roll_up_from_snapshots_equals_the_live_figures(two_counties):
    period = Period.year(YEAR)
    live = _figures(compute_all_for(Unit.objects.all(), period))
    assert rollup(None, period) is None  # nothing closed yet
    assert snapshots.close(YEAR) == 2 * len(live)
    from_snapshots = rollup(None, period)
    assert from_snapshots is not None and _figures(from_snapshots) == live
    assert sum(f.from_snapshot for f in from_snapshots.values()) == len(live)
    assert any(v[0] for v in live.values())  # the data is not empty
    county = two_counties[0]
    assert _figures(compute_all(county, period)) == _figures(compute_all(county, period, use_snapshots=False))
    assert snapshots.verify(YEAR) == []


def test_a_change_to_a_record_of_a_closed_year_drops_that_countys_snapshots_only(two_counties):
    period = Period.year(YEAR)
    snapshots.close(YEAR)
    first, second = two_counties
    case = (MediationCase.objects.filter(unit__path__startswith=first.path, accepted_on__year=YEAR, result="success",
                                         performance="").exclude(state="declined").first())
    key = "mediation.agreement_performance_rate"
    before = compute_all(first, period)[key].result
    clerk = make_user("snapclerk", case.unit, Role.CLERK)
    record_update(case, by=clerk, performance=MediationCase.Performance.PERFORMED)
    assert not Snapshot.objects.filter(unit=first, year=YEAR).exists()
    assert Snapshot.objects.filter(unit=second, year=YEAR).exists()
    after = compute_all(first, period)[key].result
    assert (after.numerator, after.denominator) == (before.numerator + 1, before.denominator + 1)
    assert _figures(rollup(None, period)) == _figures(compute_all_for(Unit.objects.all(), period))


def test_verify_names_a_snapshot_that_differs_and_close_refuses_an_open_year(two_counties):
    snapshots.close(YEAR)
    Snapshot.objects.filter(year=YEAR, key="mediation.cases").update(value="i:999999")
    problems = snapshots.verify(YEAR)
    assert len(problems) == 2 and all("mediation.cases" in p and "快照" in p for p in problems)
    with pytest.raises(CommandError, match="不一致"):
        call_command("fazhi_snapshot", "verify", "--year", str(YEAR))
    with pytest.raises(CommandError, match="尚未结束"):
        call_command("fazhi_snapshot", "close", "--year", str(date.today().year))


def test_tallies_equal_single_counts_and_take_one_query_per_table(two_counties):
    county = two_counties[0]
    units = county.descendants()
    months = [Period.month(YEAR, m) for m in range(1, 13)]
    querysets = [MediationCase.objects.filter(unit__in=units, accepted_on__gte=p.start, accepted_on__lte=p.end)
                 for p in months]
    expected = [qs.count() for qs in querysets]
    assert sum(expected) > 0
    with CaptureQueriesContext(connection) as queries:
        results = settle_all([Result.count(qs) for qs in querysets]
                             + [Result.ratio(qs.filter(result="success"), qs) for qs in querysets]
                             + [Result.total(MediationCase.objects.filter(pk__in=[]), "pk")])
    assert len(queries) == 1
    assert [r.value for r in results[:12]] == expected
    assert [r.denominator for r in results[12:24]] == expected
    assert [r.numerator for r in results[12:24]] == [qs.filter(result="success").count() for qs in querysets]
    assert results[24].value == 0
    # A filter with "pk IN (subquery)" is counted in a query of its own (a semi-join), the rest together.
    settled = MediationCase.objects.filter(result="success").values("pk")
    with CaptureQueriesContext(connection) as queries:
        inside, plain = settle_all([Result.count(querysets[0].filter(pk__in=settled)), Result.count(querysets[1])])
    assert len(queries) == 2
    assert (inside.value, plain.value) == (querysets[0].filter(pk__in=settled).count(), expected[1])
    trend = month_trend("mediation.cases", county, YEAR)
    assert [f.result.value for _m, f in trend] == [
        compute_all(county, p, keys=["mediation.cases"], use_snapshots=False)["mediation.cases"].result.value
        for p in months]


def test_every_process_listens_for_changes_before_it_reads_a_roll_up():
    import os
    import subprocess
    import sys

    code = ("import django; django.setup(); from fazhi.core import audit; "
            "assert audit.recorded.has_listeners(), 'no snapshot receiver'")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "fazhi.settings"}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, timeout=120)


def test_a_bulk_import_of_many_records_drops_snapshots_in_a_few_queries(two_counties):
    from fazhi.core import audit
    from fazhi.core.models import AuditEvent

    snapshots.close(YEAR)
    first, second = two_counties
    cases = list(MediationCase.objects.filter(unit__path__startswith=first.path, accepted_on__year=YEAR))
    assert len(cases) > 20
    events = [audit.build(action=audit.Action.UPDATE, obj=c, before={"remarks": ""}, after={"remarks": "x"})
              for c in cases]
    with CaptureQueriesContext(connection) as queries:
        audit.recorded.send(sender=AuditEvent, events=events)
    assert len(queries) <= 12
    assert not Snapshot.objects.filter(unit=first, year=YEAR).exists()
    assert Snapshot.objects.filter(unit=second, year=YEAR).exists()


UNSETTLED = {"petitions.cessation_rate", "petitions.timely_acceptance_rate", "litigation.answers_on_time_rate"}
EARLY = date(YEAR + 1, 1, 10)  # the year closed, these figures' windows still running


def test_figures_that_still_depend_on_today_are_snapshotted_provisional_until_they_settle(two_counties):
    period = Period.year(YEAR)
    snapshots.close(YEAR, today=EARLY)
    provisional = set(Snapshot.objects.filter(year=YEAR, provisional=True).values_list("key", flat=True))
    assert UNSETTLED <= provisional
    assert Snapshot.objects.filter(year=YEAR, key="mediation.cases", provisional=False).count() == 2
    # today they have settled: a provisional snapshot taken before is not read, the figure is live
    figures = rollup(None, period)
    assert _figures(figures) == _figures(compute_all_for(Unit.objects.all(), period))
    assert not any(f.provisional for f in figures.values())


def test_the_roll_up_reads_provisional_snapshots_and_marks_them_until_they_settle(
        two_counties, django_capture_on_commit_callbacks):
    import time_machine

    period = Period.year(YEAR)
    with time_machine.travel(f"{EARLY:%Y-%m-%d} 10:00 +0800", tick=False):
        snapshots.close(YEAR)
        live = compute_all_for(Unit.objects.all(), period)
        with CaptureQueriesContext(connection) as queries:
            figures = rollup(None, period)
        assert _figures(figures) == _figures(live)
        assert {k for k, f in figures.items() if f.provisional} >= UNSETTLED
        assert not figures["mediation.cases"].provisional
        assert len(queries) < 20  # read from the snapshots, provisional ones included

        first, second = two_counties
        case = MediationCase.objects.filter(unit__path__startswith=first.path, accepted_on__year=YEAR).first()
        clerk = make_user("snapshot-clerk", case.unit, Role.CLERK)
        with django_capture_on_commit_callbacks(execute=True):  # as if committed: the refresh runs
            record_update(case, by=clerk, mediator=case.mediator + "（代）")  # drops the county's year
            assert not Snapshot.objects.filter(unit=first, year=YEAR).exists()
            after = rollup(None, period)  # the first county live alone, the second from its snapshots
            assert _figures(after) == _figures(compute_all_for(Unit.objects.all(), period))
        # after the commit the first county's provisional figures are taken again, the settled ones
        # wait for the nightly close
        again = Snapshot.objects.filter(unit=first, year=YEAR)
        assert set(again.values_list("key", flat=True)) >= UNSETTLED
        assert not again.filter(provisional=False).exists()
        assert _figures(rollup(None, period)) == _figures(compute_all_for(Unit.objects.all(), period))

        leader = make_user("snapshot-leader", first, Role.LEADER)
        from django.test import Client

        client = Client()
        client.force_login(leader, backend="fazhi.accounts.backends.AccountBackend")
        html = client.get("/indicators/", {"unit": first.code, "year": YEAR}).content.decode()
        row = html.split('data-key="petitions.cessation_rate"')[1].split("</td>")[0]
        assert "暂定" in row
        assert "暂定" not in html.split('data-key="mediation.cases"')[1].split("</td>")[0]
        drill = client.get("/indicators/petitions.cessation_rate/", {"unit": first.code, "year": YEAR})
        assert "暂定" in drill.content.decode().split("</h1>")[0]
