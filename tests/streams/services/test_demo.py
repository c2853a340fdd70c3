"""The demo reproduces the seed report's 2023 service figures and is safe to run twice."""

from __future__ import annotations

import pytest

from fazhi.demo.management.commands.fazhi_demo import Command
from fazhi.indicators.engine import compute_figure
from fazhi.indicators.registry import Period
from fazhi.streams.services import demo
from fazhi.streams.services.models import ServiceItem, ServiceRating

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_county():
    county = Command()._units()
    demo.load(county)
    return county


def test_2023_gives_the_reports_figures_and_a_second_run_adds_nothing(demo_county):
    year = Period.year(2023)
    online = compute_figure("services.online_rate", demo_county, year)
    assert online.display == "99.87%"
    assert (online.result.numerator, online.result.denominator) == (770, 771)
    assert compute_figure("services.one_window_departments", demo_county, year).result.value == 12
    assert compute_figure("services.one_window_items", demo_county, year).result.value == 80
    assert compute_figure("services.high_frequency_one_visit_rate", demo_county, year).display == "100%"
    assert compute_figure("services.rectification_rate", demo_county, year).display == "100%"
    timely = compute_figure("services.timely_rectification_rate", demo_county, year)
    assert (timely.result.numerator, timely.result.denominator) == (7, 8)
    counts = (ServiceItem.objects.count(), ServiceRating.objects.count())
    demo.load(demo_county)
    assert (ServiceItem.objects.count(), ServiceRating.objects.count()) == counts


def test_other_years_differ_from_2023(demo_county):
    y2022 = compute_figure("services.online_rate", demo_county, Period.year(2022))
    assert y2022.result.denominator == 760 and y2022.display != "99.87%"
    assert compute_figure("services.one_window_departments", demo_county, Period.year(2022)).result.value == 10
    assert compute_figure("services.one_window_items", demo_county, Period.year(2024)).result.value == 92
    assert compute_figure("services.high_frequency_one_visit_rate", demo_county, Period.year(2022)).display != "100%"
