"""Another unit's clerk can neither see nor change a decision; exports follow the filter."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from fazhi.streams.decisions import services
from fazhi.streams.decisions.models import Decision, DecisionProcedure
from tests.streams.decisions.conftest import add_procedure

pytestmark = pytest.mark.django_db


def rows_of(response) -> list[tuple]:
    return list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)


def test_another_units_clerk_can_neither_see_nor_change_a_decision(login, other_clerk, decision):
    client = login(other_clerk)
    assert decision.file_no not in client.get("/s/decisions/").content.decode()
    pk = decision.pk
    for url in (f"/s/decisions/{pk}/", f"/s/decisions/{pk}/edit/", f"/s/decisions/{pk}/delete/",
                f"/s/decisions/{pk}/do/withdraw/"):
        response = client.get(url)
        assert response.status_code == 403, url
    assert client.post(f"/s/decisions/{pk}/procedures/legality/", {
        "legality-started_on": "2024-04-01"}).status_code == 403
    assert client.post(f"/s/decisions/{pk}/do/withdraw/").status_code == 403
    assert not DecisionProcedure.objects.exists()
    decision.refresh_from_db()
    assert decision.state == "drafting"
    exported = rows_of(client.get("/s/decisions/?format=xlsx"))
    assert all(decision.file_no not in row for row in exported)


def test_the_export_holds_the_ledger_and_never_commenters(login, clerk, decision):
    add_procedure(decision, "participation", started_on=date(2024, 3, 1), ended_on=date(2024, 3, 30))
    Decision.objects.filter(pk=decision.pk).update(state="consulting")
    services.comment_submit(decision, "张三丰", "13812345678", "意见", today=date(2024, 3, 2))
    client = login(clerk)
    internal = rows_of(client.get("/s/decisions/?format=xlsx"))
    public = rows_of(client.get("/s/decisions/?format=xlsx&public=1"))
    assert internal[0][:3] == ("年度", "决策事项编号", "决策事项名称")
    assert internal[1][1] == public[1][1] == "西决〔2024〕1号"
    assert all("张三丰" not in str(cell) and "13812345678" not in str(cell) for row in internal + public
               for cell in row)


def test_the_leader_reads_but_cannot_record_procedures(login, leader, decision):
    client = login(leader)
    page = client.get(f"/s/decisions/{decision.pk}/").content.decode()
    assert "西决〔2024〕1号" in page and "登记合法性审查" not in page
    assert client.post(f"/s/decisions/{decision.pk}/procedures/legality/", {}).status_code == 403
