"""Transitions through the API (guards, capabilities) and indicators for a unit and year."""

from __future__ import annotations

import pytest

from tests.api.conftest import ApiClient

BASE = "study/studysession/"


@pytest.fixture
def session_id(api_as, clerk, market_unit) -> int:
    r = api_as(clerk).post(BASE, {"unit": market_unit.code, "year": 2026, "kind": "topic",
                                  "title": "专题研究法治政府建设工作要点", "members": 12, "attendees": 11})
    assert r.status_code == 201
    return r.json()["id"]


def test_a_study_session_walks_its_workflow_over_the_api(api_as, clerk, head, session_id):
    api = api_as(clerk)
    refused = api.post(f"{BASE}{session_id}/transitions/hold/")
    assert refused.status_code == 409
    assert refused.json()["detail"] == "请先填写召开日期，再登记召开"
    assert refused.json()["state"] == "planned"
    unknown = api.post(f"{BASE}{session_id}/transitions/fly/")
    assert unknown.status_code == 422 and unknown.json()["errors"] == {"name": ["不存在该办理环节"]}
    for note, message in (("长" * 201, "办理说明不能超过 200 字"), ("含\x00空字符", "内容中不能包含空字符")):
        refused = api.post(f"{BASE}{session_id}/transitions/hold/", {"note": note})
        assert refused.status_code == 422 and refused.json()["errors"] == {"note": [message]}

    api.patch(f"{BASE}{session_id}/", {"expected_version": 1, "held_on": "2026-03-05", "minutes": "研究部署年度工作"})
    held = api.post(f"{BASE}{session_id}/transitions/hold/", {"note": "按期召开"})
    assert held.status_code == 200
    assert held.json()["state"] == "held" and held.json()["state_label"] == "已召开"
    stale = api.post(f"{BASE}{session_id}/transitions/file/", {"expected_version": 2})
    assert stale.status_code == 409 and "他人修改" in stale.json()["detail"]
    assert api.post(f"{BASE}{session_id}/transitions/file/", {"expected_version": 3}).json()["state"] == "filed"
    detail = api.get(f"{BASE}{session_id}/").json()
    assert detail["transitions"] == []  # 办结 needs records.approve, which a clerk lacks
    assert api.post(f"{BASE}{session_id}/transitions/close/").json() == {"detail": "无权访问"}
    closed = api_as(head).post(f"{BASE}{session_id}/transitions/close/")
    assert closed.json()["state"] == "closed"


def test_list_filters_search_ordering_and_pagination(api_as, clerk, market_unit, session_id):
    api = api_as(clerk)
    for n in range(3):
        api.post(BASE, {"unit": market_unit.code, "year": 2025, "kind": "lecture", "title": f"法治讲座第{n + 1}讲"})
    page = api.get(BASE, {"limit": 2, "offset": 0, "ordering": "title"}).json()
    assert page["count"] == 4 and len(page["results"]) == 2
    assert [r["title"] for r in page["results"]] == sorted(r["title"] for r in page["results"])
    assert api.get(BASE, {"year": 2025}).json()["count"] == 3
    assert api.get(BASE, {"q": "讲座第2"}).json()["count"] == 1
    assert api.get(BASE, {"state": "held"}).json()["count"] == 0
    assert api.get(BASE, {"updated_since": "2099-01-01T00:00:00+08:00"}).json()["count"] == 0
    assert api.get(BASE, {"unit": market_unit.code}).json()["count"] == 4
    bad = api.get(BASE, {"ordering": "password", "limit": 9999})
    assert bad.status_code == 422
    assert bad.json()["errors"] == {"limit": ["数值过大"], "ordering": ["不支持按该字段排序"]}
    assert api.get(BASE, {"ordering": "password"}).json()["errors"] == {"ordering": ["不支持按该字段排序"]}
    assert api.get(BASE, {"year": "去年"}).json()["errors"] == {"year": ["应为整数"]}


def test_indicators_for_a_unit_and_year(api_as, leader, clerk, secadmin, county, transport_unit, head,
                                        session_id):
    api = api_as(clerk)
    api.patch(f"{BASE}{session_id}/", {"expected_version": 1, "held_on": "2026-03-05", "minutes": "纪要"})
    api.post(f"{BASE}{session_id}/transitions/hold/")

    catalogue = api_as(leader).get("indicators/").json()
    keys = {row["key"] for row in catalogue}
    assert {"study.sessions_held", "study.attendance_rate"} <= keys
    figure = api_as(leader).get("indicators/study.attendance_rate/", {"unit": county.code, "year": 2026})
    assert figure.status_code == 200
    data = figure.json()
    assert (data["numerator"], data["denominator"]) == (11, 12)
    assert data["display"] == "91.7%" and data["unit_code"] == county.code
    assert api_as(leader).get("indicators/no.such/").status_code == 404
    # A clerk reads his own unit's figures, not another unit's.
    held = api.get("indicators/study.sessions_held/", {"unit": "430771-D03", "year": 2026})
    assert held.json()["value"] == 1 and '"value": 1,' in held.content.decode()  # a count: 1, never 1.0
    assert api.get("indicators/study.sessions_held/", {"unit": transport_unit.code}).status_code == 403


def test_indicators_refuse_an_account_without_dashboard_or_records(login, secadmin, county):
    client = ApiClient(client=login(secadmin))
    assert client.get("indicators/").status_code == 403


def test_a_count_read_back_from_a_snapshot_is_still_an_integer_and_a_rate_a_float():
    """Closed years come from snapshots as decimals: the API and JSON still print 8, not 8.0."""
    from decimal import Decimal

    from fazhi.indicators.engine import Figure
    from fazhi.indicators.registry import Result, get

    count = Figure(get("study.sessions_held"), Result(value=Decimal("8")), from_snapshot=True)
    rate = Figure(get("study.attendance_rate"), Result(value=Decimal("100"), numerator=12, denominator=12))
    assert (count.number, type(count.number)) == (8, int)
    assert (rate.number, type(rate.number)) == (100.0, float)
    assert count.as_json()["value"] == 8 and type(count.as_json()["value"]) is int
