"""The API's schema says what it accepts (bounds, enums, Chinese titles and descriptions, the
error statuses of each operation), and every answer under /api/ is JSON, errors included."""

from __future__ import annotations

import json

import pytest

from fazhi.api.main import api as ninja_api
from fazhi.reports.models import AnnualReport

SCHEMA = json.loads(json.dumps(ninja_api.get_openapi_schema(path_prefix="/api/v1"), ensure_ascii=False, default=str))
STUDY_LIST = SCHEMA["paths"]["/api/v1/study/studysession/"]["get"]


def parameter(operation: dict, name: str) -> dict:
    return next(p for p in operation["parameters"] if p["name"] == name)


def properties(node, where=""):
    """(where, name, schema) of every property of every object schema in ``node``."""
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            yield f"{where}.{name}", name, prop
        for key, value in node.items():
            yield from properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from properties(value, f"{where}[{i}]")


def chinese(text) -> bool:
    return isinstance(text, str) and any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_every_parameter_and_property_has_a_chinese_title_and_description():
    missing = [f"{method} {path} {p['name']}" for path, ops in SCHEMA["paths"].items()
               for method, op in ops.items() for p in op.get("parameters", [])
               if not (chinese(p.get("description")) and chinese(p["schema"].get("title")))]
    missing += [where for where, _, prop in properties(SCHEMA["components"])
                if "$ref" not in prop and not (chinese(prop.get("description")) and chinese(prop.get("title")))]
    assert missing == []


def test_the_list_parameters_have_bounds_and_ordering_lists_the_sortable_fields():
    assert parameter(STUDY_LIST, "offset")["schema"]["maximum"] == 10_000_000
    assert parameter(STUDY_LIST, "year")["schema"]["anyOf"][0] | {"minimum": 2000, "maximum": 2100} == \
        parameter(STUDY_LIST, "year")["schema"]["anyOf"][0]
    ordering = parameter(STUDY_LIST, "ordering")["schema"]
    assert {"kind", "-attendees", "year", "-updated_at"} <= set(ordering["enum"]) and "no_such" not in ordering["enum"]
    states = parameter(STUDY_LIST, "state")["schema"]["anyOf"][0]["enum"]
    assert "planned" in states


def test_each_operation_documents_its_error_statuses_as_json():
    paths = SCHEMA["paths"]
    assert set(STUDY_LIST["responses"]) == {"200", "401", "403", "422", "429"}
    update = paths["/api/v1/study/studysession/{id}/"]["patch"]["responses"]
    assert {"404", "409", "422"} <= set(update)
    assert set(paths["/api/v1/reports/"]["get"]["responses"]) == {"200", "422"}
    assert set(paths["/api/v1/reports/{id}/"]["get"]["responses"]) == {"200", "404", "422"}
    assert set(paths["/api/v1/inspections/draws/{id}/"]["get"]["responses"]) == {"200", "404", "422"}
    error = update["409"]["content"]["application/json"]["schema"]
    assert error["required"] == ["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "field"), [
    ({"offset": "9223372036854775808"}, "offset"),
    ({"updated_since": "10"}, "updated_since"),
    ({"updated_since": "2024-02-30T08:00:00"}, "updated_since"),
    ({"ordering": "no_such"}, "ordering"),
    ({"year": "1999"}, "year"),
    ({"unit": "430771\x00"}, "unit"),  # NUL: PostgreSQL could not even compare it
    ({"q": "\x00"}, "q"),
])
def test_a_list_refuses_what_the_schema_excludes_with_a_chinese_json_error(api_as, clerk, query, field):
    r = api_as(clerk).get("/api/v1/study/studysession/", query)
    assert r.status_code == 422 and r["Content-Type"].startswith("application/json")
    assert field in r.json()["errors"]


@pytest.mark.django_db
def test_a_list_takes_an_iso_time_for_updated_since(api_as, clerk):
    assert api_as(clerk).get("/api/v1/study/studysession/", {"updated_since": "2024-05-01T08:00:00+08:00"}
                             ).status_code == 200


@pytest.mark.django_db
def test_an_unknown_address_and_a_server_error_under_api_answer_json(client, monkeypatch):
    missing = client.get("/api/v1/no-such-thing/")
    assert missing.status_code == 404 and missing.json()["detail"].startswith("接口地址不存在")

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(AnnualReport.objects, "filter", broken)
    failed = client.get("/api/v1/reports/")
    assert failed.status_code == 500 and failed.json() == {"detail": "服务器内部错误，已记录，请稍后再试"}
    assert client.get("/no-such-page/").status_code == 404  # pages keep their HTML error page
    assert "text/html" in client.get("/no-such-page/")["Content-Type"]
