"""With several counties in one database, each staff member's pages carry the name of the
government they work for, not the first county set up (issue 23)."""

from __future__ import annotations

import pytest

from fazhi.core.models import Unit
from fazhi.core.roles import Role
from fazhi.core.units import setup_division, unit_add
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_county(county) -> Unit:
    return setup_division("410621").county  # 浚县, set up after 西洞庭


def footer(response) -> str:
    page = response.content.decode()
    return page[page.index('<footer'):page.index('</footer>')]


def test_a_clerk_of_the_second_county_sees_its_name_and_the_first_county_s_clerk_sees_theirs(
        client, county, second_county, clerk):
    office = unit_add(code="410621-D03", name="浚县市场监督管理局", kind=Unit.Kind.DEPARTMENT,
                      parent=second_county)
    other = make_user("xun_clerk", office, Role.CLERK)
    client.force_login(other)
    page = footer(client.get("/home/"))
    assert "浚县" in page and (county.short_name or county.name) not in page
    client.force_login(clerk)
    page = footer(client.get("/home/"))
    assert (county.short_name or county.name) in page and "浚县" not in page


def test_a_reader_of_two_counties_sees_the_first_of_them_when_no_unit_above_both_is_kept(client, county,
                                                                                         second_county):
    from fazhi.accounts.models import Membership

    reader = make_user("reader", county, Role.LEADER)
    Membership.objects.create(user=reader, unit=second_county, role=Role.LEADER)
    client.force_login(reader)
    page = footer(client.get("/home/"))
    assert "浚县" in page  # no unit above both is kept: the first of them by code
