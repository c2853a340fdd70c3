"""Issue 21: the audit log spells out each change in the form's words — field labels, choice and
state labels, 是/否, the related record's name — never a dict repr, ``None`` or a stored code."""

from __future__ import annotations

import pytest

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
    from fazhi.core import audit

    audit.record(action=audit.Action.UPDATE, actor=None, unit=market_unit, note="测试",
                 before={"state": "planned", "held_on": None}, after={"state": "held", "held_on": "2023-05-01"})
    html = login(auditadmin).get("/audit/").content.decode()
    assert "None" not in html and "{&#x27;" not in html and "（空） → 2023-05-01" in html
