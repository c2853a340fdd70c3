"""Issue 17: the report's .docx opens right in every office suite — its own document properties
(title, issuing body, today; nothing of python-docx's template), a lines-only page grid, a title
broken only between words (回行), one heading hierarchy 一、/（一）/1. with the fonts GB/T 9704 gives
each level — and LibreOffice lays it out as the project's PDF does (skipped where it is absent)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from datetime import date

import pytest
from django.utils import timezone
from docx import Document
from docx.oxml.ns import qn

from fazhi.reports import render, services

pytestmark = pytest.mark.django_db
LONG = ("全面推进严格规范公正文明执法，深入开展行政执法三项制度落实情况检查，"
        "组织执法人员参加公共法律知识和专业法律知识培训，执法案卷评查合格率持续提高。") * 3


@pytest.fixture
def report(coordinator, county, market_unit):
    return services.report_create(
        by=coordinator, unit=county, year=2023, signed_on=date(2024, 1, 26), addressee="市委依法治市办",
        sections=[
            {"heading": "一、2023年度推进法治政府建设的主要举措和成效", "level": 1},
            {"heading": "1.强化组织领导", "level": 2, "text": LONG},
            {"heading": "（二）推进职能转变", "level": 2, "text": "（一）加强组织领导。持续深推法治政府建设工作落地落实。"},
            {"heading": "（1）完善制度", "level": 3, "text": LONG},
            {"heading": "2.下一年度安排", "level": 1, "text": LONG},
        ])


def docx(report) -> Document:
    return Document(io.BytesIO(render.docx_bytes(report)))


def east_asia(paragraph) -> list[str]:
    return [r._element.rPr.rFonts.get(qn("w:eastAsia")) for r in paragraph.runs if r.text.strip()]


def test_the_document_properties_name_the_issuing_body_and_today(report):
    data = render.docx_bytes(report)
    props = Document(io.BytesIO(data)).core_properties
    assert props.title == report.title and props.author == "常德市西洞庭管理区管理委员会"
    assert props.last_modified_by == "常德市西洞庭管理区管理委员会"
    assert props.created.date() == timezone.now().date() and props.comments == ""
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert not any("thumbnail" in n for n in names)
    assert b"python-docx" not in zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml")


def test_the_page_grid_is_lines_only(report):
    grid = docx(report).sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines" and grid.get(qn("w:linePitch")) == "579"
    assert grid.get(qn("w:charSpace")) is None


@pytest.mark.parametrize(("title", "lines"), [
    ("常德市西洞庭管理区管理委员会关于2023年度法治政府建设工作情况的报告",
     ["常德市西洞庭管理区管理委员会关于", "2023年度法治政府建设工作情况的报告"]),
    ("市场监督管理局2023年政府信息公开工作年度报告", ["市场监督管理局2023年", "政府信息公开工作年度报告"]),
    ("市场监督管理局政务公开工作要点", ["市场监督管理局政务公开工作要点"]),
    ("常德市西洞庭管理区管理委员会2023年政府信息公开工作年度报告",
     ["常德市西洞庭管理区管理委员会", "2023年政府信息公开工作年度报告"]),
])
def test_a_long_title_breaks_only_between_words(title, lines):
    assert render.title_lines(title) == lines


def test_the_title_paragraph_breaks_between_words(report):
    title = docx(report).paragraphs[0]
    assert title.text == "常德市西洞庭管理区管理委员会关于\n2023年度法治政府建设工作情况的报告"
    assert set(east_asia(title)) == {"方正小标宋简体"}


def test_one_heading_hierarchy_with_the_fonts_of_each_level(report):
    paragraphs = [p for p in docx(report).paragraphs if p.text.strip()]
    headings = {p.text: p for p in paragraphs if len(p.text) < 30}
    assert "（一）强化组织领导" in headings and "（二）推进职能转变" in headings
    assert "1.完善制度" in headings and "二、下一年度安排" in headings
    assert east_asia(headings["一、2023年度推进法治政府建设的主要举措和成效"]) == ["黑体"]
    assert east_asia(headings["（一）强化组织领导"]) == ["楷体_GB2312"]
    three = headings["1.完善制度"]
    assert east_asia(three) == ["仿宋_GB2312"] and not any(r.bold for r in three.runs)
    run_in = next(p for p in paragraphs if p.text.startswith("（一）加强组织领导。"))
    assert east_asia(run_in) == ["楷体_GB2312", "仿宋_GB2312"]  # the heading only in 楷体
    html = render.body_html(report, links=False)
    assert "（一）强化组织领导" in html and "1.完善制度" in html and "1.强化组织领导" not in html


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed; "
                    "scripts/install-system-deps.sh installs libreoffice-writer-nogui")
def test_libreoffice_lays_the_docx_out_like_the_projects_pdf(report, tmp_path):
    if not render.chinese_fonts():
        pytest.skip("no Chinese font installed")
    (tmp_path / "report.docx").write_bytes(render.docx_bytes(report))
    (tmp_path / "own.pdf").write_bytes(render.pdf_bytes(report))
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path / "lo-out"), str(tmp_path / "report.docx")],
                   check=True, capture_output=True, timeout=180)
    from pypdf import PdfReader

    converted = PdfReader(str(tmp_path / "lo-out" / "report.pdf"))
    own = PdfReader(str(tmp_path / "own.pdf"))
    assert abs(len(converted.pages) - len(own.pages)) <= 1
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "lo-out" / "report.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    widest = max(len(re.sub(r"\s", "", line)) for line in text.splitlines())
    assert widest >= 26, widest
