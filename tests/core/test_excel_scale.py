"""Imports of thousands of rows: written in batches, still all-or-nothing, still one audit
event per record, re-import updates (with version and audit) instead of duplicating."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from fazhi.core import importers
from fazhi.core.models import AuditEvent
from fazhi.streams.study.importers import STUDY_IMPORT
from fazhi.streams.study.models import StudySession

pytestmark = pytest.mark.django_db

N = importers.WRITE_BATCH + 500  # more than one batch


def workbook(rows) -> io.BytesIO:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("学习研究台账")
    ws.append(STUDY_IMPORT.headers)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    return buffer


def row(i: int, speaker: str = "张某", attendees: int = 9) -> list:
    return ["市场监督管理局", 2024, "法治专题讲座", f"专题{i:05d}", "局党组会", "2024-03-15", speaker, 10, attendees, ""]


def test_a_study_ledger_is_written_in_bulk():
    assert importers._bulk_safe(StudySession)


def test_a_ledger_with_an_after_save_hook_is_written_row_by_row_so_its_hook_runs():
    from fazhi.streams.plans.models import Task  # its hook saves the cooperating units

    assert not importers._bulk_safe(Task)


def test_a_bulk_written_ledger_gets_the_deadlines_its_model_declares(clerk, market_unit):
    from fazhi.core.deadlines import deadlines_of
    from fazhi.streams.workforce.importers import WORKFORCE_IMPORT
    from fazhi.streams.workforce.models import Member

    assert importers._bulk_safe(Member) and Member.tracked
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("法治队伍台账")
    ws.append(WORKFORCE_IMPORT.headers)
    ws.append(["市场监督管理局", 2024, "法律顾问团队", "湖南某律师事务所法律顾问团队", "湖南某律师事务所", "", "", "", "",
               "2024-01-01", "2024-12-31", "", ""])
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    result = importers.import_workbook(WORKFORCE_IMPORT, buffer, by=clerk)
    assert result.ok and result.created == 1
    deadline = deadlines_of(Member.objects.get()).get()
    assert (deadline.label, str(deadline.due)) == ("法律顾问聘期届满", "2024-12-31")


def test_thousands_of_rows_are_created_each_with_its_audit_event(clerk, market_unit):
    result = importers.import_workbook(STUDY_IMPORT, workbook(row(i) for i in range(N)), by=clerk)
    assert result.ok and result.created == N
    assert StudySession.objects.filter(unit=market_unit, state="planned", version=1, created_by=clerk).count() == N
    events = AuditEvent.objects.filter(action="create", object_type="study.studysession", actor=clerk)
    assert events.count() == N
    record = StudySession.objects.get(title="专题00042")
    event = events.get(object_id=str(record.pk))
    assert event.after["title"] == "专题00042" and event.after["attendees"] == 9 and event.unit == market_unit


def test_reimporting_updates_changed_rows_with_version_and_audit_and_leaves_the_rest(clerk, market_unit):
    importers.import_workbook(STUDY_IMPORT, workbook(row(i) for i in range(N)), by=clerk)
    rows = [row(i, speaker="王主任") if i % 1000 == 0 else row(i) for i in range(N)]
    result = importers.import_workbook(STUDY_IMPORT, workbook(rows), by=clerk)
    changed = len(range(0, N, 1000))
    assert result.ok and (result.created, result.updated, result.unchanged) == (0, changed, N - changed)
    assert StudySession.objects.count() == N
    record = StudySession.objects.get(title="专题01000")
    assert record.speaker == "王主任" and record.version == 2 and record.updated_by == clerk
    event = AuditEvent.objects.get(action="update", object_id=str(record.pk))
    assert event.before == {"speaker": "张某"} and event.after == {"speaker": "王主任"}
    assert StudySession.objects.get(title="专题00001").version == 1


def test_a_bad_row_in_the_last_batch_keeps_every_earlier_batch_out_too(clerk, market_unit):
    rows = [row(i) for i in range(N)]
    rows[-1] = row(N - 1, attendees=99)  # more attendees than members: the model's own rule
    before = AuditEvent.objects.count()
    result = importers.import_workbook(STUDY_IMPORT, workbook(rows), by=clerk)
    assert not result.ok and result.created == 0
    assert [(e.row, e.message) for e in result.errors] == [(N + 1, "实到人数不能多于应到人数")]
    assert not StudySession.objects.exists()
    assert AuditEvent.objects.count() == before


def test_a_key_held_by_another_units_record_is_refused_in_bulk_too(clerk, other_clerk, market_unit, transport_unit):
    from dataclasses import replace

    from fazhi.core.ledger import record_create

    record_create(StudySession, by=other_clerk, unit=transport_unit, year=2024, kind="topic", title="专题00007")
    spec = replace(STUDY_IMPORT, key=("year", "title"))
    result = importers.import_workbook(spec, workbook(row(i) for i in range(N)), by=clerk)
    assert not result.ok and [e.row for e in result.errors] == [9]
    assert "其他单位已登记" in result.errors[0].message
    assert StudySession.objects.count() == 1


def test_the_row_by_row_path_gives_the_same_records_and_events(clerk, market_unit, monkeypatch):
    original = importers._write
    monkeypatch.setattr(importers, "_write", lambda *a, **k: original(*a, **k, bulk=False))
    result = importers.import_workbook(STUDY_IMPORT, workbook(row(i) for i in range(50)), by=clerk)
    assert result.ok and result.created == 50
    assert AuditEvent.objects.filter(action="create", object_type="study.studysession").count() == 50
