"""Issue 17: a report is published only when it is complete and has been through its steps by
different hands — every statutory part written, every unit's contribution in (or released with a
reason), every placeholder bound to a registered indicator, a passed 保密审查; the drafter does not
approve, the approver records the meeting and does not publish."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fazhi.core.models import AuditEvent
from fazhi.core.workflow import TransitionError
from fazhi.reports import services
from fazhi.reports.models import AnnualReport, ReportSection

pytestmark = pytest.mark.django_db

MEETING = {"name": "区管委常务会议", "on": date(2024, 1, 26), "number": "西管常〔2024〕1号"}
PARTS = ["一、2023年度推进法治政府建设的主要举措和成效", "二、存在的不足和原因",
         "三、党政主要负责人履行推进法治建设第一责任人职责情况", "四、2024年度推进法治政府建设的主要安排",
         "五、其他需要报告的情况"]


@pytest.fixture
def report(coordinator, county, market_unit) -> AnnualReport:
    """A new report (the statutory outline) with one block asked of the market unit."""
    report = services.report_create(by=coordinator, unit=county, year=2023)
    services.section_add(report, by=coordinator, heading="（一）市场监管领域", level=2, unit=market_unit)
    return report


def write(report: AnnualReport, by, *, skip: tuple[str, ...] = ()) -> None:
    for section in report.sections.filter(unit=report.unit):
        if section.heading not in skip:
            services.section_save(section, by=by, text=f"{section.heading[2:]}的内容。")


def contribute(report: AnnualReport, coordinator, clerk) -> None:
    report = services.transition(report, "collect", by=coordinator)
    section = report.sections.get(heading="（一）市场监管领域")
    section = services.section_save(section, by=clerk, text="全年审查规范性文件{{ normative.documents_reviewed|value }}份。")
    services.section_submit(section, by=clerk)


def approve(report: AnnualReport, coordinator, approver) -> AnnualReport:
    report = services.transition(report, "review", by=coordinator)
    return services.transition(report, "approve", by=approver, meeting=MEETING)


def cleared(report: AnnualReport, coordinator) -> AnnualReport:
    services.secrecy_review_record(report, by=coordinator, passed=True, on=date(2024, 3, 14),
                                   opinion="不涉及党和国家秘密")
    return report


def refusal(report: AnnualReport, by) -> str:
    with pytest.raises(TransitionError) as exc:
        services.transition(report, "publish", by=by, on=date(2024, 3, 15))
    return exc.value.messages[0]


def test_a_new_report_has_the_five_statutory_parts_marked(report):
    sections = list(report.sections.all())
    assert [s.heading for s in sections[:5]] == PARTS
    assert [s.statutory for s in sections] == ["measures", "shortcomings", "first_duty", "next_year", "other", ""]


def test_a_complete_report_taken_through_every_step_by_two_hands_publishes(report, coordinator, approver, clerk):
    write(report, coordinator)
    contribute(report, coordinator, clerk)
    report = cleared(approve(report, coordinator, approver), coordinator)
    report = services.transition(report, "publish", by=coordinator, on=date(2024, 3, 15))
    assert report.state == "published" and report.published_by == coordinator
    assert (report.submitted_by, report.approved_by) == (coordinator, approver)
    assert (report.meeting_name, report.meeting_on, report.meeting_number) == (
        "区管委常务会议", date(2024, 1, 26), "西管常〔2024〕1号")
    assert "normative.documents_reviewed" in report.snapshot["figures"]
    events = AuditEvent.objects.filter(object_type="reports.annualreport", action="transition")
    approval = events.get(note="审核通过")
    assert approval.actor_id == approver.pk and approval.after["meeting_name"] == "区管委常务会议"
    review = AuditEvent.objects.get(object_type="reports.secrecyreview")
    assert review.actor_id == coordinator.pk and review.after["conclusion"] == "passed"
    assert review.note == "保密审查通过"


def test_a_statutory_part_with_nothing_under_it_is_named(report, coordinator, approver, clerk):
    write(report, coordinator, skip=(PARTS[1], PARTS[3]))
    blank = report.sections.get(heading=PARTS[3])
    ReportSection.objects.filter(pk=blank.pk).update(text="<p>&nbsp;</p>\n\u3000 ")  # markup and spaces only
    contribute(report, coordinator, clerk)
    report = cleared(approve(report, coordinator, approver), coordinator)
    assert refusal(report, coordinator) == f"不能发布：以下法定部分尚无内容：{PARTS[1]}、{PARTS[3]}。"


def test_a_statutory_heading_is_written_by_the_sections_under_it(coordinator, approver, county):
    report = services.report_create(by=coordinator, unit=county, year=2023, sections=[
        {"heading": PARTS[0], "level": 1},
        {"heading": "（一）强化组织领导", "level": 2, "text": "区党委会专题研究法治建设工作。"},
        {"heading": PARTS[1], "level": 1},
        {"heading": "（一）短板", "level": 2},
        {"heading": "", "level": 0, "text": "   "},
        {"heading": PARTS[2], "level": 1, "text": "主要负责人履行第一责任人职责。"},
        {"heading": PARTS[3], "level": 1},
        {"heading": "", "level": 0, "text": "持续推进。"},
        {"heading": PARTS[4], "level": 1, "text": "无。"},
    ])
    refused = refusal(cleared(approve(report, coordinator, approver), coordinator), coordinator)
    assert refused == f"不能发布：以下法定部分尚无内容：{PARTS[1]}。"


def test_a_unit_that_has_not_submitted_is_named_until_the_coordinator_releases_it(report, coordinator, approver,
                                                                                  clerk, login):
    write(report, coordinator)
    report = cleared(approve(report, coordinator, approver), coordinator)
    assert refusal(report, coordinator) == "不能发布：以下单位尚未报送：市场监管局（（一）市场监管领域）。"
    section = report.sections.get(heading="（一）市场监管领域")
    services.transition(report, "return", by=coordinator)
    assert "免于报送" in login(coordinator).get(f"/reports/sections/{section.pk}/").content.decode()
    page = login(coordinator).post(f"/reports/sections/{section.pk}/", {"action": "release", "reason": ""},
                                   follow=True).content.decode()
    assert "请填写免于报送的理由" in page
    login(coordinator).post(f"/reports/sections/{section.pk}/", {"action": "release", "reason": "本年度无相关工作"})
    section.refresh_from_db()
    assert section.released_by == coordinator and section.status_label == "免于报送"
    event = AuditEvent.objects.get(object_type="reports.reportsection", note="免于报送：本年度无相关工作")
    assert event.actor_id == coordinator.pk
    # The released block has no text, and it is not statutory: the report publishes without it.
    report = cleared(approve(report, coordinator, approver), coordinator)
    assert services.transition(report, "publish", by=coordinator).state == "published"


def test_a_placeholder_that_names_no_registered_indicator_is_named(report, coordinator, approver, clerk):
    write(report, coordinator)
    contribute(report, coordinator, clerk)
    # section_save refuses unknown keys; an indicator can still disappear, or text arrive another way.
    part = report.sections.get(heading=PARTS[1])
    ReportSection.objects.filter(pk=part.pk).update(
        text="调处{{ mediation.gone|value }}件，{{ 调解件数 }}件，{{ normative.documents_reviewed|bogus }}。")
    report = cleared(approve(report, coordinator, approver), coordinator)
    assert refusal(report, coordinator) == ("不能发布：以下占位符没有对应的已登记指标：{{ mediation.gone|value }}、"
                                            "{{ 调解件数 }}、{{ normative.documents_reviewed|bogus }}。")


def test_without_a_passed_secrecy_review_since_approval_it_cannot_publish(report, coordinator, approver, clerk):
    write(report, coordinator)
    contribute(report, coordinator, clerk)
    with pytest.raises(ValidationError, match="审核通过后、发布前才能进行保密审查"):
        services.secrecy_review_record(report, by=coordinator, passed=True)
    report = approve(report, coordinator, approver)
    assert refusal(report, coordinator) == "不能发布：尚未记录保密审查（审查人、日期、结论）。"
    with pytest.raises(ValidationError, match="不通过时须填写审查意见"):
        services.secrecy_review_record(report, by=coordinator, passed=False)
    services.secrecy_review_record(report, by=coordinator, passed=False, on=date(2024, 3, 1),
                                   opinion="第三部分涉及未公开的案件信息")
    assert refusal(report, coordinator) == "不能发布：保密审查未通过（2024-03-01，意见：第三部分涉及未公开的案件信息）。"
    cleared(report, coordinator)
    # Sent back and adopted again, the report needs a new review: the old one predates the approval.
    report = services.transition(report, "return", by=coordinator)
    assert report.approved_by is None and report.meeting_name == ""
    report = approve(report, coordinator, approver)
    assert refusal(report, coordinator) == "不能发布：尚未记录保密审查（审查人、日期、结论）。"
    report = cleared(report, coordinator)
    assert services.transition(report, "publish", by=coordinator, on=date(2024, 3, 15)).state == "published"


def test_the_drafter_cannot_approve(report, coordinator, approver, market_unit, justice_unit, login):
    write(report, coordinator)
    report = services.transition(report, "review", by=coordinator)
    with pytest.raises(TransitionError, match="起草、提交审核本报告的账号不能审核通过"):
        services.transition(report, "approve", by=coordinator, meeting=MEETING)
    page = login(coordinator).post(f"/reports/{report.pk}/transition/approve/", {
        "meeting_name": "区管委常务会议", "meeting_on": "2024-01-26"}, follow=True).content.decode()
    assert "起草、提交审核本报告的账号不能审核通过，须由另一名统筹人员审核" in page
    # Nor can an account that only submitted another's draft for review.
    from tests.conftest import make_user

    third = make_user("third", justice_unit, "coordinator")
    other = services.report_create(by=approver, unit=market_unit, year=2023)
    other = services.transition(other, "review", by=third)
    with pytest.raises(TransitionError, match="不能审核通过"):
        services.transition(other, "approve", by=third, meeting=MEETING)
    assert AnnualReport.objects.get(pk=report.pk).state == "reviewing"


def test_approval_records_the_meeting_that_adopted_the_report(report, coordinator, approver, login):
    write(report, coordinator)
    report = services.transition(report, "review", by=coordinator)
    with pytest.raises(TransitionError) as exc:
        services.transition(report, "approve", by=approver)
    assert exc.value.messages == ["审核通过须记录审议通过本报告的会议：请填写会议名称、会议日期"]
    with pytest.raises(TransitionError) as exc:
        services.transition(report, "approve", by=approver, meeting={"name": "区管委常务会议"})
    assert exc.value.messages == ["审核通过须记录审议通过本报告的会议：请填写会议日期"]
    client = login(approver)
    client.post(f"/reports/{report.pk}/transition/approve/", {
        "meeting_name": "区管委常务会议", "meeting_on": "2024-01-26", "meeting_number": ""})
    report.refresh_from_db()
    assert report.state == "approved" and report.meeting_on == date(2024, 1, 26) and report.meeting_number == ""
    assert "审议通过：区管委常务会议（2024年1月26日）" in client.get(report.get_absolute_url()).content.decode()


def test_the_approver_cannot_publish(report, coordinator, approver, clerk, login):
    write(report, coordinator)
    contribute(report, coordinator, clerk)
    report = cleared(approve(report, coordinator, approver), coordinator)
    with pytest.raises(ValidationError, match="已审核通过，标题、发文字号、主送机关、署名和印章不能再修改"):
        services.report_update(report, by=coordinator, title="{{ no.such }}")  # not after the review read it
    with pytest.raises(ValidationError, match="已审核通过"):
        services.report_update(report, by=coordinator, doc_number="西管发〔2024〕9号")
    assert refusal(report, approver) == "审核通过本报告的账号不能发布，须由另一名统筹人员发布"
    page = login(approver).post(f"/reports/{report.pk}/transition/publish/", follow=True).content.decode()
    assert "审核通过本报告的账号不能发布" in page
    assert AnnualReport.objects.get(pk=report.pk).state == "approved"


def test_every_gap_is_named_in_one_message_on_the_page(report, coordinator, approver, login):
    write(report, coordinator, skip=(PARTS[1],))
    report = approve(report, coordinator, approver)
    detail = login(coordinator).get(report.get_absolute_url()).content.decode()
    assert "发布前还需：" in detail and f"以下法定部分尚无内容：{PARTS[1]}" in detail
    page = login(coordinator).post(f"/reports/{report.pk}/transition/publish/", follow=True).content.decode()
    assert (f"不能发布：以下法定部分尚无内容：{PARTS[1]}；以下单位尚未报送：市场监管局（（一）市场监管领域）；"
            "尚未记录保密审查（审查人、日期、结论）。") in page
    # The secrecy review is recorded on the page, and shown there.
    page = login(coordinator).post(f"/reports/{report.pk}/secrecy/", {
        "conclusion": "passed", "on": "2024-03-14", "opinion": "同意公开"}, follow=True).content.decode()
    assert "保密审查：通过（2024年3月14日，coordinator）意见：同意公开" in page
