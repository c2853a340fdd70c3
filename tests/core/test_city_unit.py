"""A city unit above counties (issue 18): `fazhi setup --division CODE --city` creates the 设区的市 from
the county's 4-digit prefix and places the county under it, idempotently; the city's 依法治市办 role
is granted only at a city."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from fazhi.accounts.services import membership_grant
from fazhi.core.models import Unit
from fazhi.core.units import setup_division
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_setup_places_counties_under_their_city_once(county, capsys):
    summary = setup_division("430771", city=True)
    city = Unit.objects.get(code="430700")
    assert (city.name, city.kind, city.parent) == ("常德市人民政府", Unit.Kind.CITY, None)
    county.refresh_from_db()
    assert county.parent == city and county.path == "430700/430771/"
    township = Unit.objects.filter(parent=county, kind=Unit.Kind.TOWNSHIP).first()
    assert township.path.startswith("430700/430771/")  # the sub-units followed
    units = Unit.objects.count()
    setup_division("430771")  # run again without --city: the county stays under its city
    call_command("fazhi_setup", "--division", "430721", "--city")
    assert "上级：常德市人民政府（430700）" in capsys.readouterr().out
    county.refresh_from_db()
    assert county.parent == city and summary.county == county
    assert Unit.objects.count() > units and Unit.objects.filter(kind=Unit.Kind.CITY).count() == 1
    with pytest.raises(ValidationError, match="没有所属的设区的市"):
        setup_division("110101", city=True)  # 东城区: a municipality's district has no city above it


def test_the_city_role_is_granted_only_at_a_city(county, secadmin):
    user = make_user("x", None, None)
    with pytest.raises(ValidationError, match="只能授予在设区的市单位"):
        membership_grant(user=user, unit=county, role="city_coordinator", by=secadmin)
