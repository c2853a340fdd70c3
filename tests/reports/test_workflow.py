"""The report's life: the coordinator creates it, units submit their sections, it is reviewed,
approved, sent up and published; who may do what; statutory-date reminders."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.models import AuditEvent, Notification
from fazhi.reports import reminders, services
from fazhi.reports.models import AnnualReport
from fazhi.streams.study.models import StudySession

pytestmark = pytest.mark.django_db
MEETING = {"name": "区管委常务会议", "on": date(2024, 1, 26)}


@pytest.fixture
def sessions(county, market_unit):
    for unit, title in [(market_unit, "市场监管局专题研究"), (county, "区党委会专题研究")]:
        StudySession.objects.create(unit=unit, year=2023, kind="topic", title=title, state="closed",
                                    held_on=date(2023, 5, 1))


@pytest.fixture
def report(coordinator, county, market_unit, sessions):
    return services.report_create(by=coordinator, unit=county, year=2023, signed_on=date(2024, 1, 26), sections=[
        {"heading": "一、2023年工作情况", "level": 1},
        {"heading": "1.强化组织领导", "level": 2, "unit": market_unit},
        {"heading": "二、2024年工作计划", "level": 1, "text": "（一）加强组织领导。持续深推法治政府建设工作落地落实。"},
    ])


def test_the_coordinator_creates_a_report_with_the_five_statutory_items(login, coordinator, county):
    client = login(coordinator)
    response = client.post("/reports/new/", {"unit": "430771", "year": "2023", "title": ""}, follow=True)
    report = AnnualReport.objects.get(unit=county, year=2023)
    assert "已按五项法定内容生成提纲" in response.content.decode()
    assert report.title == "常德市西洞庭管理区管理委员会关于2023年度法治政府建设工作情况的报告"
    assert [s.heading[:2] for s in report.sections.all()] == ["一、", "二、", "三、", "四、", "五、"]
    due = {d.key: d.due for d in report.deadlines.all()}
    assert due == {"report_send": date(2024, 2, 29), "report_publish": date(2024, 3, 31)}
    assert AuditEvent.objects.filter(object_type="reports.annualreport", action="create").count() == 1
    again = client.post("/reports/new/", {"unit": "430771", "year": "2023"}, follow=True).content.decode()
    assert "2023年度的报告已存在" in again


def test_a_unit_submits_its_section_and_the_coordinator_merges_it(login, report, clerk, other_clerk, coordinator):
    section = report.sections.get(order=2)
    client = login(clerk)
    # Before collection opens the unit cannot write.
    client.post(f"/reports/sections/{section.pk}/", {"action": "save", "text": "草稿"})
    section.refresh_from_db()
    assert section.text == ""
    services.transition(report, "collect", by=coordinator)
    text = "区党委会专题研究法治建设工作{{ study.topic_sessions|value }}次。"
    page = client.post(f"/reports/sections/{section.pk}/", {"action": "submit", "text": text, "version": 1},
                       follow=True).content.decode()
    assert "材料已报送" in page and "区党委会专题研究法治建设工作" in page
    section.refresh_from_db()
    assert section.submitted_by == clerk and section.text == text
    # The clerk's own unit sees its figure in the preview (1: only the market unit's session).
    assert "工作<a" in page
    # Another unit's clerk cannot open or change it.
    assert login(other_clerk).get(f"/reports/sections/{section.pk}/").status_code == 404
    # An unknown indicator key is refused with its name.
    bad = login(clerk).post(f"/reports/sections/{section.pk}/", {"action": "save", "text": "{{ no.such }}"},
                            follow=True).content.decode()
    assert "未登记的指标代码：no.such" in bad
    login(coordinator).post(f"/reports/sections/{section.pk}/", {"action": "merge"})
    section.refresh_from_db()
    assert section.merged_by == coordinator and section.status_label == "已合稿"
    assert login(clerk).post(f"/reports/sections/{section.pk}/", {"action": "save", "text": "改"}).status_code == 403


def test_a_clerk_cannot_publish_and_another_unit_cannot_read_a_draft(login, coordinator, approver, clerk,
                                                                      other_clerk, market_unit, report):
    department = services.report_create(by=coordinator, unit=market_unit, year=2023)
    assert login(other_clerk).get(department.get_absolute_url()).status_code == 404
    assert login(other_clerk).get(f"{department.get_absolute_url()}download.pdf").status_code == 404
    assert login(clerk).get(department.get_absolute_url()).status_code == 200
    for step in ("collect", "review"):
        department = services.transition(department, step, by=coordinator)
    department = services.transition(department, "approve", by=approver, meeting=MEETING)
    assert login(clerk).post(f"/reports/{department.pk}/transition/publish/").status_code == 403
    department.refresh_from_db()
    assert department.state == "approved"
    with pytest.raises(PermissionDenied):
        services.transition(department, "publish", by=clerk)
    assert "区党委会" not in login(other_clerk).get("/reports/").content.decode()


def test_publishing_freezes_the_figures_it_uses(login, coordinator, approver, county, report, leader, other_clerk):
    section = report.sections.get(order=1)
    services.section_save(section, by=coordinator, text="区党委会专题研究法治建设工作{{ study.topic_sessions|value }}次。")
    with pytest.raises(ValidationError, match="不能发布"):
        services.transition(report, "publish", by=coordinator)
    services.section_release(report.sections.get(order=2), by=coordinator, reason="内容已并入第一部分")
    report = services.transition(report, "review", by=coordinator)
    report = services.transition(report, "approve", by=approver, meeting=MEETING)
    report = services.record_sent(report, by=coordinator, on=date(2024, 1, 29))
    services.secrecy_review_record(report, by=coordinator, passed=True, on=date(2024, 3, 14))
    report = services.transition(report, "publish", by=coordinator, on=date(2024, 3, 15))
    frozen = report.snapshot["figures"]["study.topic_sessions"]
    assert frozen["value"] == 2 and frozen["display"] == "2次" and frozen["version"] == 1
    StudySession.objects.create(unit=county, year=2023, kind="topic", title="第三次专题研究", state="closed",
                                held_on=date(2023, 9, 1))
    html = login(leader).get(report.get_absolute_url()).content.decode()
    assert "工作<a" in html and ">2</a>次" in html and "发布时冻结" in html
    assert services.live_figures(report)["study.topic_sessions"]["value"] == 3
    # Published reports are public inside the platform; the deadlines are met on their days.
    assert login(other_clerk).get(report.get_absolute_url()).status_code == 200
    assert {d.key: d.met_on for d in report.deadlines.all()} == {
        "report_send": date(2024, 1, 29), "report_publish": date(2024, 3, 15)}
    with pytest.raises(ValidationError):
        services.report_update(report, by=coordinator, title="改标题")


def test_the_statutory_dates_are_reminded_once_a_day(coordinator, report):
    assert reminders.remind(date(2024, 1, 2)).created == 0  # more than 30 days before 1 March
    summary = reminders.remind(date(2024, 2, 20))
    assert summary.created == 1
    assert Notification.objects.get(user=coordinator).title == "即将到期：2023年度法治政府建设报告须于2024年2月29日前报送上级"
    assert reminders.remind(date(2024, 2, 20)).created == 0  # once a day
    late = reminders.remind(date(2024, 3, 5))
    titles = set(Notification.objects.filter(user=coordinator).values_list("title", flat=True))
    assert late.created == 2
    assert "已超期：2023年度法治政府建设报告须于2024年2月29日前报送上级" in titles
    assert "即将到期：2023年度法治政府建设报告须于2024年3月31日前向社会公开" in titles


def test_without_a_report_the_cli_prints_every_figure_as_a_document(county, sessions, tmp_path):
    from fazhi import cli

    out = tmp_path / "figures.html"
    assert cli.main(["report", "--year", "2023", "--unit", "430771", "--format", "html", "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "常德市西洞庭管理区管理委员会2023年度法治政府建设主要指标" in html
    assert "专题研究法治工作次数：<a" in html and ">2次</a>" in html
    assert cli.main(["report", "--year", "2023", "--unit", "NOPE", "--format", "pdf"]) == 2
