"""一单两库: the item list and the two registers — forms, Excel import (bulk), export, scope."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from fazhi.core.ledger import record_create
from fazhi.core.models import AuditEvent
from fazhi.streams.inspections.importers import ENTITY_IMPORT, INSPECTOR_IMPORT, bulk_import
from fazhi.streams.inspections.models import Entity, Inspector
from tests.streams.inspections.conftest import bad_check, credit_code
from tests.xlsx import upload_xlsx

pytestmark = pytest.mark.django_db


def workbook(header, rows) -> io.BytesIO:
    return upload_xlsx(header, rows)


def entity_rows(n: int, townships, seed: int = 3) -> list[list]:
    import random

    rng = random.Random(seed)
    codes = set()
    while len(codes) < n:
        codes.add(credit_code(rng))
    return [["市场监督管理局", f"导入食品商行{i:05d}", code, "企业", "食品销售", "示例路1号", townships[i % len(townships)].name,
             "B级（一般风险）"] for i, code in enumerate(sorted(codes))]


def test_entity_form_checks_the_credit_code(login, clerk, market_unit, townships):
    client = login(clerk)
    code = credit_code(11)
    data = {"unit": market_unit.pk, "year": 2024, "name": "西洞庭示例超市", "credit_code": bad_check(code),
            "entity_type": "individual", "township": townships[0].pk, "risk_grade": "C"}
    page = client.post("/s/inspections/entities/new/", data).content.decode()
    assert "统一社会信用代码格式或校验位不正确" in page
    response = client.post("/s/inspections/entities/new/", {**data, "credit_code": code.lower()}, follow=True)
    entity = Entity.objects.get()
    assert entity.credit_code == code and "西洞庭示例超市" in response.content.decode()
    assert "creditchina.gov.cn" in entity.credit_china_url and code in entity.credit_china_url


def test_inspector_form_normalises_qualifications_and_checks_relations(login, clerk, market_unit):
    client = login(clerk)
    data = {"unit": market_unit.pk, "year": 2024, "name": "张执法", "certificate_no": "43077103999",
            "valid_until": "2026-12-31", "qualifications": "食品安全、会计", "relations": "", "account": "clerk"}
    assert "“会计”不是有效的事项类别" in client.post("/s/inspections/inspectors/new/", data).content.decode()
    data["qualifications"] = "食品安全、特种设备"
    data["relations"] = bad_check(credit_code(5))
    assert "校验位不正确" in client.post("/s/inspections/inspectors/new/", data).content.decode()
    data["relations"] = credit_code(5)
    client.post("/s/inspections/inspectors/new/", data)
    inspector = Inspector.objects.get()
    assert inspector.qualification_codes == ["food", "equipment"]
    assert str(inspector) == "执法证43077103999"  # no name on drill-down pages
    assert inspector.qualifications_display == "食品安全、特种设备"


def test_template_import_reimport_and_export(login, clerk, market_unit, townships):
    client = login(clerk)
    template = load_workbook(io.BytesIO(client.get("/s/inspections/entities/import/template.xlsx").content))
    header = [c.value.rstrip("*") for c in template.active[1]]
    assert header == ENTITY_IMPORT.headers
    rows = entity_rows(30, townships)
    response = client.post("/s/inspections/entities/import/", {"file": workbook(header, rows)}, follow=True)
    assert "新增30条" in response.content.decode()
    rows[0][7] = "D级（高风险）"
    response = client.post("/s/inspections/entities/import/", {"file": workbook(header, rows)}, follow=True)
    assert "新增0条，更新1条，未变化29条" in response.content.decode()
    notes = list(AuditEvent.objects.filter(note__startswith="导入检查对象名录库").order_by("id").values_list("note", flat=True))
    assert notes == ["导入检查对象名录库：新增30条，更新0条", "导入检查对象名录库：新增0条，更新1条"]  # the core import view
    assert Entity.objects.count() == 30 and Entity.objects.get(credit_code=rows[0][2]).risk_grade == "D"
    exported = load_workbook(io.BytesIO(b"".join(client.get("/s/inspections/entities/?format=xlsx").streaming_content)))
    assert exported.active.max_row == 31


def test_a_malformed_workbook_imports_nothing_and_marks_each_bad_cell(login, clerk, townships):
    client = login(clerk)
    rows = entity_rows(3, townships)
    rows[0][2] = bad_check(rows[0][2])
    rows[1][6] = "不存在镇"
    rows[2][7] = "E级"
    response = client.post("/s/inspections/entities/import/", {"file": workbook(ENTITY_IMPORT.headers, rows)})
    page = response.content.decode()
    assert response.status_code == 400 and Entity.objects.count() == 0
    assert "统一社会信用代码格式或校验位不正确" in page and "乡镇（街道）“不存在镇”不存在" in page and "“E级”不在可选范围内" in page
    result = bulk_import(ENTITY_IMPORT, workbook(ENTITY_IMPORT.headers, rows), by=clerk)
    assert {(e.row, e.column) for e in result.errors} == {(2, 3), (3, 7), (4, 8)}
    marked = load_workbook(io.BytesIO(result.error_workbook)).active
    assert marked.cell(row=3, column=7).comment is not None


def test_inspector_import_and_public_export_masks_names(login, clerk, head, market_unit, townships):
    rows = [["市场监督管理局", "欧阳明", "43077103101", "2026-12-31", "食品安全、特种设备", townships[0].name,
             credit_code(9), ""],
            ["市场监督管理局", "李红", "43077103102", "2026-12-31", "食品安全", "", "", "clerk"]]
    result = bulk_import(INSPECTOR_IMPORT, workbook(INSPECTOR_IMPORT.headers, rows), by=clerk)
    assert result.ok and result.created == 2
    assert Inspector.objects.get(certificate_no="43077103101").relation_codes == [credit_code(9)]
    again = bulk_import(INSPECTOR_IMPORT, workbook(INSPECTOR_IMPORT.headers, rows), by=clerk)
    assert again.ok and again.unchanged == 2 and Inspector.objects.count() == 2
    client = login(head)
    internal = load_workbook(io.BytesIO(b"".join(client.get("/s/inspections/inspectors/?format=xlsx").streaming_content)))
    public = load_workbook(io.BytesIO(b"".join(
        client.get("/s/inspections/inspectors/?format=xlsx&public=1").streaming_content)))
    names = {row[1] for row in internal.active.iter_rows(min_row=2, values_only=True)}
    masked = {row[1] for row in public.active.iter_rows(min_row=2, values_only=True)}
    assert names == {"欧阳明", "李红"} and masked == {"欧阳某", "李某"}


N = 5_000


def test_bulk_import_of_thousands_of_rows_creates_them_once_and_reimport_changes_nothing(clerk, townships):
    """Its speed is measured in bench/ (no test asserts a time); here: the rows arrive, once."""
    rows = entity_rows(N, townships, seed=4)
    result = bulk_import(ENTITY_IMPORT, workbook(ENTITY_IMPORT.headers, rows), by=clerk)
    assert result.ok and result.created == N and Entity.objects.count() == N
    again = bulk_import(ENTITY_IMPORT, workbook(ENTITY_IMPORT.headers, rows), by=clerk)
    assert again.ok and again.unchanged == N and Entity.objects.count() == N


def test_other_units_clerk_can_neither_see_nor_change(login, other_clerk, clerk, market_unit, townships):
    entity = record_create(Entity, by=clerk, unit=market_unit, year=2024, name="西洞庭示例超市",
                           credit_code=credit_code(21), entity_type="enterprise", risk_grade="B")
    client = login(other_clerk)
    assert client.get(f"/s/inspections/entities/{entity.pk}/").status_code == 403
    assert client.get(f"/s/inspections/entities/{entity.pk}/edit/").status_code == 403
    assert client.post(f"/s/inspections/entities/{entity.pk}/delete/").status_code == 403
    exported = load_workbook(io.BytesIO(b"".join(client.get("/s/inspections/entities/?format=xlsx").streaming_content)))
    assert exported.active.max_row == 1
    assert Entity.objects.filter(pk=entity.pk).exists()
