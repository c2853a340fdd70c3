"""The API carries every inspection's 检查码 in ``check_code``, read-only."""

from __future__ import annotations

import pytest

from fazhi.api.services import token_issue
from fazhi.streams.checks.models import BusinessInspection
from tests.api.conftest import ApiClient
from tests.streams.checks.conftest import registered

pytestmark = pytest.mark.django_db
PATH = "checks/businessinspection/"


@pytest.fixture
def api(clerk, secadmin) -> ApiClient:
    return ApiClient(token_issue(by=secadmin, name="测试系统", user=clerk)[1])


def test_every_record_carries_its_check_code(api, clerk, market_unit):
    inspection = registered(clerk, market_unit)
    listing = api.get(PATH)
    assert listing.status_code == 200
    assert [row["check_code"] for row in listing.json()["results"]] == [inspection.check_code]
    assert api.get(f"{PATH}{inspection.pk}/").json()["check_code"] == inspection.check_code


def test_registration_through_the_api_issues_the_code_which_cannot_be_written(api, clerk, market_unit):
    created = api.post(PATH, {"unit": market_unit.code, "year": 2026, "kind": "special", "matter": "食品贮存检查",
                              "basis": "《中华人民共和国食品安全法》第一百一十条", "entity_name": "西洞庭鲜味餐饮有限公司",
                              "credit_code": "91430700MA4T000011", "planned_on": "2026-12-31",
                              "inspectors": "周敏 43070003001 2099-06-30；吴刚 43070003002 2099-06-30"})
    assert created.status_code == 201, created.content.decode()
    assert created.json()["check_code"] is None
    pk = created.json()["id"]
    r = api.post(f"{PATH}{pk}/transitions/register/", {})
    assert r.status_code == 200, r.content.decode()
    code = BusinessInspection.objects.get(pk=pk).check_code
    assert r.json()["check_code"] == code and len(code) == 10
    refused = api.patch(f"{PATH}{pk}/", {"expected_version": r.json()["version"], "check_code": "AAAAAAAAAA"})
    assert refused.status_code == 422
    assert BusinessInspection.objects.get(pk=pk).check_code == code
