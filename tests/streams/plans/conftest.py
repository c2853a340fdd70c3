"""Plan fixtures: a 2024 plan issued by 依法治区办 and a helper to add tasks through the services."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.ledger import record_create
from fazhi.streams.plans.models import Plan, Task


def new_task(by, unit, plan: Plan, **fields) -> Task:
    values = {"year": plan.year, "number": "1", "content": "开展涉企规范性文件清理", "deadline": date(2024, 6, 30),
              **fields}
    return record_create(Task, by=by, unit=unit, plan=plan, **values)


@pytest.fixture
def plan(coordinator, justice_unit) -> Plan:
    return record_create(Plan, by=coordinator, unit=justice_unit, year=2024, kind="annual", title="2024年工作计划",
                         issued_on=date(2024, 1, 26))


@pytest.fixture
def task(clerk, market_unit, plan) -> Task:
    return new_task(clerk, market_unit, plan)
