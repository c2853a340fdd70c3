"""Departments' and townships' own annual reports: a collection opened with a due date, reports
submitted on time, late or not at all, the indicators, reminders and who may read them."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.deadlines import deadlines_of
from fazhi.core.models import Notification, Unit
from fazhi.core.notifications import remind
from fazhi.streams.supervision import services
from fazhi.streams.supervision.models import UnitReport
from tests.streams.supervision.conftest import docx, figure, messages_of

pytestmark = pytest.mark.django_db

REPORTS = "/s/supervision/unit-reports/"




@pytest.fixture
def collection(login, coordinator, county, justice_unit, market_unit, transport_unit):
    with time_machine.travel("2025-01-06 09:00 +0800", tick=False):
        response = login(coordinator).post(f"{REPORTS}open/", {"year": 2024, "due": "2025-01-31"}, follow=True)
    return response


def test_opening_a_collection_asks_every_department_and_township_once(login, coordinator, county, collection,
                                                                      market_unit):
    units = Unit.objects.filter(parent=county, kind__in=(Unit.Kind.DEPARTMENT, Unit.Kind.TOWNSHIP))
    assert f"已向{units.count()}个单位发起2024年度报告征集" in messages_of(collection)
    assert set(UnitReport.objects.values_list("unit", flat=True)) == set(units.values_list("pk", flat=True))
    assert not UnitReport.objects.filter(unit__kind=Unit.Kind.VILLAGE).exists()
    report = UnitReport.objects.get(unit=market_unit)
    assert (report.state, report.opened_on, report.due_on) == ("requested", date(2025, 1, 6), date(2025, 1, 31))
    assert deadlines_of(report).get().due == date(2025, 1, 31)
    with time_machine.travel("2025-01-07 09:00 +0800", tick=False):  # a second opening adds nobody
        response = login(coordinator).post(f"{REPORTS}open/", {"year": 2024, "due": "2025-01-31"}, follow=True)
    assert "已向0个单位发起" in messages_of(response)
    assert UnitReport.objects.count() == units.count()


def test_on_time_late_and_missing_reports_and_their_indicators(login, coordinator, clerk, other_clerk, leader,
                                                               justice_unit, market_unit, transport_unit,
                                                               county, collection):
    market = UnitReport.objects.get(unit=market_unit)
    transport = UnitReport.objects.get(unit=transport_unit)
    with time_machine.travel("2025-01-20 09:00 +0800", tick=False):
        response = login(clerk).post(f"{REPORTS}{market.pk}/submit/", {
            "text": "一、主要举措和成效\n二、存在的不足", "file": docx()}, follow=True)
        assert "已报送。" in messages_of(response)
    with time_machine.travel("2025-02-05 09:00 +0800", tick=False):
        assert remind().created >= 1  # the justice unit has no clerk here; 交通运输局's does
        assert Notification.objects.filter(user=other_clerk, title__startswith="已超期：年度法治政府建设情况报告报送").exists()
        assert not Notification.objects.filter(user=clerk).exists()  # submitted: nothing to remind
        response = login(other_clerk).post(f"{REPORTS}{transport.pk}/submit/", {"text": "交通运输局2024年度报告"},
                                           follow=True)
        assert "已报送（已超过报送截止日期2025-01-31）" in messages_of(response)
    market.refresh_from_db()
    transport.refresh_from_db()
    assert (market.state, market.submitted_on, market.file.name.endswith(".docx")) == (
        "submitted", date(2025, 1, 20), True)
    assert (transport.state, transport.late) == ("submitted", True)
    login(coordinator).post(f"{REPORTS}{market.pk}/do/accept/")
    market.refresh_from_db()
    assert market.state == "accepted"

    with time_machine.travel("2025-03-01 09:00 +0800", tick=False):
        assert figure("supervision.unit_reports_received", market_unit) == (1, None, None)
        assert figure("supervision.unit_reports_on_time_rate", market_unit)[1:] == (1, 1)
        assert figure("supervision.unit_reports_on_time_rate", transport_unit)[1:] == (0, 1)
        assert figure("supervision.unit_reports_received", justice_unit)[0] == 0  # missing
        assert figure("supervision.unit_reports_on_time_rate", justice_unit)[1:] == (0, 1)
        asked = UnitReport.objects.count()
        assert figure("supervision.unit_reports_received", county)[0] == 2
        assert figure("supervision.unit_reports_on_time_rate", county)[1:] == (1, asked)

    # the text is read by the coordinator and leaders, and by the unit itself; not by others
    assert "二、存在的不足" in login(leader).get(f"{REPORTS}{market.pk}/").content.decode()
    assert login(leader).get(f"{REPORTS}{market.pk}/file/").status_code == 200
    assert "二、存在的不足" in login(coordinator).get(f"{REPORTS}{market.pk}/").content.decode()
    assert login(other_clerk).get(f"{REPORTS}{market.pk}/").status_code == 403
    assert login(other_clerk).get(f"{REPORTS}{market.pk}/file/").status_code == 403
    assert [r for r, _, _ in login(clerk).get(REPORTS).context["rows"]] == [market]


def test_a_returned_report_is_submitted_again(login, coordinator, clerk, market_unit, collection):
    report = UnitReport.objects.get(unit=market_unit)
    with time_machine.travel("2025-01-20 09:00 +0800", tick=False):
        login(clerk).post(f"{REPORTS}{report.pk}/submit/", {"text": "初稿"})
        login(coordinator).post(f"{REPORTS}{report.pk}/do/return/", {"note": "请补充第一责任人履职情况"})
        report.refresh_from_db()
        assert (report.state, report.submitted_on, deadlines_of(report).get().met_on) == ("returned", None, None)
        login(clerk).post(f"{REPORTS}{report.pk}/submit/", {"text": "修改稿"})
    report.refresh_from_db()
    assert (report.state, report.text) == ("submitted", "修改稿")


def test_bad_input_is_refused_and_nothing_written(login, coordinator, clerk, head, market_unit, collection):
    report = UnitReport.objects.get(unit=market_unit)
    client = login(clerk)
    response = client.post(f"{REPORTS}{report.pk}/submit/", {"text": "  "}, follow=True)
    assert "请填写报告正文或上传报告文件" in messages_of(response)
    bad = SimpleUploadedFile("报告.docx", b"PK\x03\x04 not really a zip")
    response = client.post(f"{REPORTS}{report.pk}/submit/", {"file": bad}, follow=True)
    assert "无法读取该文件：内容不是.docx文件" in messages_of(response)
    renamed = SimpleUploadedFile("报告.docx", b"%PDF-1.4 renamed")
    assert "内容不是.docx文件" in messages_of(client.post(f"{REPORTS}{report.pk}/submit/", {"file": renamed},
                                                             follow=True))
    report.refresh_from_db()
    assert (report.state, report.version, report.text, report.file.name) == ("requested", 1, "", "")
    # opening is the coordinating office's; a past due date is refused
    assert login(head).post(f"{REPORTS}open/", {"year": 2024, "due": "2030-01-31"}).status_code == 403
    response = login(coordinator).post(f"{REPORTS}open/", {"year": 2025, "due": "2020-01-31"})
    assert "报送截止日期应晚于今天" in response.content.decode()
    assert not UnitReport.objects.filter(year=2025).exists()
    # accepting one's own report is not the unit head's to do
    with time_machine.travel("2025-01-20 09:00 +0800", tick=False):
        response = login(clerk).post(f"{REPORTS}{report.pk}/submit/", {"text": "正文"}, follow=True)
        assert "已报送" in messages_of(response)
    login(head).post(f"{REPORTS}{report.pk}/do/accept/")
    report.refresh_from_db()
    assert report.state == "submitted"


def test_the_service_refuses_a_clerk(clerk):
    with pytest.raises(Exception, match="只有法治办统筹人员可以发起年度报告征集"):
        services.collection_open(2024, date(2030, 1, 1), by=clerk)
