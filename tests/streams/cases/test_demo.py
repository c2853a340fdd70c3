"""The demo: six departments' cases, one 重大 case through 法制审核, one late; last year's closed
cases again (numbered from 101); idempotent."""

from __future__ import annotations

import pytest
from django.utils import timezone

from fazhi.demo.management.commands.fazhi_demo import Command
from fazhi.indicators.engine import compute_figure
from fazhi.indicators.registry import Period
from fazhi.streams.cases import demo
from fazhi.streams.cases.models import EnforcementCase

pytestmark = pytest.mark.django_db


def test_the_demo_has_each_departments_cases_and_a_second_run_adds_nothing():
    county = Command()._units()
    demo.load(county)
    count = EnforcementCase.objects.count()
    demo.load(county)
    closed_specs = [spec for spec in demo.CASES if spec[-1] == "closed"]
    assert EnforcementCase.objects.count() == count == len(demo.CASES) + len(closed_specs)
    last_year = EnforcementCase.objects.filter(case_no__regex=r"〕1[0-9][0-9]号$")
    assert last_year.count() == len(closed_specs)
    assert {c.closed_on.year for c in last_year} == {timezone.localdate().year - 1}
    assert all(not c.missing_records() for c in last_year)
    this_year = EnforcementCase.objects.exclude(pk__in=last_year)
    assert this_year.values("unit").distinct().count() >= 5
    major = this_year.get(major=True, state="closed")
    assert major.reviewer_name == demo.REVIEWER and major.reviewed_on <= major.decided_on
    assert major.unit.short_name == "生态环境分局"
    assert this_year.filter(state="closed").count() == 6
    assert this_year.exclude(state="closed").filter(year=timezone.localdate().year).exists()
    late = this_year.get(cause__contains="非法占用集体土地")
    limit = late.deadlines.get(key="case_limit")
    assert limit.met_on > limit.due
    assert late.party_type == "person"
    extended = EnforcementCase.objects.get(cause__contains="擅自采砂")
    assert extended.extensions.count() == 1
    span = Period(min(c.closed_on for c in this_year.filter(state="closed")), timezone.localdate())
    on_time = compute_figure("cases.closed_on_time_rate", county, span).result
    assert (on_time.numerator, on_time.denominator) == (4, 5)
    review = compute_figure("cases.legal_review_rate", county, Period(major.decided_on, major.decided_on)).result
    assert review.value == 100
    assert all(not c.missing_records() for c in this_year.filter(state="closed"))
