"""Malformed API payloads (issue 9 item 3, issue 7 API 3): wrong types, unknown and read-only
fields, huge values, broken JSON. Always a 4xx JSON answer with a stable ``detail`` and, for a
refused field, a Chinese message under that field's name; the database unchanged."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fazhi.api.errors import INVALID, TOO_BIG
from fazhi.api.services import token_issue
from fazhi.core.ledger import record_create
from fazhi.core.models import AuditEvent
from fazhi.streams.petitions.models import Petition
from fazhi.streams.study.models import StudySession
from tests.api.conftest import ApiClient
from tests.robustness.conftest import FEW, has_chinese, junk, snapshot

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning")]

ENDPOINTS = {"study/studysession/": StudySession, "petitions/petition/": Petition}
STABLE_DETAILS = {INVALID, TOO_BIG, "无权访问", "记录不存在或无权查看"}

json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(min_value=-(10**40), max_value=10**40),
              st.floats(allow_nan=False, allow_infinity=False), junk),
    lambda children: st.one_of(st.lists(children, max_size=3), st.dictionaries(st.text(max_size=5), children, max_size=3)),
    max_leaves=5)


def payloads(model) -> st.SearchStrategy:
    names = [f.name for f in model._meta.concrete_fields] + ["unit", "state", "version", "id", "bogus", "年度", ""]
    return st.dictionaries(st.sampled_from(names) | st.text(max_size=8), json_values, max_size=8)


def assert_refused_in_chinese(response, payload: dict | None = None) -> None:
    assert 400 <= response.status_code < 500, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert has_chinese(body["detail"])
    assert body["detail"] in STABLE_DETAILS or response.status_code == 409, body["detail"]
    if response.status_code == 422:
        assert body["detail"] == INVALID and body["errors"]
        for name, messages in body["errors"].items():
            assert payload is None or name in payload or name in {"non_field_errors", "unit", "expected_version"} \
                or name in {f.name for f in ENDPOINT_MODEL.fields}, name
            assert messages and all(has_chinese(m) for m in messages)


class ENDPOINT_MODEL:  # the union of the sampled models' field names, for error keys from full_clean
    fields = [*StudySession._meta.concrete_fields, *Petition._meta.concrete_fields]


@pytest.fixture
def api(secadmin, clerk, market_unit) -> ApiClient:
    return ApiClient(token_issue(by=secadmin, name="健壮性测试", user=clerk)[1])


@pytest.mark.parametrize("path", list(ENDPOINTS))
def test_junk_json_to_create_is_refused_with_the_field_named_or_written_once(path, api):
    model = ENDPOINTS[path]

    @FEW
    @given(payload=payloads(model))
    def check(payload: dict) -> None:
        before = snapshot(model)
        response = api.post(path, payload)
        assert response.status_code < 500
        if response.status_code == 201:
            assert snapshot(model) == (before[0] + 1, before[1] + 1)
            return
        assert_refused_in_chinese(response, payload)
        assert snapshot(model) == before

    check()


def test_junk_json_to_update_never_changes_the_record_unless_valid(api, clerk, market_unit):
    session = record_create(StudySession, by=clerk, unit=market_unit, year=2026, kind="topic", title="原议题")
    path = f"study/studysession/{session.pk}/"

    @FEW
    @given(payload=payloads(StudySession), version=st.one_of(st.just("CURRENT"), json_values))
    def check(payload: dict, version) -> None:
        session.refresh_from_db()
        body = {**payload, "expected_version": session.version if version == "CURRENT" else version}
        before, events = (session.version, session.title), AuditEvent.objects.count()
        response = api.patch(path, body)
        assert response.status_code < 500
        session.refresh_from_db()
        if response.status_code == 200:
            assert session.version in (before[0], before[0] + 1)
            return
        assert_refused_in_chinese(response, body)
        assert (session.version, session.title) == before and AuditEvent.objects.count() == events

    check()


@FEW
@given(body=st.one_of(st.binary(max_size=200), st.sampled_from([
    b"[]", b"null", b"42", b'"text"', b"{", b'{"year": 2026,}', b"\xff\xfe{\x00}\x00", "{\"title\": \"议题\"}".encode("gbk"),
    b'{"a":' * 5000 + b"1" + b"}" * 5000, b'{"title": "' + b"x" * (3 * 1024 * 1024) + b'"}'])))
def test_a_body_that_is_not_a_json_object_is_a_4xx_json_answer(body, api):
    before = snapshot(StudySession)
    response = api.client.generic("POST", "/api/v1/study/studysession/", body, content_type="application/json",
                                  HTTP_AUTHORIZATION=f"Bearer {api.token}")
    assert_refused_in_chinese(response)
    assert snapshot(StudySession) == before


def test_a_huge_value_names_its_field(api, market_unit):
    response = api.post("study/studysession/", {"unit": market_unit.code, "year": 2026, "kind": "topic",
                                                "title": "议" * 100_000, "members": 10**30})
    assert_refused_in_chinese(response)
    errors = response.json()["errors"]
    assert "title" in errors or "members" in errors
    assert not StudySession.objects.exists()
    assert json.dumps(errors, ensure_ascii=False).count("议") < 100  # the value is not echoed back
