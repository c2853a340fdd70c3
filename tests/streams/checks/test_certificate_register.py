"""Inspectors' certificates against the enforcement stream's 执法证 register (through
core.registry): once the register holds officers, a certificate not in it, or not valid on the
planned date, is refused and nothing is written; the register's own dates count, not the
valid-until date typed on the inspection."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from fazhi.core.ledger import record_create
from fazhi.streams.checks.models import BusinessInspection
from fazhi.streams.enforcement.models import Officer
from tests.streams.checks.conftest import TWO, new_inspection, soon

pytestmark = pytest.mark.django_db


def officer(by, unit, number: str, name: str, **fields) -> Officer:
    issued = fields.pop("issued_on", date(2024, 3, 1))
    values = {"year": issued.year, "name": name, "certificate_no": number, "issued_on": issued,
              "valid_until": date(2029, 2, 28), **fields}
    return record_create(Officer, by=by, unit=unit, **values)


@pytest.fixture
def register(clerk, market_unit):
    officer(clerk, market_unit, "43070003001", "周敏")
    officer(clerk, market_unit, "43070003002", "吴刚")


def test_certificates_in_the_register_and_valid_are_accepted(clerk, market_unit, register):
    assert new_inspection(clerk, market_unit).pk


def test_a_certificate_not_in_the_register_is_refused_and_nothing_written(clerk, market_unit, register):
    with pytest.raises(ValidationError) as exc:
        new_inspection(clerk, market_unit, inspectors="周敏 43070003001 2099-06-30；郑强 43070003999 2099-06-30")
    assert "郑强的执法证号“43070003999”不在行政执法人员持证台账中，不能参加检查" in exc.value.messages
    assert not BusinessInspection.objects.exists()


def test_a_certificate_suspended_on_the_planned_date_is_refused(clerk, market_unit, register):
    planned = soon(1)
    Officer.objects.filter(certificate_no="43070003002").update(suspended_on=planned - timedelta(days=30))
    with pytest.raises(ValidationError) as exc:
        new_inspection(clerk, market_unit, planned_on=planned)
    assert f"吴刚的执法证（43070003002）在{planned:%Y-%m-%d}状态为“暂扣”，不能参加检查" in exc.value.messages
    assert not BusinessInspection.objects.exists()


def test_without_a_register_in_use_the_typed_certificates_are_checked_for_format_only(clerk, market_unit):
    assert not Officer.objects.exists()
    assert new_inspection(clerk, market_unit, inspectors=TWO).pk
