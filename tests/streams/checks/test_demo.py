"""The demo: 30+ registered inspections with codes across departments, idempotent, one entity at the
cap with a draft beyond it awaiting approval; every demo record passes the model's own checks."""

from __future__ import annotations

import pytest
from django.utils import timezone

from fazhi.core.identifiers import is_valid_uscc
from fazhi.demo.management.commands.fazhi_demo import Command
from fazhi.streams.checks import demo, services
from fazhi.streams.checks.models import BusinessInspection

pytestmark = pytest.mark.django_db


def test_the_demo_registers_inspections_across_departments_and_a_second_run_adds_nothing(settings):
    settings.FAZHI_CHECKS_PER_ENTITY_YEAR = 2
    county = Command()._units()
    demo.load(county)
    count = BusinessInspection.objects.count()
    demo.load(county)
    assert BusinessInspection.objects.count() == count
    coded = BusinessInspection.objects.exclude(check_code=None).exclude(state="cancelled")
    assert coded.count() >= 30
    assert coded.values("unit").distinct().count() >= 5
    assert {"done", "registered"} <= set(coded.values_list("state", flat=True))
    assert BusinessInspection.objects.filter(state="cancelled").count() == 1
    assert BusinessInspection.objects.filter(unit__name="交通运输局", entity_name__contains="运").exists()
    for inspection in BusinessInspection.objects.all():
        assert is_valid_uscc(inspection.credit_code)
        inspection.full_clean()
    capped = BusinessInspection.objects.get(state="draft")
    assert capped.entity_name == demo.CAPPED and "无事不扰" in capped.cap_problem()
    shown = coded.filter(planned_on__lte=timezone.localdate()).first()
    assert services.lookup(shown.check_code).status == "shown"
