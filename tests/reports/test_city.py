"""Reporting up to the city (issue 18): two counties under 常德市 submit their approved reports; the
city's 依法治市办 sees who submitted and when, the figures side by side with the city total (a rate
from the summed numerators and denominators, never an average of rates), and each report's text —
on its pages, in its Excel export and over the API — and nothing of a county's live ledgers."""

from __future__ import annotations

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.core.exceptions import ValidationError

from fazhi.accounts.services import membership_grant
from fazhi.api.services import token_issue
from fazhi.core.models import AuditEvent, Unit
from fazhi.core.units import setup_division, unit_add
from fazhi.reports import services, submissions
from fazhi.reports.models import AnnualReport, Submission
from fazhi.streams.study.models import StudySession
from tests.api.conftest import ApiClient
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
MEETING = {"name": "区政府常务会议", "on": date(2024, 1, 26)}
TEXT = "全年开展学法{{ study.sessions_held|value }}次，出席率{{ study.attendance_rate }}。"
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _county_with_report(code: str, attendees: int, members: int, sessions: int, coordinator=None):
    county = setup_division(code, city=True).county
    justice = unit_add(code=f"{code}-D02", name="司法局", kind=Unit.Kind.DEPARTMENT, parent=county)
    drafter = coordinator or make_user(f"coord{code}", justice, "coordinator")
    approver = make_user(f"approver{code}", justice, "coordinator")
    for i in range(sessions):
        StudySession.objects.create(unit=county, year=2023, kind="topic", title=f"学法{i}", state="closed",
                                    held_on=date(2023, 5, 1 + i), members=members if i == 0 else 0,
                                    attendees=attendees if i == 0 else None)
    report = services.report_create(by=drafter, unit=county, year=2023, sections=[
        {"heading": "一、主要举措和成效", "level": 1, "text": TEXT}])
    report = services.transition(report, "review", by=drafter)
    report = services.transition(report, "approve", by=approver, meeting=MEETING)
    return county, drafter, report


@pytest.fixture
def city_world(county, coordinator, justice_unit):
    """西洞庭 (430771: 9 of 10 attended, 2 sessions) and 安乡县 (430721: 1 of 20, 3 sessions) under 常德市."""
    west, west_coord, west_report = _county_with_report("430771", 9, 10, 2, coordinator=coordinator)
    anxiang, anxiang_coord, anxiang_report = _county_with_report("430721", 1, 20, 3)
    city = Unit.objects.get(code="430700")
    city_user = make_user("citycoord", None, None)
    membership_grant(user=city_user, unit=city, role="city_coordinator", by=None)
    return {"city": city, "city_user": city_user, "west": (west, west_coord, west_report),
            "anxiang": (anxiang, anxiang_coord, anxiang_report)}


def test_two_counties_submit_and_the_city_sees_both_with_the_rate_of_the_sums(city_world, login, secadmin):
    west, west_coord, west_report = city_world["west"]
    anxiang, anxiang_coord, anxiang_report = city_world["anxiang"]
    page = login(west_coord).post(f"/reports/{west_report.pk}/submit-city/", follow=True).content.decode()
    assert "已报送市级（第1版），回执编号 430700-2023-0001" in page
    page = login(anxiang_coord).post(f"/reports/{anxiang_report.pk}/submit-city/", follow=True).content.decode()
    assert "回执编号 430700-2023-0002" in page and "第1版" in page
    # 西洞庭 came in on time (before 1 March 2024), 安乡县 today: late.
    Submission.objects.filter(county=west).update(submitted_at=datetime(2024, 2, 20, 10, tzinfo=SHANGHAI))
    west_report.refresh_from_db()
    assert west_report.sent_to_superiors_on is not None  # the 报送上级 date is recorded with it

    client = login(city_world["city_user"])
    status = client.get("/city/?year=2023").content.decode()
    assert "已报送 2 / 2 个区县" in status
    assert "西洞庭管理区" in status and "安乡县" in status and "2024-02-20 10:00" in status
    assert "按时" in status and "逾期" in status and "430700-2023-0002" in status
    assert "各区县法治政府建设报告报送情况" in client.get("/home/").content.decode()  # the city's home page

    figures = client.get("/city/figures/?year=2023").content.decode()
    # 9/10 = 90% and 1/20 = 5%: the city's rate is 10/30 = 33.3%, not the average 47.5%
    assert "90%（9/10）" in figures and "5%（1/20）" in figures
    assert "33.3%（10/30）" in figures and "47.5" not in figures
    assert '<td class="fw-bold" data-testid="city-total">5次</td>' in figures  # 2 + 3 sessions held, added

    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(
        client.get("/city/figures/?year=2023&format=xlsx").streaming_content))).active
    rows = {r[0]: r for r in sheet.iter_rows(values_only=True)}
    assert rows["study.attendance_rate"][-1] == "33.3%（10/30）"
    assert rows["指标代码"][2:] == ("常德市安乡县", "常德市西洞庭管理区", "全市合计")
    assert rows["study.sessions_held"][2:] == ("3次", "2次", "5次")

    sub = Submission.objects.get(county=anxiang)
    text = client.get(f"/city/submissions/{sub.pk}/").content.decode()
    assert "全年开展学法3次，出席率5%。" not in text  # the text as written, placeholders and all …
    assert "{{ study.sessions_held|value }}" in text and "5%（1/20）" in text  # … with its figures beside it

    token = token_issue(by=secadmin, name="市级平台", user=city_world["city_user"])[1]
    api = ApiClient(token)
    listed = api.get("city/submissions/", {"year": 2023}).json()
    assert [(r["county_code"], r["version"], r["on_time"]) for r in listed["results"]] == [
        ("430721", 1, False), ("430771", 1, True)]
    rate = next(r for r in api.get("city/figures/", {"year": 2023}).json()["results"]
                if r["key"] == "study.attendance_rate")
    assert rate["counties"]["430771"]["numerator"] == 9 and rate["counties"]["430721"]["denominator"] == 20
    assert (rate["city_total"]["numerator"], rate["city_total"]["denominator"]) == (10, 30)
    assert rate["city_total"]["display"] == "33.3%"
    got = api.get(f"city/submissions/{sub.pk}/").json()
    assert got["receipt_no"] == "430700-2023-0002" and got["sections"][0]["text"] == TEXT


