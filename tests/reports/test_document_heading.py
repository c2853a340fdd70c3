"""Issue 17: the coordinator sets a report's 公文 elements on its page — 发文字号 (checked against GB/T 9704
7.2.4, the year in 〔〕), 主送机关, 发文机关署名, 成文日期 — audited, refused once published; a report with a
发文字号 is printed with its 版头: the red 发文机关标志, the number under it and the red separator line,
the title below, and the .docx still passes the shared GB/T 9704 checker."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from fazhi.core.models import AuditEvent
from fazhi.reports import docnumber, render, services
from fazhi.reports.models import AnnualReport

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
CHECKER = ROOT.parent / "shared" / "tools" / "gbt9704_check.py"
MEETING = {"name": "区管委常务会议", "on": date(2024, 1, 26)}


@pytest.fixture
def report(written_report) -> AnnualReport:
    return written_report


def post(client, report: AnnualReport, **fields) -> str:
    data = {"version": report.version, "title": report.title, "doc_number": report.doc_number,
            "addressee": report.addressee, "signatory": report.signatory,
            "signed_on": report.signed_on.isoformat() if report.signed_on else "", **fields}
    return client.post(f"/reports/{report.pk}/update/", data, follow=True).content.decode()


# -- the form ----------------------------------------------------------------------------------------

def test_the_coordinator_sets_the_document_elements_on_the_report_page_and_each_change_is_audited(
        report, coordinator, login):
    client = login(coordinator)
    page = client.get(report.get_absolute_url()).content.decode()
    assert "公文要素" in page and 'name="doc_number"' in page and 'name="addressee"' in page
    page = post(client, report, doc_number="西管发〔2024〕3号", addressee="市委依法治市办",
                signatory="常德市西洞庭管理区管理委员会", signed_on="2024-01-26")
    assert "已保存公文要素" in page
    report.refresh_from_db()
    assert (report.doc_number, report.addressee, report.signed_on) == ("西管发〔2024〕3号", "市委依法治市办",
                                                                       date(2024, 1, 26))
    event = AuditEvent.objects.filter(object_type="reports.annualreport", action="update").latest("id")
    assert event.actor == coordinator
    assert event.after["doc_number"] == "西管发〔2024〕3号" and event.before["doc_number"] == ""
    assert "signatory" not in event.after  # unchanged: not sent, not logged


@pytest.mark.parametrize(("value", "says"), [
    ("西管发[2024]3号", "年份须用六角括号“〔〕”括入"),
    ("西管发【2024】3号", "年份须用六角括号“〔〕”括入"),
    ("西管发（2024）3号", "年份须用六角括号“〔〕”括入"),
    ("西管发2024年3号", "缺少用六角括号“〔〕”括入的年份"),
    ("西管发〔24〕3号", "年份须标全称"),
    ("西管发〔2024〕03号", "不编虚位"),
    ("西管发〔2024〕第3号", "不加“第”字"),
    ("西管发〔2024〕3", "须加“号”字"),
    ("〔2024〕3号", "发文机关代字"),
])
def test_a_malformed_doc_number_is_refused_in_chinese_and_nothing_is_saved(report, coordinator, login, value, says):
    page = post(login(coordinator), report, doc_number=value, addressee="市委依法治市办")
    assert "发文字号格式不正确：" in page and says in page and "西管发〔2024〕3号" in page
    report.refresh_from_db()
    assert report.doc_number == "" and report.addressee == ""  # no partial write


@pytest.mark.parametrize("value", ["西管发〔2024〕3号", "国办发〔2021〕30号", "西管办函〔2023〕112号"])
def test_well_formed_doc_numbers_pass(value):
    assert docnumber.problem(value) == ""


def test_a_stale_form_and_a_bad_date_are_refused(report, coordinator, login):
    client = login(coordinator)
    services.report_update(report, by=coordinator, addressee="市委依法治市办")  # someone saved meanwhile
    assert "该内容已被他人修改，请刷新后重新编辑" in post(client, report, doc_number="西管发〔2024〕3号")
    report.refresh_from_db()
    assert "成文日期格式不正确（YYYY-MM-DD）" in post(client, report, signed_on="2024-13-40")
    report.refresh_from_db()
    assert report.doc_number == "" and report.signed_on is None


def test_after_approval_only_the_date_may_change_and_after_publication_nothing(report, coordinator, approver,
                                                                              login):
    client = login(coordinator)
    report = services.transition(services.transition(report, "review", by=coordinator), "approve", by=approver,
                                 meeting=MEETING)
    page = post(client, report, doc_number="西管发〔2024〕9号")
    assert "报告已审核通过，标题、发文字号、主送机关、署名和印章不能再修改，请先退回修改" in page
    assert "已保存公文要素" in post(client, AnnualReport.objects.get(pk=report.pk), signed_on="2024-01-26")
    services.secrecy_review_record(report, by=coordinator, passed=True, on=date(2024, 3, 14), opinion="不涉密")
    report = services.transition(AnnualReport.objects.get(pk=report.pk), "publish", by=coordinator,
                                 on=date(2024, 3, 15))
    page = post(client, report, signed_on="2024-02-01")
    assert "报告已发布，标题、发文字号、主送机关、署名、印章和成文日期不能再修改" in page
    assert AnnualReport.objects.get(pk=report.pk).signed_on == date(2024, 1, 26)
    assert 'data-testid="heading-form"' not in client.get(report.get_absolute_url()).content.decode()


def test_a_clerk_cannot_set_the_document_elements(report, clerk, login):
    response = login(clerk).post(f"/reports/{report.pk}/update/", {"version": report.version,
                                                                  "doc_number": "西管发〔2024〕3号"})
    assert response.status_code in (403, 404)
    assert AnnualReport.objects.get(pk=report.pk).doc_number == ""


# -- the 版头 ------------------------------------------------------------------------------------------

def numbered(report: AnnualReport, coordinator, **changes) -> AnnualReport:
    return services.report_update(report, by=coordinator, doc_number="西管发〔2024〕3号", addressee="市委依法治市办",
                                  signed_on=date(2024, 1, 26), **changes)


def texts(doc: Document) -> list:
    return [p for p in doc.paragraphs if p.text.strip()]


def test_the_word_file_opens_with_the_red_issuer_mark_the_number_and_the_separator_line(report, coordinator,
                                                                                       tmp_path):
    report = numbered(report, coordinator)
    out = tmp_path / "report.docx"
    out.write_bytes(render.docx_bytes(report))
    mark, number, title, addressee = texts(Document(str(out)))[:4]
    assert mark.text == "常德市西洞庭管理区管理委员会文件" and mark.alignment == WD_ALIGN_PARAGRAPH.CENTER
    run = mark.runs[0]
    assert str(run.font.color.rgb) == "FF0000" and run._element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    assert run.font.size.pt == 22 and mark.paragraph_format.space_before.mm == pytest.approx(35, abs=0.5)
    assert number.text == "西管发〔2024〕3号" and number.alignment == WD_ALIGN_PARAGRAPH.CENTER
    line = number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert (line.get(qn("w:val")), line.get(qn("w:color"))) == ("single", "FF0000")
    assert title.text.startswith("常德市西洞庭管理区管理委员会关于") and addressee.text == "市委依法治市办："
    lines = [p.text for p in Document(str(out)).paragraphs]
    at = lines.index(number.text)
    assert lines[at + 1:at + 4] == ["", "", title.text]  # the title two lines below the separator line
    assert lines[lines.index(mark.text) + 1:at] == ["", ""]  # the number two lines below the mark
    if not CHECKER.exists():
        pytest.skip(f"{CHECKER} not found")
    result = subprocess.run([sys.executable, str(CHECKER), str(out)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout


def test_a_report_without_a_number_starts_with_its_title(report):
    assert texts(Document(io.BytesIO(render.docx_bytes(report))))[0].text.startswith("常德市西洞庭管理区管理委员会关于")


def test_a_long_issuer_name_is_condensed_to_one_line(report, coordinator):
    report = numbered(report, coordinator, signatory="中共常德市西洞庭管理区工作委员会常德市西洞庭管理区管理委员会")
    mark = texts(Document(io.BytesIO(render.docx_bytes(report))))[0]
    scale = int(mark.runs[0]._element.rPr.find(qn("w:w")).get(qn("w:val")))
    assert 50 < scale < 100
    assert render._width(mark.text) * 22 * scale / 100 <= render.LINE_WIDTH_PT


def test_the_printed_html_has_the_banner_and_the_web_page_shows_the_number_under_the_title(report, coordinator,
                                                                                           login):
    report = numbered(report, coordinator)
    printed = render.standalone_html(report, links=False).split("<body>")[1]
    assert 'class="gw-mark"' in printed
    assert printed.index("管理委员会文件") < printed.index("西管发〔2024〕3号") < printed.index("2023年度法治政府建设")
    assert "border-bottom: 1pt solid #f00" in render.DOCUMENT_CSS
    page = login(coordinator).get(report.get_absolute_url()).content.decode()
    assert 'class="gw-mark"' not in page
    body = page[page.index('aria-label="报告正文"'):]
    assert body.index("2023年度法治政府建设") < body.index("西管发〔2024〕3号")


def test_the_font_table_names_fallbacks_in_the_word_file(report, coordinator):
    data = render.docx_bytes(numbered(report, coordinator))
    fonts = zipfile.ZipFile(io.BytesIO(data)).read("word/fontTable.xml").decode()
    assert '<w:font w:name="方正小标宋简体"><w:altName w:val="华文中宋"/>' in fonts
