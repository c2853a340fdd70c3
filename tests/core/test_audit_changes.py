"""Issue 21: the audit log spells out each change in the form's words — field labels, choice and
state labels, 是/否, the related record's name — never a dict repr, ``None`` or a stored code."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from fazhi.core import audit
from fazhi.core.audit_views import change_lines
from fazhi.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_a_change_reads_as_label_before_and_after(market_unit):
    event = AuditEvent(object_type="study.studysession",
                       before={"state": "planned", "kind": "topic", "held_on": None, "unit_id": market_unit.pk},
                       after={"state": "held", "kind": "central_group", "held_on": "2023-05-01", "members": 10})
    assert change_lines(event) == [
        ("状态", "计划", "已召开"),
        ("类型", "专题研究法治工作", "理论学习中心组学法"),
        ("召开日期", "（空）", "2023-05-01"),
        ("承办单位", "市场监督管理局", ""),
        ("应到人数", "", "10"),
    ]


def test_values_of_no_known_field_are_spelled_out_too():
    event = AuditEvent(object_type="", before=None, after={"flag": True, "items": ["甲", "乙"], "gone": None})
    assert change_lines(event) == [("flag", "", "是"), ("items", "", "甲、乙"), ("gone", "", "（空）")]


def test_the_audit_log_page_shows_no_literal(login, auditadmin, market_unit):
    audit.record(action=audit.Action.UPDATE, actor=None, unit=market_unit, note="测试",
                 before={"state": "planned", "held_on": None}, after={"state": "held", "held_on": "2023-05-01"})
    html = login(auditadmin).get("/audit/").content.decode()
    assert "None" not in html and "{&#x27;" not in html and "（空） → 2023-05-01" in html


PETITIONER = {"petitioner_name": "王建国", "petitioner_id_number": "430721198001011234",
              "petitioner_phone": "13812345678"}


def test_personal_values_are_masked_for_the_audit_administrator_on_the_page_and_in_the_export(
        login, auditadmin, market_unit):
    """The audit administrator audits who changed what, not the people in the records: a petitioner's
    name, ID number and phone in a change read masked on the page and in the Excel export."""
    event = audit.build(action=audit.Action.UPDATE, actor=None, unit=market_unit, note="更正信访人信息",
                        before={"petitioner_phone": "13800000000"}, after=PETITIONER)
    event.object_type = "petitions.petition"
    event.save()
    client = login(auditadmin)
    html = client.get("/audit/").content.decode()
    assert "王某" in html and "430721********1234" in html and "138****5678" in html
    assert "王建国" not in html and "430721198001011234" not in html and "13812345678" not in html
    response = client.get("/audit/?format=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[header.index("说明")] == "更正信访人信息")
    assert row[header.index("变更前")] == "联系电话：138****0000"
    assert sorted(row[header.index("变更后")].splitlines()) == sorted([
        "信访人姓名：王某", "公民身份号码：430721********1234", "联系电话：138****5678"])


def test_the_unmasked_reading_keeps_the_values():
    event = AuditEvent(object_type="petitions.petition", before={}, after=PETITIONER)
    assert [line[2] for line in change_lines(event, masked=False)] == list(PETITIONER.values())
    assert [line[2] for line in change_lines(event)] == ["王某", "430721********1234", "138****5678"]
