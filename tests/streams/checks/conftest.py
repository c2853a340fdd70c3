"""Helpers of the 涉企行政检查 tests."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from fazhi.core.identifiers import uscc_check_char
from fazhi.core.ledger import record_create
from fazhi.core.workflow import transition
from fazhi.streams.checks.models import BusinessInspection

TWO = "周敏 43070003001 2099-06-30；吴刚 43070003002 2099-06-30"


def uscc(serial: int) -> str:
    first17 = f"91430700MA4T{serial:05d}"
    return first17 + uscc_check_char(first17)


def soon(days: int = 1) -> date:
    """A planned date ``days`` ahead, kept in this year."""
    today = timezone.localdate()
    d = today + timedelta(days=days)
    return d if d.year == today.year else today


def new_inspection(by, unit, **fields) -> BusinessInspection:
    planned = fields.pop("planned_on", soon())
    values = {"year": planned.year, "planned_on": planned, "kind": "special", "matter": "食品贮存检查",
              "basis": "《中华人民共和国食品安全法》第一百一十条", "entity_name": "西洞庭鲜味餐饮有限公司",
              "credit_code": uscc(1), "inspectors": TWO, **fields}
    return record_create(BusinessInspection, by=by, unit=unit, **values)


def registered(by, unit, **fields) -> BusinessInspection:
    return transition(new_inspection(by, unit, **fields), "register", by=by)


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
