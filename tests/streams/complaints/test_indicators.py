"""Complaint indicators on fixed data."""

from __future__ import annotations

from datetime import date

import pytest
from django.db.models import F

from fazhi.core.deadlines import deadline_meet, deadlines_of
from fazhi.indicators.engine import compute_figure
from fazhi.indicators.registry import Period
from fazhi.streams.complaints.models import Complaint
from tests.streams.complaints.conftest import new_complaint

pytestmark = pytest.mark.django_db


def test_received_on_time_and_closed_rates(county, clerk, market_unit):
    def replied(c, on, state="replied"):
        Complaint.objects.filter(pk=c.pk).update(state=state, reply="已答复", replied_on=on)
        deadline_meet(deadline=deadlines_of(c).get(), on=on)

    a = new_complaint(clerk, market_unit, received_on=date(2024, 3, 1))
    b = new_complaint(clerk, market_unit, received_on=date(2024, 3, 4), anonymous=True, reporter_name="",
                      finding="false")
    c = new_complaint(clerk, market_unit, received_on=date(2024, 5, 6), finding="partly")
    new_complaint(clerk, market_unit, year=2023, received_on=date(2023, 12, 1))
    replied(a, date(2024, 3, 15), "closed")  # on time
    replied(b, date(2024, 5, 6), "closed")  # late: due 2024-03-25
    replied(c, date(2024, 5, 10))
    year = Period.year(2024)
    assert compute_figure("complaints.received", county, year).result.value == 3

    def parts(key):
        f = compute_figure(key, county, year)
        return f.result.numerator, f.result.denominator, f.display

    assert parts("complaints.replied_on_time_rate") == (2, 3, "66.7%")
    assert parts("complaints.closed_rate") == (2, 3, "66.7%")
    assert parts("complaints.named_reply_rate") == (2, 2, "100%")
    assert parts("complaints.substantiation_rate") == (1, 2, "50%")
    assert Complaint.objects.filter(deadlines__due__lt=F("deadlines__met_on")).count() == 1
