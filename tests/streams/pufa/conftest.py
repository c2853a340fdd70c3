"""Helpers of the 普法 tests: a village of 西洞庭 and its township's clerk (who keeps the village's
法律明白人 roster), activities and list items of the 市场监管局."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.identifiers import id_check_char
from fazhi.core.ledger import record_create
from fazhi.core.models import Unit
from fazhi.core.roles import Role
from fazhi.streams.pufa.models import Activity, LegalLiterate, ResponsibilityItem
from tests.conftest import make_user

ID_NUMBER = "43077119800101001" + id_check_char("43077119800101001")


@pytest.fixture
def village(county) -> Unit:
    return Unit.objects.filter(kind=Unit.Kind.VILLAGE).order_by("path").first()


@pytest.fixture
def township_clerk(village):
    return make_user("township", village.parent, Role.CLERK)


def new_item(by, unit, **fields) -> ResponsibilityItem:
    values = {"year": 2026, "law": "《中华人民共和国食品安全法》", "content": "食品安全主体责任", "audience": "食品经营者",
              "means": "专题讲座", "due": "year", **fields}
    return record_create(ResponsibilityItem, by=by, unit=unit, **values)


def new_activity(by, unit, **fields) -> Activity:
    values = {"year": 2026, "title": "食品安全法进社区", "kind": "village", "law": "《中华人民共和国食品安全法》",
              "held_on": date(2026, 3, 15), "place": "育才社区", "audience_kind": "villagers", "audience_count": 80,
              "is_public": True, **fields}
    return record_create(Activity, by=by, unit=unit, **values)


def new_literate(by, village, **fields) -> LegalLiterate:
    values = {"year": 2026, "name": "李明德", "phone": "13907361234", "id_number": ID_NUMBER,
              "trained_on": date(2026, 3, 1), "certificate_no": "XDT-FLMBR-2026-001", **fields}
    return record_create(LegalLiterate, by=by, unit=village, **values)
