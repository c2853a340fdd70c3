from __future__ import annotations

import pytest
from openpyxl import load_workbook

from fazhi.core import audit
from fazhi.core.ledger import record_create, record_update
from fazhi.core.models import AuditEvent
from fazhi.streams.study.models import StudySession

pytestmark = pytest.mark.django_db


def test_a_change_records_who_what_and_before_after(clerk, market_unit, client):
    session = record_create(StudySession, by=clerk, unit=market_unit, year=2026, kind="topic", title="研究执法公示")
    record_update(session, by=clerk, title="研究行政执法公示")
    event = AuditEvent.objects.filter(action="update").get()
    assert event.actor == clerk and event.unit == market_unit
    assert event.before == {"title": "研究执法公示"} and event.after == {"title": "研究行政执法公示"}


def test_audit_events_cannot_be_edited_or_deleted(clerk):
    event = audit.record(action=audit.Action.LOGIN, actor=clerk)
    event.note = "tampered"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.update(note="x")
    assert AuditEvent.objects.get().note == ""


def test_the_audit_administrator_filters_and_exports_the_log(login, auditadmin, clerk, market_unit, tmp_path):
    record_create(StudySession, by=clerk, unit=market_unit, year=2026, kind="topic", title="研究执法公示")
    client = login(auditadmin)
    page = client.get("/audit/", {"action": "create"})
    assert page.status_code == 200 and "研究执法公示" in page.content.decode()
    export = client.get("/audit/", {"action": "create", "format": "xlsx"})
    path = tmp_path / "audit.xlsx"
    path.write_bytes(b"".join(export.streaming_content))
    rows = list(load_workbook(path).active.values)
    assert rows[0][:5] == ("时间", "操作人", "单位", "IP地址", "操作")
    assert rows[1][1] == "clerk" and rows[1][4] == "新增"
    assert AuditEvent.objects.filter(action="export", actor=auditadmin).exists()


@pytest.mark.parametrize("persona", ["sysadmin", "secadmin", "clerk", "leader", "coordinator"])
def test_nobody_but_the_audit_administrator_reads_the_audit_log(login, request, persona):
    client = login(request.getfixturevalue(persona))
    assert client.get("/audit/").status_code == 403


def test_the_audit_log_has_no_edit_or_delete_page(login, auditadmin, sysadmin):
    event = audit.record(action=audit.Action.LOGIN, actor=auditadmin)
    for user in (auditadmin, sysadmin):
        client = login(user)
        assert client.get(f"/sysadmin/core/auditevent/{event.pk}/change/").status_code in {403, 404, 302}
        assert client.post(f"/sysadmin/core/auditevent/{event.pk}/delete/").status_code in {403, 404, 302}
    assert AuditEvent.objects.filter(pk=event.pk).exists()
