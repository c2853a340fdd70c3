"""Complaint-stream helpers."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.ledger import record_create
from fazhi.core.roles import Role
from fazhi.streams.complaints.models import Complaint
from tests.conftest import make_user


def new_complaint(by, unit, **fields) -> Complaint:
    values = {"year": 2024, "channel": "hotline", "received_on": date(2024, 9, 27), "reporter_name": "张建国",
              "reporter_phone": "13973601234", "category": "business", "subject": "涉企检查过多过频",
              "content": "某部门一个月内三次到企业检查。", **fields}
    return record_create(Complaint, by=by, unit=unit, **values)




@pytest.fixture
def justice_clerk(justice_unit):
    return make_user("justice_clerk", justice_unit, Role.CLERK)
