"""The report's second coordinator: the account that records a report's adoption (the drafter may not)."""

from __future__ import annotations

import pytest

from fazhi.accounts.models import User
from tests.conftest import make_user


@pytest.fixture
def approver(justice_unit) -> User:
    return make_user("approver", justice_unit, "coordinator")
