"""Every ledger of every installed stream, through /api/v1/: scope, masking, locking, validation."""

from __future__ import annotations

import pytest

from fazhi.api.ledgers import endpoints
from fazhi.core.ledger import CONFLICT_MESSAGE
from fazhi.core.models import AuditEvent
from tests.api.conftest import ApiClient
from tests.api.samples import SAMPLES

ENDPOINTS = {ep.model._meta.label: ep for ep in endpoints()}
SAMPLED = [label for label in SAMPLES if label in ENDPOINTS]


def path(label: str, *parts) -> str:
    ep = ENDPOINTS[label]
    return ep.path.lstrip("/") + "".join(f"{p}/" for p in parts)


def create(api: ApiClient, label: str, unit_code: str) -> dict:
    sample = SAMPLES[label]
    payload = {"unit": unit_code, **sample.payload}
    if sample.before:
        payload.update(sample.before(api, unit_code))
    r = api.post(path(label), payload)
    assert r.status_code == 201, r.content.decode()
    return r.json()


def test_the_sampled_streams_are_installed():
    assert {"study.StudySession", "petitions.Petition", "disclosure.DisclosureRequest", "mediation.MediationCase",
            "litigation.LitigationCase", "normative.ReviewRequest"} <= set(SAMPLED)


@pytest.mark.parametrize("label", SAMPLED)
def test_a_clerk_creates_reads_lists_and_updates_a_record(label, api_as, clerk, market_unit):
    api = api_as(clerk)
    model = ENDPOINTS[label].model
    created = create(api, label, market_unit.code)
    assert created["unit"] == market_unit.code and created["version"] == 1
    assert created["state"] == model.workflow.initial
    record = model.objects.get(pk=created["id"])
    assert record.created_by == clerk
    assert AuditEvent.objects.filter(action="create", object_id=str(record.pk),
                                     object_type=model._meta.label_lower).exists()

    detail = api.get(path(label, record.pk))
    assert detail.status_code == 200
    assert detail.json()["id"] == record.pk
    listing = api.get(path(label), {"year": 2026, "unit": market_unit.code})
    assert listing.status_code == 200
    assert record.pk in [row["id"] for row in listing.json()["results"]]
    assert listing.json()["count"] >= 1

    change = SAMPLES[label].patch
    r = api.patch(path(label, record.pk), {"expected_version": 1, **change})
    assert r.status_code == 200, r.content.decode()
    assert r.json()["version"] == 2
    name, value = next(iter(change.items()))
    record.refresh_from_db()
    assert getattr(record, name) == value

    stale = api.patch(path(label, record.pk), {"expected_version": 1, **change})
    assert stale.status_code == 409
    assert stale.json()["detail"] == CONFLICT_MESSAGE
    assert stale.json()["version"] == 2


@pytest.mark.parametrize("label", SAMPLED)
def test_another_units_clerk_can_neither_see_nor_change_a_record(label, api_as, clerk, other_clerk,
                                                                  market_unit):
    record_id = create(api_as(clerk), label, market_unit.code)["id"]
    model = ENDPOINTS[label].model
    other = api_as(other_clerk)

    listing = other.get(path(label))
    assert listing.status_code == 200
    assert record_id not in [row["id"] for row in listing.json()["results"]]
    assert other.get(path(label, record_id)).status_code == 404
    assert other.patch(path(label, record_id), {"expected_version": 1, **SAMPLES[label].patch}).status_code == 404
    first = model.workflow.transitions[0].name
    assert other.post(path(label, record_id, "transitions", first)).status_code == 404

    # Writing into the market unit's ledger is refused, and nothing is written.
    before = model.objects.count()
    payload = {**SAMPLES[label].payload, "unit": market_unit.code}
    r = other.post(path(label), payload)
    assert r.status_code in (403, 422)
    if r.status_code == 403:
        assert r.json() == {"detail": "无权访问"}
    assert model.objects.count() == before
    assert model.objects.get(pk=record_id).version == 1


@pytest.mark.parametrize("label", [label for label in SAMPLED if SAMPLES[label].personal])
def test_personal_data_is_masked_for_a_leader_and_an_unmasked_read_is_audited(label, api_as, clerk, leader,
                                                                              market_unit):
    record_id = create(api_as(clerk), label, market_unit.code)["id"]
    name, value = SAMPLES[label].personal
    seen = AuditEvent.objects.filter(action="view_personal", object_id=str(record_id))

    leader_api = api_as(leader)
    shown = leader_api.get(path(label, record_id)).json()[name]
    assert shown != value and ("*" in shown or "某" in shown)
    listed = leader_api.get(path(label)).json()["results"]
    assert [row[name] for row in listed if row["id"] == record_id] == [shown]
    assert not seen.exists()
    # The leader reads but never writes.
    assert leader_api.patch(path(label, record_id), {"expected_version": 1, **SAMPLES[label].patch}).json() == {
        "detail": "无权访问"}

    assert api_as(clerk).get(path(label, record_id)).json()[name] == value
    assert seen.filter(actor=clerk).count() == 1


