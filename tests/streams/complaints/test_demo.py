"""The demo: announcements and reports for 2022–2024, idempotent; the demo query code works."""

from __future__ import annotations

import pytest

from fazhi.demo.management.commands.fazhi_demo import Command
from fazhi.indicators.engine import compute_figure
from fazhi.indicators.registry import Period
from fazhi.streams.complaints import demo
from fazhi.streams.complaints.models import Announcement, Complaint
from fazhi.streams.complaints.services import complaint_lookup

pytestmark = pytest.mark.django_db


def test_the_demo_has_three_years_of_reports_and_a_second_run_adds_nothing():
    county = Command()._units()
    demo.load(county)
    counts = (Complaint.objects.count(), Announcement.objects.count())
    demo.load(county)
    assert (Complaint.objects.count(), Announcement.objects.count()) == counts
    year = Period.year(2023)
    assert compute_figure("complaints.received", county, year).result.value == 24
    on_time = compute_figure("complaints.replied_on_time_rate", county, year)
    assert (on_time.result.numerator, on_time.result.denominator) == (22, 24)
    assert compute_figure("complaints.announcements", county, year).result.value == 2
    assert Announcement.objects.filter(title__contains="道路交通安全和运输执法领域突出问题").exists()
    status = complaint_lookup("JB2023-0001", demo.DEMO_QUERY_CODE)
    assert status is not None and status.stage == "已办结"
