"""A unit filter lists the levels that fit, not thousands of units, and still takes any unit in scope."""

from __future__ import annotations

import pytest

from fazhi.core.models import Unit
from fazhi.core.units import unit_choices

pytestmark = pytest.mark.django_db


def test_a_long_unit_list_shows_the_top_levels_and_the_chosen_unit(county, market_unit, transport_unit, justice_unit):
    units = Unit.objects.filter(path__startswith=county.path)
    assert [label.strip("　") for _, label in unit_choices(units, limit=10_000)][1:] == [
        u.name for u in units.order_by("path")]
    short = unit_choices(units, limit=1)
    assert [pk for pk, _ in short] == ["", county.pk]
    with_chosen = unit_choices(units, selected=str(market_unit.pk), limit=1)
    assert (market_unit.pk, "　" + market_unit.name) in with_chosen


def test_the_ledger_filter_accepts_a_unit_that_is_not_listed(login, coordinator, county, market_unit,
                                                             transport_unit, monkeypatch):
    from fazhi.core import units as core_units

    monkeypatch.setattr(core_units.unit_choices, "__defaults__", (None, 1))  # limit: one option
    client = login(coordinator)
    page = client.get("/s/study/", {"unit": market_unit.pk}).content.decode()
    select = page[page.index('name="unit"'):]
    select = select[:select.index("</select>")]
    assert f'value="{market_unit.pk}" selected' in select  # the chosen unit, valid though not listed
    assert county.name in select and transport_unit.name not in select
