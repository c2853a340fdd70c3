"""Shared records of the 重大行政决策 tests: a county-level office that keeps the catalogue, the
2024 catalogue with one item, and a decision of the market unit in 拟定."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.ledger import record_create
from fazhi.core.roles import Role
from fazhi.streams.decisions.models import CatalogueItem, Decision, DecisionCatalogue, DecisionProcedure
from tests.conftest import make_user


@pytest.fixture
def gov_clerk(county):
    """党政办 clerk registered at the county: keeps the county's catalogue."""
    return make_user("govclerk", county, Role.CLERK)


@pytest.fixture
def gov_head(county):
    return make_user("govhead", county, Role.UNIT_HEAD)


@pytest.fixture
def catalogue(gov_clerk, county) -> DecisionCatalogue:
    return record_create(DecisionCatalogue, by=gov_clerk, unit=county, year=2024,
                         title="西洞庭管理区2024年度重大行政决策事项目录")


@pytest.fixture
def item(gov_clerk, catalogue, market_unit) -> CatalogueItem:
    return record_create(CatalogueItem, by=gov_clerk, unit=market_unit, year=2024, catalogue=catalogue, seq=1,
                         name="西洞庭管理区农贸市场提质改造实施方案", category="project",
                         legal_basis="《湖南省农贸市场管理办法》", planned_completion=date(2024, 9, 30))


@pytest.fixture
def decision(clerk, market_unit, item) -> Decision:
    return record_create(Decision, by=clerk, unit=market_unit, year=2024, file_no="西决〔2024〕1号",
                         title="西洞庭管理区农贸市场提质改造实施方案", catalogue_item=item, category="project",
                         legal_basis="《湖南省农贸市场管理办法》")


def add_procedure(decision, kind: str, **values) -> DecisionProcedure:
    """A procedure row written directly (the recording service is tested on its own)."""
    return DecisionProcedure.objects.create(decision=decision, kind=kind, **values)


def decided_decision(by, unit, number: str, *, decided_on: date, legality: bool = True, collective: bool = True,
                     participation: bool = True, required: bool = True, published: bool = True,
                     item=None, state: str = "decided") -> Decision:
    """A decision in a decided state with the given procedures (state set directly)."""
    d = record_create(Decision, by=by, unit=unit, year=decided_on.year, file_no=number, title=f"决策{number}",
                      category="policy", legal_basis="依据", catalogue_item=item,
                      participation_required=required,
                      participation_exemption="" if required else "依法不予公开")
    if participation:
        add_procedure(d, "participation", started_on=date(decided_on.year, 1, 2), ended_on=date(decided_on.year, 1, 31))
    if legality:
        add_procedure(d, "legality", started_on=date(decided_on.year, 2, 1), ended_on=decided_on,
                      conclusion="passed", organiser="司法局")
    if collective:
        add_procedure(d, "collective", started_on=decided_on, ended_on=decided_on, meeting="常务会议",
                      result="通过")
    Decision.objects.filter(pk=d.pk).update(state=state, decided_on=decided_on,
                                            published_on=decided_on if published else None)
    return Decision.objects.get(pk=d.pk)
