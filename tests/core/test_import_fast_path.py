"""The fast import path (issue 20): the sheet read by python-calamine gives the values openpyxl
gave, a uniqueness clash found by the batch screen gets Django's own message, and records,
audit events and deadlines written by COPY on PostgreSQL (bulk_create on SQLite) come back whole."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fazhi.core import importers
from fazhi.core.deadlines import deadlines_of
from fazhi.core.models import AuditEvent
from fazhi.core.roles import Role
from fazhi.streams.enforcement.importers import DECISION_IMPORT, OFFICER_IMPORT
from fazhi.streams.enforcement.models import Decision, Officer
from fazhi.streams.study.importers import STUDY_IMPORT
from fazhi.streams.study.models import StudySession
from tests.conftest import make_user
from tests.xlsx import upload_xlsx

pytestmark = pytest.mark.django_db


def officer_row(certificate_no: str, name: str = "王执法") -> list:
    return ["市场监督管理局", 2024, name, certificate_no, "湖南省行政执法证", "市场监管", "2024-03-15", "2029-03-14",
            None, None]


def test_a_certificate_number_another_unit_holds_is_refused_with_the_models_own_message(
        clerk, market_unit, transport_unit):
    Officer.objects.create(unit=transport_unit, year=2024, name="李交通", certificate_no="43077124009",
                           issued_on=date(2024, 1, 2), valid_until=date(2029, 1, 1), state="valid")
    probe = Officer(unit=market_unit, year=2024, name="王执法", certificate_no="43077124009",
                    issued_on=date(2024, 3, 15), valid_until=date(2029, 3, 14))
    with pytest.raises(ValidationError) as expected:
        probe.validate_unique()
    rows = [officer_row(f"4307712410{i:02d}", f"执法员{i}") for i in range(30)] + [officer_row("43077124009")]
    result = importers.import_workbook(OFFICER_IMPORT, upload_xlsx(OFFICER_IMPORT.headers, rows), by=clerk)
    assert not result.ok and result.created == 0
    assert [(e.row, e.header, e.message) for e in result.errors] == [
        (32, "执法证号", expected.value.message_dict["certificate_no"][0])]
    assert not Officer.objects.filter(unit=market_unit).exists()
    assert result.error_workbook


def test_two_new_rows_of_two_units_sharing_a_certificate_number_name_the_second_and_write_nothing(
        county, market_unit, transport_unit):
    county_clerk = make_user("county_clerk", county, Role.CLERK)  # writes in every department of the county
    assert importers._bulk_safe(Officer)  # written in bulk (COPY on PostgreSQL) until the database refuses
    second = officer_row("43077124100", "李交通")
    second[0] = "交通运输局"
    rows = [officer_row("43077124100"), second]
    result = importers.import_workbook(OFFICER_IMPORT, upload_xlsx(OFFICER_IMPORT.headers, rows), by=county_clerk)
    assert not result.ok and result.created == 0
    assert [(e.row, e.header) for e in result.errors] == [(3, "执法证号")] and "已存在" in result.errors[0].message
    assert not Officer.objects.exists()


def test_number_and_date_cells_read_as_the_clerk_typed_them(clerk, market_unit):
    rows = [["市场监督管理局", 2024.0, "法治专题讲座", 2024, "局党组会", date(2024, 3, 15), "张某", 10, 9, ""],
            ["市场监督管理局", 2024, 1, "第二讲", "局党组会", 45366, "张某", 10, 9, ""]]
    result = importers.import_workbook(STUDY_IMPORT, upload_xlsx(STUDY_IMPORT.headers, rows), by=clerk)
    # a whole number in a choice column is named as typed ("1", not "1.0"); the rest is fine
    assert [(e.row, e.header, e.message.split("”")[0]) for e in result.errors] == [(3, "类型", "“1")]
    result = importers.import_workbook(STUDY_IMPORT, upload_xlsx(STUDY_IMPORT.headers, rows[:1]), by=clerk)
    assert result.ok and result.created == 1
    session = StudySession.objects.get()
    assert (session.title, session.year, session.held_on) == ("2024", 2024, date(2024, 3, 15))


def test_decisions_come_back_with_their_audit_events_and_running_disclosure_clocks(clerk, market_unit):
    rows = [["市场监督管理局", 2024, f"西市监罚〔2024〕{i}号", "行政处罚", "自然人", None, None, f"张{i}", None,
             "销售超过保质期的食品", None, None, "2024-03-04"] for i in range(1, 2 * importers.WRITE_BATCH + 2)]
    result = importers.import_workbook(DECISION_IMPORT, upload_xlsx(DECISION_IMPORT.headers, rows), by=clerk)
    assert result.ok and result.created == len(rows)
    last = Decision.objects.get(doc_no=f"西市监罚〔2024〕{len(rows)}号")
    event = AuditEvent.objects.get(object_type="enforcement.decision", object_id=str(last.pk))
    assert event.action == "create" and event.actor == clerk and event.unit == market_unit
    assert event.after["party_person"] == f"张{len(rows)}" and event.after["decided_on"] == "2024-03-04"
    clock = deadlines_of(last).get()
    assert (clock.start, clock.due.isoformat(), clock.unit) == (date(2024, 3, 4), "2024-03-13", market_unit)
    assert AuditEvent.objects.filter(object_type="enforcement.decision").count() == len(rows)
