"""The API over the whole demo (the reference customer's records in every stream): a unit's
token sees its own unit's records and nothing else on every list endpoint, the schema is a
valid OpenAPI document, and schema-driven property tests (schemathesis) find no server error.
"""

from __future__ import annotations

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate
from schemathesis.checks import positive_data_acceptance

from fazhi.accounts.models import User
from fazhi.api.ledgers import MAX_LIMIT, endpoints
from fazhi.api.main import api as ninja_api
from fazhi.api.services import token_issue
from fazhi.core.models import Unit

from .conftest import ApiClient

SCHEMA = json.loads(json.dumps(ninja_api.get_openapi_schema(), ensure_ascii=False, default=str))
# Fuzzing only (random valid and invalid inputs per operation); the exhaustive "coverage" and
# "examples" phases multiply the run time by ten on 140 operations for little extra reach here.
FUZZ_CONFIG = schemathesis.Config.from_dict({"phases": {"examples": {"enabled": False},
                                                        "coverage": {"enabled": False}}})
fuzz = schemathesis.openapi.from_dict(SCHEMA, config=FUZZ_CONFIG)
fuzz.app = get_wsgi_application()


def demo_token(username: str) -> str:
    """A fresh token of a demo account, issued by the demo's security administrator."""
    return token_issue(by=User.objects.get(username="secadmin"), name="对接测试",
                       user=User.objects.get(username=username))[1]


@pytest.fixture
def demo_api(demo_db, db):
    """demo_api(account name) -> an ApiClient with a fresh token of that demo account."""
    return lambda username: ApiClient(demo_token(username))


def all_rows(api: ApiClient, path: str) -> list[dict]:
    rows, offset = [], 0
    while True:
        r = api.get(path, {"limit": MAX_LIMIT, "offset": offset})
        assert r.status_code == 200, (path, r.content[:300])
        page = r.json()
        rows += page["results"]
        offset += MAX_LIMIT
        if offset >= page["count"]:
            return rows


@pytest.mark.parametrize("username", ["clerk", "clerk2"])
def test_a_units_token_lists_only_that_units_records_on_every_endpoint(demo_api, username):
    user = User.objects.get(username=username)
    own = {u.code for m in user.active_memberships() for u in m.unit.descendants()}
    api = demo_api(username)
    seen = foreign_in_db = 0
    for ep in endpoints():
        rows = all_rows(api, f"/api/v1{ep.path}")
        leaked = sorted({row["unit"] for row in rows} - own)
        assert leaked == [], f"{ep.model._meta.label}: {username} sees records of {leaked}"
        assert len(rows) == ep.model.objects.filter(unit__code__in=own).count(), ep.model._meta.label
        seen += len(rows)
        foreign_in_db += ep.model.objects.exclude(unit__code__in=own).count()
    # The demo has records of the unit and of the others, so the test can fail both ways.
    assert seen > 0 and foreign_in_db > seen


def test_the_units_endpoint_lists_what_the_token_may_read(demo_api):
    clerk = all_rows(demo_api("clerk"), "/api/v1/units/")
    leader = all_rows(demo_api("leader"), "/api/v1/units/")
    assert {u["name"] for u in clerk} == {"市场监督管理局"}
    # every unit of the county, outside bodies included, but not 常德市 above it (the city reads submissions)
    assert len(leader) == Unit.objects.exclude(kind=Unit.Kind.CITY).count() == Unit.objects.count() - 1
    assert {u["kind"] for u in leader} >= {"township", "village"} and "city" not in {u["kind"] for u in leader}


def test_published_reports_and_draws_are_public_without_credentials(demo_db, db, client):
    reports = client.get("/api/v1/reports/").json()
    assert reports["count"] == 1 and reports["results"][0]["year"] == 2023  # the 2024 draft is not public
    detail = client.get(f"/api/v1/reports/{reports['results'][0]['id']}/").json()
    assert detail["figures"]["mediation.cases"]["value"] == 837
    assert client.get(detail["docx_url"]).status_code == 200
    draws = client.get("/api/v1/inspections/draws/").json()
    assert draws["count"] > 0
    data = client.get(draws["results"][0]["verification_url"]).json()
    assert data["seed"] and data["result"] and data["commitment"] == draws["results"][0]["commitment"]
    results = client.get("/api/v1/inspections/results/", {"limit": 5}).json()
    assert results["count"] > 0
    assert all(r["credit_china_url"].startswith("https://www.creditchina.gov.cn/") for r in results["results"])


def test_the_openapi_schema_is_a_valid_openapi_document(client):
    served = client.get("/api/v1/openapi.json").json()
    validate(served)  # raises with the offending path when invalid
    assert "/api/v1/units/" in served["paths"] and "/api/v1/reports/{id}/" in served["paths"]


@pytest.fixture
def fuzz_headers(demo_db, db):
    """The coordinator's token. Schemathesis calls the WSGI application directly, so Django's
    end-of-request hook would close the test's database connection (inside the test transaction,
    PostgreSQL); Django's own test client unhooks it the same way while it runs."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield {"Authorization": f"Bearer {demo_token('coordinator')}"}
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@fuzz.parametrize()
@settings(max_examples=4, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_every_operation_passes_every_schemathesis_check(case, fuzz_headers):
    """Every operation, with schema-valid and schema-violating inputs, as the county's
    rule-of-law coordinator, under all of schemathesis' checks: no 5xx, every status and
    content type documented, every answer matching its schema, invalid input rejected and valid
    input accepted (except where validity depends on the database, see ``excluded_checks``)."""
    case.call_and_validate(headers=fuzz_headers, excluded_checks=excluded_checks(case))


# Operations whose valid input depends on the database, not on the schema alone: a schema-valid
# request may rightly get 422 there, so "valid data is accepted" does not apply to them.
# - every ledger list: ``unit`` must name an existing unit (an unknown code is refused, not read
#   as "no records"), and a personal field sorts only for a caller who sees it unmasked everywhere;
# - every ledger create, update and batch: the unit, the records a foreign key names and the service's
#   rules across fields and records (a date within the year, one catalogue per unit and year …);
# - one indicator's figure: ``unit`` must name an existing unit.
DATABASE_DEPENDENT = ("_list", "_create", "_update", "_batch")


def excluded_checks(case) -> list:
    op = case.operation.definition.raw.get("operationId", "")
    ledger = op not in {"units_list", "reports_list", "inspections_draws_list", "inspections_results_list"}
    if op == "indicators_get" or (ledger and op.endswith(DATABASE_DEPENDENT)):
        return [positive_data_acceptance]
    return []
