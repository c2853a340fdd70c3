"""The batch API: up to 1,000 records upserted by the ledger's natural key (as its Excel import),
a transition named per record, all or nothing with a per-record error list, one request against
the rate limit plus a per-token row limit."""

from __future__ import annotations

import pytest

from fazhi.api.main import api as ninja_api
from fazhi.core.models import AuditEvent
from fazhi.streams.services.models import ServiceItem

pytestmark = pytest.mark.django_db

BATCH = "services/serviceitem/batch/"


def item(unit, n: int, **extra) -> dict:
    return {"unit": unit.code, "year": 2024, "code": f"SX{n:05d}", "name": f"事项{n}", "item_type": "licence",
            "online_level": "full", "max_visits": 1, "legal_limit_days": 20, "promised_limit_days": 5, **extra}


def test_a_batch_creates_publishes_and_on_resending_changes_nothing(api_as, head, market_unit):
    api = api_as(head)
    records = [item(market_unit, 1, transition="publish"), item(market_unit, 2, transition="publish"),
               item(market_unit, 3, online_level="none")]
    r = api.post(BATCH, {"records": records})
    assert r.status_code == 200, r.content
    body = r.json()
    assert (body["created"], body["updated"], body["unchanged"], body["transitioned"]) == (3, 0, 0, 2)
    items = {i.code: i for i in ServiceItem.objects.filter(unit=market_unit)}
    assert {c: i.state for c, i in items.items()} == {"SX00001": "published", "SX00002": "published",
                                                      "SX00003": "draft"}
    assert items["SX00001"].published_on is not None  # the publish step's effect ran
    assert [row["id"] for row in body["results"]] == [items[f"SX0000{n}"].pk for n in (1, 2, 3)]
    # audited: one creation per record, one transition per step, all by the token's account
    assert AuditEvent.objects.filter(actor=head, action="create", object_id__in=[i.pk for i in items.values()]
                                     ).count() == 3
    assert AuditEvent.objects.filter(actor=head, action="transition", note__contains="接口批量提交").count() == 2

    again = api.post(BATCH, {"records": records}).json()
    assert (again["created"], again["updated"], again["unchanged"], again["transitioned"]) == (0, 0, 3, 0)
    records[2]["name"] = "事项3（更名）"
    changed = api.post(BATCH, {"records": records}).json()
    assert (changed["created"], changed["updated"]) == (0, 1)
    assert ServiceItem.objects.get(code="SX00003").name == "事项3（更名）"
    assert ServiceItem.objects.count() == 3


def test_one_bad_record_refuses_the_whole_batch_with_an_error_per_record(api_as, head, market_unit, transport_unit):
    records = [item(market_unit, 1, transition="publish"),
               item(market_unit, 2, item_type="no_such"),
               item(market_unit, 3, promised_limit_days=30),  # longer than the statutory 20 days
               item(transport_unit, 4),  # a unit the account may not write in
               item(market_unit, 1),  # the same natural key as record 0
               {**item(market_unit, 6), "state": "published", "colour": "red"}]
    del records[1]["name"]
    r = api_as(head).post(BATCH, {"records": records})
    assert r.status_code == 422
    errors = {(e["index"], e["field"]): e["message"] for e in r.json()["errors"]}
    assert errors[(1, "item_type")].startswith("不是可选值之一")
    assert errors[(3, "unit")] == "单位“430771-D04”不存在或您无权为其登记"
    assert errors[(4, "code")].startswith("与第0条记录重复")
    assert errors[(5, "state")] == "状态只能通过 transition 办理" and errors[(5, "colour")] == "未知字段"
    assert ServiceItem.objects.count() == 0
    # model validation runs once the records parse: the next answer names the record and its field
    r = api_as(head).post(BATCH, {"records": [item(market_unit, 1), item(market_unit, 3, promised_limit_days=30)]})
    assert r.status_code == 422
    assert r.json()["errors"] == [{"index": 1, "field": "promised_limit_days", "message": "承诺办结时限不能长于法定办结时限"}]
    assert ServiceItem.objects.count() == 0


def test_a_refused_transition_undoes_the_records_written_before_it(api_as, clerk, head, market_unit):
    # the clerk may register items but not publish them (records.approve)
    r = api_as(clerk).post(BATCH, {"records": [item(market_unit, 1), item(market_unit, 2, transition="publish")]})
    assert r.status_code == 422
    assert r.json()["errors"] == [{"index": 1, "field": "transition", "message": "您没有权限办理该环节"}]
    assert ServiceItem.objects.count() == 0
    # the step's guard speaks through the batch too
    r = api_as(head).post(BATCH, {"records": [item(market_unit, 1, promised_limit_days=None, transition="publish")]})
    assert r.status_code == 422
    assert r.json()["errors"][0]["message"] == "请先在编辑页填写承诺办结时限（工作日）"
    assert ServiceItem.objects.count() == 0