@pytest.mark.parametrize("label", SAMPLED)
def test_a_bad_payload_is_refused_in_chinese_and_nothing_is_written(label, api_as, clerk, market_unit):
    model = ENDPOINTS[label].model
    api = api_as(clerk)
    before = model.objects.count()
    payload = {**SAMPLES[label].payload, "unit": market_unit.code, "no_such_field": 1, "year": "二〇二六",
               "state": "closed"}
    r = api.post(path(label), payload)
    assert r.status_code == 422
    errors = r.json()["errors"]
    assert errors["no_such_field"] == ["未知字段"]
    assert "状态只能通过办理环节变更" in errors["state"][0]
    assert errors["year"]  # Django's own message, in Chinese
    assert all(ord(ch) > 127 for msgs in errors.values() for ch in msgs[0][:1])
    assert model.objects.count() == before

    # A model rule (full_clean) failing is a 422 with the field named, too.
    r = api.post(path(label), {"unit": market_unit.code})
    assert r.status_code == 422 and r.json()["detail"] == "数据校验未通过"
    assert model.objects.count() == before


@pytest.mark.parametrize("ep", endpoints(), ids=lambda ep: ep.model._meta.label)
def test_every_registered_ledger_has_its_endpoints_and_scoped_list(ep, client, api_as, clerk):
    schema = client.get("/api/v1/openapi.json").json()
    base = f"/api/v1{ep.path}"
    # records only the system creates (score sheets, inspection results): listed, never created here
    assert set(schema["paths"][base]) == ({"get"} if ep.generated_only else {"get", "post"})
    assert ("post" in schema["paths"].get(f"{base}batch/", {})) == (ep.batch is not None and not ep.generated_only)
    assert set(schema["paths"][f"{base}{{id}}/"]) == {"get", "patch"}
    # A ledger whose workflow has no transitions (records only) has no transition operation.
    transitions = schema["paths"].get(f"{base}{{id}}/transitions/{{name}}/", {})
    assert ("post" in transitions) == bool(ep.model.workflow.transitions)
    api = api_as(clerk)
    r = api.get(base)
    assert r.status_code == 200 and r.json()["count"] == 0
    before = ep.model.objects.count()
    refused = api.post(base, {"bogus": "x"})
    if ep.generated_only:
        assert refused.status_code == 405
    else:
        assert refused.status_code == 422 and refused.json()["errors"]["bogus"] == ["未知字段"]
    if ep.batch is not None:
        refused = api.post(f"{base}batch/", {"records": [{"bogus": "x"}]})
        assert refused.status_code == 422 and {"index": 0, "field": "bogus", "message": "未知字段"} in refused.json()["errors"]
    assert ep.model.objects.count() == before
    assert api.call("DELETE", f"{base}1/").status_code == 405


def test_the_schema_has_no_duplicate_keys_and_resolves_its_references(client):
    import json
    import re

    def no_duplicates(pairs):
        keys = [k for k, _ in pairs]
        assert len(keys) == len(set(keys)), keys  # Swagger UI refuses duplicated keys
        return dict(pairs)

    text = client.get("/api/v1/openapi.json").content.decode()
    schema = json.loads(text, object_pairs_hook=no_duplicates)
    components = schema["components"]["schemas"]
    for ref in set(re.findall(r'"#/components/schemas/([^"]+)"', text)):
        assert ref in components, ref
    assert schema["openapi"].startswith("3.")


@pytest.mark.parametrize("label", ["mediation.MediationCase", "study.StudySession"])
def test_a_nul_character_in_any_text_is_a_chinese_422_not_a_server_error(label, api_as, clerk, market_unit):
    """PostgreSQL cannot store NUL; a fuzzed request carrying one must be refused, nothing written."""
    api = api_as(clerk)
    model = ENDPOINTS[label].model
    sample = SAMPLES[label]
    payload = {"unit": market_unit.code, **sample.payload}
    if sample.before:
        payload.update(sample.before(api, market_unit.code))
    text_field = next(k for k, v in sample.payload.items() if isinstance(v, str) and not k.endswith("_on"))
    payload[text_field] = "A\x00B"
    before = model.objects.count()
    r = api.post(path(label), payload)
    assert r.status_code == 422, r.content.decode()
    assert "空字符" in r.content.decode() and model.objects.count() == before
