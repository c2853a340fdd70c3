"""Service indicators on a small fixed catalogue: numerators and denominators."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.indicators.engine import compute_figure
from fazhi.indicators.registry import Period
from tests.streams.services.conftest import new_item, new_rating

pytestmark = pytest.mark.django_db

Y2024 = Period.year(2024)


def figure(key: str, unit):
    f = compute_figure(key, unit, Y2024)
    return f.result.numerator, f.result.denominator, f.display


@pytest.fixture
def catalogue(clerk, other_clerk, market_unit, transport_unit):
    on = {"state": "published", "published_on": date(2024, 1, 5)}
    new_item(clerk, market_unit, code="M001", legal_limit_days=20, promised_limit_days=5, high_frequency=True,
             one_window=True, in_centre=True, **on)
    new_item(clerk, market_unit, code="M002", online_level="partial", legal_limit_days=20, promised_limit_days=10,
             max_visits=2, high_frequency=True, **on)
    new_item(clerk, market_unit, code="M003", online_level="none", legal_limit_days=None, max_visits=1, **on)
    new_item(clerk, market_unit, code="M004")  # draft: not in the catalogue
    new_item(clerk, market_unit, code="M005", online_level="none", state="withdrawn", published_on=date(2024, 1, 5),
             withdrawn_on=date(2024, 6, 1), withdraw_reason="取消")  # withdrawn before the end of 2024
    new_item(other_clerk, transport_unit, code="T001", one_window=True, in_centre=True, **on)


def test_catalogue_indicators_count_the_items_in_force_at_the_end_of_the_year(county, catalogue):
    assert figure("services.online_rate", county) == (3, 4, "75%")
    assert figure("services.full_online_rate", county) == (2, 4, "50%")
    assert compute_figure("services.one_window_items", county, Y2024).result.value == 2
    assert compute_figure("services.one_window_departments", county, Y2024).result.value == 2
    assert figure("services.high_frequency_one_visit_rate", county) == (1, 2, "50%")
    assert figure("services.one_visit_rate", county) == (3, 4, "75%")
    assert figure("services.centre_rate", county) == (2, 4, "50%")
    # (20 + 20 + 20) statutory days of M1, M2, T1; promised 5 + 10 + 5: saved 40 of 60.
    assert figure("services.time_compression_rate", county) == (40, 60, "66.7%")
    # The first half of 2024 still had M5 in the catalogue.
    half = compute_figure("services.online_rate", county, Period(date(2024, 1, 1), date(2024, 3, 31)))
    assert (half.result.numerator, half.result.denominator) == (3, 5)


def test_rating_indicators(county, clerk, market_unit, catalogue):
    new_rating(clerk, market_unit, item_code="M001", rating_no="R1", level="very_satisfied")
    new_rating(clerk, market_unit, item_code="M001", rating_no="R2", level="basic")
    new_rating(clerk, market_unit, item_code="M001", rating_no="R3", level="dissatisfied", verification="属实",
               rectification="已整改", rectified_on=date(2024, 10, 9), callback_on=date(2024, 10, 10),
               callback_result="satisfied")
    new_rating(clerk, market_unit, item_code="M002", rating_no="R4", level="very_dissatisfied", verification="属实",
               rectification="已整改", rectified_on=date(2024, 10, 21))
    new_rating(clerk, market_unit, item_code="M002", rating_no="R5", level="dissatisfied", real_name=False,
               rater_name="")
    assert compute_figure("services.ratings", county, Y2024).result.value == 5
    assert figure("services.satisfaction_rate", county) == (2, 5, "40%")
    assert figure("services.rectification_rate", county) == (2, 3, "66.7%")
    assert figure("services.timely_rectification_rate", county) == (1, 2, "50%")  # R4 after 10-12
    assert figure("services.callback_rate", county) == (1, 2, "50%")