def test_another_units_record_under_the_same_key_is_not_overwritten(api_as, head, other_clerk, market_unit,
                                                                     transport_unit):
    assert api_as(other_clerk).post(BATCH, {"records": [item(transport_unit, 1)]}).status_code == 200
    own = api_as(head).post(BATCH, {"records": [item(market_unit, 1)]})
    assert own.status_code == 200 and own.json()["created"] == 1  # the key includes the unit: a record of its own
    assert ServiceItem.objects.count() == 2
    assert api_as(other_clerk).post(BATCH, {"records": [item(market_unit, 9)]}).status_code == 422


def test_the_body_is_checked_before_anything_else(api_as, head, market_unit):
    api = api_as(head)
    cases = [({"records": []}, "records"), ({"rows": [item(market_unit, 1)]}, "rows"),
             ({"records": [item(market_unit, n) for n in range(1001)]}, "records")]
    for body, name in cases:
        r = api.post(BATCH, body)
        assert r.status_code == 422 and r.json()["errors"][0]["index"] is None
        assert name in {e["field"] for e in r.json()["errors"]}
    r = api.post(BATCH, {"records": [item(market_unit, 1, year=True, max_visits="1", published_on="2024/01/05")]})
    assert {(e["field"], e["message"]) for e in r.json()["errors"]} == {
        ("year", "应为整数"), ("max_visits", "应为整数"), ("published_on", "日期格式应为 YYYY-MM-DD")}
    assert ServiceItem.objects.count() == 0


def test_a_batch_is_one_request_and_its_records_count_against_the_row_limit(settings, api_as, head, market_unit):
    settings.FAZHI_API_RATE_LIMIT = 3
    settings.FAZHI_API_BATCH_ROWS_PER_MINUTE = 10
    api = api_as(head)
    first = api.post(BATCH, {"records": [item(market_unit, n) for n in range(6)]})
    assert first.status_code == 200  # six records, one request
    over = api.post(BATCH, {"records": [item(market_unit, n) for n in range(6, 11)]})
    assert over.status_code == 429 and over.json()["detail"] == "批量提交的记录超过每分钟 10 条的上限，请稍后再试"
    assert 0 < int(over["Retry-After"]) <= 60
    assert ServiceItem.objects.count() == 6
    # the refused batch used no rows: four more still fit
    assert api.post(BATCH, {"records": [item(market_unit, n) for n in range(6, 10)]}).status_code == 200
    assert api.post(BATCH, {"records": [item(market_unit, 1)]}).status_code == 429  # the fourth request


def test_ledgers_only_the_system_creates_have_no_create_and_no_batch():
    paths = ninja_api.get_openapi_schema(path_prefix="/api/v1")["paths"]
    for generated in ("assessment/scoresheet", "inspections/inspectionresult"):
        assert list(paths[f"/api/v1/{generated}/"]) == ["get"]
        assert f"/api/v1/{generated}/batch/" not in paths
    assert list(paths["/api/v1/services/serviceitem/batch/"]) == ["post"]
    batch = paths["/api/v1/services/serviceitem/batch/"]["post"]
    assert "事项编码" in batch["description"] and batch["requestBody"]["content"]["application/json"][
        "schema"]["properties"]["records"]["maxItems"] == 1000


def test_a_field_not_sent_keeps_its_value_on_update_and_its_default_on_create(api_as, head, market_unit):
    api = api_as(head)
    assert api.post(BATCH, {"records": [item(market_unit, 1, legal_basis="《食品安全法》", transition="publish")]}
                    ).status_code == 200
    published_on = ServiceItem.objects.get().published_on
    slim = {k: v for k, v in item(market_unit, 1, name="新名称").items() if k not in {"legal_basis", "legal_limit_days"}}
    r = api.post(BATCH, {"records": [slim, {**slim, "code": "SX00002"}]})
    assert r.status_code == 200 and (r.json()["created"], r.json()["updated"]) == (1, 1)
    old, new = ServiceItem.objects.order_by("code")
    assert (old.name, old.legal_basis, old.legal_limit_days, old.published_on, old.state) == (
        "新名称", "《食品安全法》", 20, published_on, "published")
    assert (new.legal_basis, new.legal_limit_days, new.state) == ("", None, "draft")
