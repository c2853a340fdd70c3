"""Issue 17: the 政府信息公开工作年度报告 in the six-part national format (国办公开办函〔2021〕30号) —
for each unit that handled requests and for the county total; table 三 balances or the report
is not published; it is due by 31 January (the county government's by 31 March) and reminded."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from fazhi.core.ledger import record_create
from fazhi.core.models import Notification
from fazhi.core.workflow import TransitionError
from fazhi.reports import gip, reminders, render, services
from fazhi.reports.models import AnnualReport
from fazhi.streams.disclosure.models import DisclosureRequest
from tests.streams.disclosure.conftest import request_fields

MEETING = {"name": "区管委常务会议", "on": date(2024, 1, 20)}
PARTS = ["一", "二", "三", "四", "五", "六"]
TITLES = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
          "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]


def sums(data: dict) -> dict[str, dict[str, int]]:
    return {r["key"]: r["cells"] for r in data["parts"]["三"]["rows"] if r["key"] in gip.BALANCE_ROWS}


# -- the workflow: balance guard, deadlines, reminders -------------------------------------------------

@pytest.fixture
def requests_2023(clerk, other_clerk, market_unit, transport_unit):
    """One request of each unit received in 2023 and still open at its end (carried over)."""
    return [record_create(DisclosureRequest, by=by, unit=unit,
                          **request_fields(year=2023, request_no=f"依申2023-{i}", submitted_on=date(2023, 6, 1 + i)))
            for i, (by, unit) in enumerate(((clerk, market_unit), (other_clerk, transport_unit)), start=1)]


def ready(report: AnnualReport, coordinator, approver) -> AnnualReport:
    for section in report.sections.all():  # parts 五 and 六 start as 待填写 prompts, which do not publish
        if section.text.startswith("（待填写"):
            services.section_save(section, by=coordinator, text="本年度无需要报告的其他事项。")
    report = services.transition(report, "review", by=coordinator)
    report = services.transition(report, "approve", by=approver, meeting=MEETING)
    services.secrecy_review_record(report, by=coordinator, passed=True, on=date(2024, 1, 22), opinion="不涉密")
    return report


@pytest.mark.django_db
def test_a_balanced_report_publishes_and_freezes_its_six_parts(coordinator, approver, market_unit, requests_2023):
    report = services.report_create(by=coordinator, unit=market_unit, year=2023, kind="disclosure")
    assert [s.heading for s in report.sections.all()] == [TITLES[0], TITLES[4], TITLES[5]]
    report = services.transition(ready(report, coordinator, approver), "publish", by=coordinator, on=date(2024, 1, 25))
    assert report.state == "published"
    frozen = report.snapshot["gip"]
    assert list(frozen["parts"]) == PARTS and sums(frozen)["new"]["total"] == 1
    DisclosureRequest.objects.filter(unit=market_unit).delete()  # later changes do not alter the published text
    assert sums(gip.gip_json(market_unit, 2023))["new"]["total"] == 1


@pytest.mark.django_db
def test_parts_still_showing_their_prompts_are_not_published(coordinator, approver, market_unit, requests_2023):
    report = services.report_create(by=coordinator, unit=market_unit, year=2023, kind="disclosure")
    report = services.transition(report, "review", by=coordinator)
    report = services.transition(report, "approve", by=approver, meeting=MEETING)
    services.secrecy_review_record(report, by=coordinator, passed=True, on=date(2024, 1, 22), opinion="不涉密")
    with pytest.raises(TransitionError, match="五、存在的主要问题及改进情况"):
        services.transition(report, "publish", by=coordinator, on=date(2024, 1, 25))


@pytest.mark.django_db
def test_an_unbalanced_table_three_is_not_published_and_the_refusal_names_the_columns(
        coordinator, approver, county, requests_2023):
    # A request imported with a conclusion before its receipt: received in 2023, never open in it.
    DisclosureRequest.objects.filter(pk=requests_2023[0].pk).update(closed_on=date(2022, 12, 1))
    report = ready(services.report_create(by=coordinator, unit=county, year=2023, kind="disclosure"),
                   coordinator, approver)
    assert gip.gip_json(county, 2023)["parts"]["三"]["balanced"] is False
    with pytest.raises(TransitionError) as exc:
        services.transition(report, "publish", by=coordinator, on=date(2024, 1, 25))
    message = exc.value.messages[0]
    assert "表三“收到和处理政府信息公开申请情况”不平衡" in message
    assert "自然人（本年新收2＋上年结转0≠办理结果总计0＋结转下年度1）" in message
    assert "总计（本年新收2" in message and "商业企业" not in message
    report.refresh_from_db()
    assert report.state == "approved"


@pytest.mark.django_db
def test_the_report_is_due_by_31_january_and_reminded_before(coordinator, county, market_unit, requests_2023):
    dept, own = (services.report_create(by=coordinator, unit=unit, year=2023, kind="disclosure")
                 for unit in (market_unit, county))
    with pytest.raises(ValidationError, match="2023年度的政府信息公开工作年度报告已存在"):  # once
        services.report_create(by=coordinator, unit=market_unit, year=2023, kind="disclosure")
    assert [(d.key, d.due) for d in dept.deadlines.all()] == [
        ("report_publish", date(2024, 1, 31))]
    assert own.deadlines.get().due == date(2024, 3, 31)  # the county government: 条例 第四十九条
    assert reminders.remind(date(2023, 12, 15)).created == 0  # more than 30 days ahead
    reminders.remind(date(2024, 1, 10))
    titles = set(Notification.objects.filter(user=coordinator).values_list("title", flat=True))
    assert "即将到期：2023年度政府信息公开工作年度报告须于2024年1月31日前向社会公开" in titles
    assert not any("报送上级" in t for t in titles)
    # The annual 法治政府建设 report of the same unit and year is a different report.
    services.report_create(by=coordinator, unit=county, year=2023)
    assert AnnualReport.objects.filter(unit=county, year=2023).count() == 2


@pytest.mark.django_db
def test_the_coordinator_creates_one_on_the_report_page_and_reads_its_tables(login, coordinator, market_unit,
                                                                          requests_2023):
    client = login(coordinator)
    response = client.post("/reports/new/", {"unit": market_unit.code, "year": "2023", "kind": "disclosure"},
                           follow=True)
    page = response.content.decode()
    assert "政府信息公开工作年度报告已创建，已按国家格式生成六部分" in page
    assert all(t in page for t in TITLES) and "四、结转下年度继续办理" in page
    report = AnnualReport.objects.get(unit=market_unit, kind="disclosure")
    word = client.get(f"/reports/{report.pk}/download.docx")
    assert word.status_code == 200
    assert len(Document(io.BytesIO(word.content)).tables) == 3


@pytest.mark.django_db
def test_the_figures_the_ledgers_do_not_hold_are_entered_and_checked(login, coordinator, market_unit):
    report = services.report_create(by=coordinator, unit=market_unit, year=2023, kind="disclosure")
    client = login(coordinator)
    bad = client.post(f"/reports/{report.pk}/entered/", {"rules_issued": "-1", "fees": "1.5.2"}, follow=True)
    page = bad.content.decode()
    assert "规章本年制发件数须为不小于0的整数" in page and "行政事业性收费本年收费金额（万元）须为不小于0的数字" in page
    report.refresh_from_db()
    assert report.entered == {}
    client.post(f"/reports/{report.pk}/entered/", {"rules_issued": "0", "rules_in_force": "2", "fees": "3.25",
                                                   "version": report.version})
    two = {r["label"]: [c["value"] for c in r["cells"]] for r in gip.gip_json(market_unit, 2023)["parts"]["二"]["rows"]}
    assert two["规章"] == [0, 0, 2] and two["行政事业性收费"] == [3.25]


# -- the renderer and the page's steps ------------------------------------------------------------------

@pytest.mark.django_db
def test_the_word_file_uses_the_shared_gbt9704_page_and_passes_the_checker(coordinator, market_unit, requests_2023,
                                                                          tmp_path):
    import subprocess
    import sys
    import zipfile

    from tests.reports.test_demo_outline import CHECKER

    report = services.report_create(by=coordinator, unit=market_unit, year=2023, kind="disclosure",
                                    signed_on=date(2024, 1, 25))
    out = tmp_path / "gip.docx"
    out.write_bytes(render.docx_bytes(report))
    fonts = zipfile.ZipFile(out).read("word/fontTable.xml").decode()
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in fonts  # what WPS/Word fall back to
    assert Document(str(out)).paragraphs[-1].text == "2024年1月25日"
    if not CHECKER.exists():
        pytest.skip(f"{CHECKER} not found")
    result = subprocess.run([sys.executable, str(CHECKER), str(out)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout


@pytest.mark.django_db
def test_the_report_page_builds_table_three_once(login, coordinator, market_unit, requests_2023, monkeypatch):
    report = services.report_create(by=coordinator, unit=market_unit, year=2023, kind="disclosure")
    built = []
    original = gip.part_three
    monkeypatch.setattr(gip, "part_three", lambda units, year: built.append(year) or original(units, year))
    page = login(coordinator).get(report.get_absolute_url()).content.decode()
    assert "三、收到和处理政府信息公开申请情况" in page and "发布前还需：" in page
    assert built == [2023]


@pytest.mark.django_db
def test_table_two_figures_from_a_stale_page_are_refused(login, coordinator, market_unit):
    report = services.report_create(by=coordinator, unit=market_unit, year=2023, kind="disclosure")
    client = login(coordinator)
    read_at = report.version
    services.entered_update(report, by=coordinator, values={"rules_in_force": "5"}, expected_version=read_at)
    page = client.post(f"/reports/{report.pk}/entered/", {"rules_in_force": "2", "version": read_at},
                       follow=True).content.decode()
    assert "该内容已被他人修改，请刷新后重新编辑" in page
    page = client.post(f"/reports/{report.pk}/entered/", {"rules_in_force": "2"}, follow=True).content.decode()
    assert "该内容已被他人修改，请刷新后重新编辑" in page  # a form without its version reads as stale
    report.refresh_from_db()
    assert report.entered["rules_in_force"] == 5


@pytest.mark.django_db
def test_a_contribution_is_released_once_even_from_a_page_read_before_the_first_release(coordinator, county,
                                                                                       market_unit, login):
    from fazhi.core.models import AuditEvent

    report = services.report_create(by=coordinator, unit=county, year=2023)
    section = services.section_add(report, by=coordinator, heading="（一）市场监管领域", level=2, unit=market_unit)
    services.section_release(section, by=coordinator, reason="本年度无相关工作")
    with pytest.raises(ValidationError, match="该章节已于.*免于报送，不能重复操作"):
        services.section_release(section, by=coordinator, reason="另一个理由")  # the copy read before the first
    page = login(coordinator).post(f"/reports/sections/{section.pk}/", {"action": "release", "reason": "再次"},
                                   follow=True).content.decode()
    assert "不能重复操作" in page
    section.refresh_from_db()
    assert section.release_reason == "本年度无相关工作"
    assert AuditEvent.objects.filter(object_type="reports.reportsection", object_id=str(section.pk),
                                     note__startswith="免于报送").count() == 1
