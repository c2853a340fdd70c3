"""Fixtures of the 双随机 tests: 市场监管局's item, a register of entities with valid credit codes
in the county's townships, inspectors (one of them is the ``clerk`` account), a plan and a task."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

import pytest

from fazhi.core.identifiers import USCC_CHARSET, uscc_check_char
from fazhi.core.ledger import record_create
from fazhi.core.models import Unit
from fazhi.core.units import unit_add
from fazhi.streams.inspections.models import (
    Entity,
    InspectionItem,
    InspectionPlan,
    InspectionTask,
    Inspector,
)


def credit_code(rng: random.Random | int = 0, prefix: str = "91") -> str:
    rng = rng if isinstance(rng, random.Random) else random.Random(rng)
    body = prefix + "430771" + "".join(rng.choice(USCC_CHARSET) for _ in range(9))
    return body + uscc_check_char(body)


def bad_check(code: str) -> str:
    return code[:-1] + ("0" if code[-1] != "0" else "1")


@pytest.fixture
def townships(county) -> list[Unit]:
    return list(Unit.objects.filter(kind=Unit.Kind.TOWNSHIP, path__startswith=county.path).order_by("code"))


@pytest.fixture
def agri_unit(county) -> Unit:
    return unit_add(code="430771-D10", name="农业农村局", kind=Unit.Kind.DEPARTMENT, parent=county)


@pytest.fixture
def item(clerk, market_unit) -> InspectionItem:
    return record_create(InspectionItem, by=clerk, unit=market_unit, year=2024, code="SC-001",
                         name="食品销售者经营行为检查", category="food", basis="食品安全法 第一百一十条",
                         method="site", ratio=Decimal(5), frequency="每年1次")


def make_entities(unit: Unit, townships: list[Unit], n: int, seed: int = 1) -> list[Entity]:
    rng = random.Random(seed)
    codes: set[str] = set()
    while len(codes) < n:
        codes.add(credit_code(rng))
    rows = [Entity(unit=unit, year=2024, state="active", name=f"测试食品商行{i:05d}", credit_code=code,
                   entity_type="enterprise", industry="食品销售" if i % 4 else "餐饮服务",
                   township=townships[i % len(townships)], risk_grade="ABCD"[i % 4])
            for i, code in enumerate(sorted(codes))]
    return Entity.objects.bulk_create(rows)


def make_inspectors(unit: Unit, n: int, *, prefix: str = "43077103", townships: list[Unit] | None = None,
                    quals: str = "food", valid_until: date = date(2030, 12, 31)) -> list[Inspector]:
    rows = [Inspector(unit=unit, year=2024, state="active", name=f"检查员{i:03d}", certificate_no=f"{prefix}{i:04d}",
                      valid_until=valid_until, qualifications=quals,
                      residence_township=townships[i % len(townships)] if townships else None)
            for i in range(n)]
    return Inspector.objects.bulk_create(rows)


@pytest.fixture
def entities(market_unit, townships) -> list[Entity]:
    return make_entities(market_unit, townships, 40)


@pytest.fixture
def inspectors(market_unit) -> list[Inspector]:
    return make_inspectors(market_unit, 6)


@pytest.fixture
def plan(clerk, market_unit) -> InspectionPlan:
    return record_create(InspectionPlan, by=clerk, unit=market_unit, year=2024, title="2024年度抽查计划",
                         state="approved")


@pytest.fixture
def make_task(clerk, market_unit, plan, item):
    def _make(**overrides) -> InspectionTask:
        fields = {"plan": plan, "item": item, "year": 2024, "title": "2024年第一批食品销售抽查",
                  "ratio": Decimal(10), "period_start": date(2024, 9, 2), "period_end": date(2024, 10, 31)}
        return record_create(InspectionTask, by=clerk, unit=market_unit, **{**fields, **overrides})

    return _make


@pytest.fixture
def task(make_task, entities, inspectors) -> InspectionTask:
    return make_task()


@pytest.fixture
def on_day(time_machine):
    """on_day(date) makes that date 'today' (10:00 Beijing time), without the clock ticking."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    def _on(day: date) -> None:
        time_machine.move_to(datetime(day.year, day.month, day.day, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)

    return _on


@pytest.fixture(autouse=True)
def _sessions_outlive_time_travel(settings):
    settings.STAFF_SESSION_IDLE_MINUTES = 60 * 24 * 366 * 10
