"""Scope (units are walled off), who may take which step, and a natural person's data: masked for
readers without personal.view, in the public export and in the API."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from fazhi.core.identifiers import id_check_char
from fazhi.core.workflow import TransitionError, transition
from tests.streams.cases.conftest import new_case, update

pytestmark = pytest.mark.django_db

PERSON_ID = "43077119850312001" + id_check_char("43077119850312001")


def export_rows(client, **params) -> list[tuple]:
    response = client.get("/s/cases/", {"format": "xlsx", **params})
    assert response.status_code == 200
    return list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)


def person_case(clerk, unit):
    return new_case(clerk, unit, case_no="西市监立〔2026〕9号", party_type="person", party_org="", party_credit_code="",
                    party_person="刘建军", party_id_number=PERSON_ID, cause="无照经营")


def test_another_units_clerk_can_neither_see_nor_change_a_market_case(login, clerk, other_clerk, market_unit):
    case = new_case(clerk, market_unit)
    client = login(other_clerk)
    assert "西市监立〔2026〕8号" not in client.get("/s/cases/").content.decode()
    for url in (f"/s/cases/{case.pk}/", f"/s/cases/{case.pk}/edit/", f"/s/cases/{case.pk}/delete/"):
        assert client.get(url).status_code == 403, url
    for url in ("entry", "review", "extend"):
        assert client.post(f"/s/cases/{case.pk}/{url}/", {}).status_code == 403, url
    assert client.post(f"/s/cases/{case.pk}/do/investigate/").status_code == 403
    case.refresh_from_db()
    assert case.state == "filed" and not case.entries.exists()
    assert export_rows(client)[1:] == []
    assert client.get("/api/v1/cases/enforcementcase/").json()["count"] == 0


def test_a_clerk_prepares_the_decision_but_only_the_head_decides(clerk, head, market_unit):
    case = transition(new_case(clerk, market_unit), "investigate", by=clerk)
    case = update(case, clerk, notified_on=date(2026, 9, 10), waived_on=date(2026, 9, 10), proposed_measures="罚款",
                  decision_no="罚1", decided_on=date(2026, 9, 11), decision_content="罚款5000元")
    case = transition(case, "notify", by=clerk)
    with pytest.raises(TransitionError, match="您没有权限办理该环节"):
        transition(case, "decide", by=clerk)
    assert transition(case, "decide", by=head).state == "decided"


def test_a_natural_persons_name_and_id_are_masked_for_the_leader_and_in_public(login, clerk, leader, market_unit):
    case = person_case(clerk, market_unit)
    html = login(leader).get(f"/s/cases/{case.pk}/").content.decode()
    assert "刘建军" not in html and PERSON_ID not in html and "刘某" in html
    assert "刘建军" in str(export_rows(login(clerk))[1])
    public = str(export_rows(login(clerk), public="1"))
    assert "刘建军" not in public and PERSON_ID not in public
    answer = login(leader).get("/api/v1/cases/enforcementcase/").content.decode()
    assert "刘建军" not in answer and PERSON_ID not in answer and "西市监立〔2026〕9号" in answer
    assert "刘建军" in login(clerk).get(f"/api/v1/cases/enforcementcase/{case.pk}/").content.decode()
