"""Assessment-stream helpers: a scheme of the county issued by 司法局 with one item per method."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fazhi.core.ledger import record_create
from fazhi.core.roles import Role
from fazhi.streams.assessment import services
from fazhi.streams.assessment.models import AssessmentScheme
from fazhi.streams.study.models import StudySession
from tests.conftest import make_user

ITEMS = {
    "study": dict(label="[U] 学法不少于4次", mark="U", max_points=Decimal(4), kinds=["department"], method="records",
                  indicator="study.sessions_held", formula="count_at_least", params={"n": 4}),
    "report": dict(label="[D] 年度报告质量", mark="D", max_points=Decimal(6), kinds=["department", "township"],
                   method="judgement"),
}


@pytest.fixture
def approver(justice_unit):
    """A second 依法治区办 coordinator: approves what the first one scored."""
    return make_user("approver", justice_unit, Role.COORDINATOR)


@pytest.fixture
def scheme(coordinator, justice_unit, market_unit, transport_unit) -> AssessmentScheme:
    s = record_create(AssessmentScheme, by=coordinator, unit=justice_unit, year=2023,
                      name="2023年度法治政府建设考核方案", issuer="区委依法治区办")
    for order, (key, fields) in enumerate(ITEMS.items()):
        services.item_save(s, by=coordinator, key=key, sort_order=order, **fields)
    return s


def sessions(by, unit, n: int, year: int = 2023) -> list[StudySession]:
    return [record_create(StudySession, by=by, unit=unit, year=year, kind="central_group", title=f"学法{i}",
                          held_on=date(year, 3, i + 1), state="held") for i in range(n)]