def test_the_city_reads_submissions_only_and_counties_read_no_city_page(city_world, login):
    west, west_coord, west_report = city_world["west"]
    anxiang, _coord, anxiang_report = city_world["anxiang"]
    city = login(city_world["city_user"])
    # before anything is submitted the city has nothing of the counties
    assert "已报送 0 / 2 个区县" in city.get("/city/?year=2023").content.decode()
    assert "本年度尚无区县报送" in city.get("/city/figures/?year=2023").content.decode()
    # never a county's live report or ledgers
    assert city.get(f"/reports/{west_report.pk}/").status_code == 404
    assert city.get("/s/study/").status_code == 403
    # a county coordinator reads no city page, and not the other county's report
    county = login(west_coord)
    assert county.get("/city/").status_code == 403
    assert county.get("/city/figures/").status_code == 403
    assert county.get(f"/reports/{anxiang_report.pk}/").status_code == 404
    assert county.post(f"/reports/{anxiang_report.pk}/submit-city/").status_code == 404
    submissions.submit(anxiang_report, by=_coord)
    sub = Submission.objects.get()
    assert county.get(f"/city/submissions/{sub.pk}/").status_code == 403


def test_a_resubmission_is_the_next_version_and_the_history_stays(city_world, login):
    west, coord, report = city_world["west"]
    first = submissions.submit(report, by=coord)
    second = submissions.submit(report, by=coord)
    assert (first.version, second.version) == (1, 2)
    assert (first.receipt_no, second.receipt_no) == ("430700-2023-0001", "430700-2023-0002")
    page = login(coord).get(f"/reports/{report.pk}/").content.decode()
    assert "第1版" in page and "第2版" in page and "重新报送市级（第3版）" in page
    city = login(city_world["city_user"])
    assert "第2版" in city.get("/city/?year=2023").content.decode()
    old = city.get(f"/city/submissions/{first.pk}/").content.decode()
    assert f'href="/city/submissions/{second.pk}/"' in old
    notes = list(AuditEvent.objects.filter(object_type="reports.submission").order_by("pk")
                 .values_list("note", flat=True))
    assert notes == ["报送市级第1版，回执430700-2023-0001", "报送市级第2版，回执430700-2023-0002"]


def test_a_draft_is_not_submitted_and_figures_unlike_the_report_are_refused(city_world, coordinator, county):
    west, coord, report = city_world["west"]
    services.transition(report, "return", by=coord)
    with pytest.raises(ValidationError, match="经批准后才能报送市级"):
        submissions.submit(AnnualReport.objects.get(pk=report.pk), by=coord)
    _anxiang, anxiang_coord, anxiang_report = city_world["anxiang"]
    content = submissions.content_of(anxiang_report)
    content["figures"]["study.attendance_rate"].update(value=50.0, numerator=10)  # consistent, but not the report's
    with pytest.raises(ValidationError, match="报送数据与本报告的数据不一致：study.attendance_rate"):
        submissions.receive(content)
    content = submissions.content_of(anxiang_report)
    del content["figures"]["study.sessions_held"]
    with pytest.raises(ValidationError, match="正文引用的指标没有报送数据：study.sessions_held"):
        submissions.receive(content)
    content = submissions.content_of(anxiang_report)
    with pytest.raises(ValidationError, match="SHA-256"):
        submissions.receive(content, sha256="0" * 64)
    assert not Submission.objects.exists()
    ok = submissions.receive(content, sha256=submissions.digest(content), by_name="安乡县平台")
    assert ok.receipt_no == "430700-2023-0001" and ok.report == anxiang_report
