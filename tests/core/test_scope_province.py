"""ALL-scoped roles read their own government's units when a database holds several counties."""

from __future__ import annotations

import pytest

from fazhi.core import scope
from fazhi.core.models import Unit
from fazhi.core.roles import Role
from fazhi.core.units import unit_add
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
GOV, DEPT = Unit.Kind.GOVERNMENT, Unit.Kind.DEPARTMENT


@pytest.fixture
def province():
    root = unit_add(code="430000", name="湖南省人民政府", kind=GOV, parent=None)
    a = unit_add(code="430102", name="芙蓉区人民政府", kind=GOV, parent=root)
    b = unit_add(code="430103", name="天心区人民政府", kind=GOV, parent=root)
    return {"root": root, "a": a, "b": b,
            "a_justice": unit_add(code="430102-D01", name="芙蓉区司法局", kind=DEPT, parent=a),
            "b_justice": unit_add(code="430103-D01", name="天心区司法局", kind=DEPT, parent=b),
            "court": unit_add(code="X01", name="市中级人民法院", kind=Unit.Kind.EXTERNAL, parent=None)}


def test_a_county_coordinator_reads_that_county_and_a_province_leader_the_province(province):
    coordinator = make_user("a_coord", province["a_justice"], Role.COORDINATOR)
    readable = set(scope.units_for(coordinator, "records.read").values_list("code", flat=True))
    assert readable == {"430102", "430102-D01"}
    assert scope.can(coordinator, "records.read", province["a_justice"])
    assert not scope.can(coordinator, "records.read", province["b_justice"])
    assert not scope.covers_all(coordinator, "records.read")
    leader = make_user("prov_leader", province["root"], Role.LEADER)
    assert scope.can(leader, "records.read", province["b_justice"])
    assert set(scope.units_for(leader, "records.read").values_list("code", flat=True)) == {
        "430000", "430102", "430103", "430102-D01", "430103-D01"}


def test_in_a_one_county_database_all_still_means_every_unit(county, justice_unit):
    court = unit_add(code="X09", name="市中级人民法院", kind=Unit.Kind.EXTERNAL, parent=None)
    coordinator = make_user("coord1", justice_unit, Role.COORDINATOR)
    assert scope.covers_all(coordinator, "records.read")
    assert scope.can(coordinator, "records.read", court)
