"""Issue 17: the demo's 2023 report has the statutory parts of 第二十五条 in order, each with
text (the parts the county's own text lacks written for the demo and marked as such), carries a
发文字号 (in the Word file's 版头, under the 发文机关标志) and a 主送机关 in its Word file, HTML and public
page, and its .docx passes the shared GB/T 9704 checker.

The demo is loaded once for this module (it is large) and flushed afterwards.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from fazhi.reports import guards
from fazhi.reports.demo import DEMO_MARK
from fazhi.reports.models import AnnualReport, StatutoryPart
from fazhi.reports.render import docx_bytes, standalone_html

ROOT = Path(__file__).resolve().parents[2]
SEED = json.loads((ROOT / "tests" / "data" / "figures-2023.json").read_text(encoding="utf-8"))
CHECKER = ROOT.parent / "shared" / "tools" / "gbt9704_check.py"

PARTS = [StatutoryPart.MEASURES, StatutoryPart.SHORTCOMINGS, StatutoryPart.FIRST_DUTY, StatutoryPart.NEXT_YEAR,
         StatutoryPart.OTHER]
DOC_NUMBER, ADDRESSEE = "西管发〔2024〕3号", "中共常德市委全面依法治市委员会办公室"


@pytest.fixture
def report2023(demo_db, db):
    return AnnualReport.objects.get(unit__code="430771", year=2023, kind="rule_of_law")


def test_the_2023_report_has_the_statutory_parts_in_order_each_with_text(report2023):
    assert report2023.state == "published"
    sections = list(report2023.sections.order_by("order"))
    parts = [s for s in sections if s.statutory]
    assert [s.statutory for s in parts] == PARTS
    assert [s.heading for s in parts] == [s["heading"] for s in guards.statutory_outline(2023)]
    assert all(s.level == 1 for s in parts)
    # Each part has text under it: its own, or that of its level-2 blocks (part 一: the county's 1.–5.).
    for i, part in enumerate(parts):
        end = parts[i + 1].order if i + 1 < len(parts) else sections[-1].order + 1
        under = [s for s in sections if part.order <= s.order < end]
        assert any(guards.has_text(s.text) for s in under), part.heading
    assert guards.empty_statutory(sections) == []
    # The county's words stay the county's; the demo's own parts say what they are.
    assert "（一）加强组织领导。" in parts[3].text and DEMO_MARK not in parts[3].text
    for part in (parts[1], parts[2], parts[4]):
        assert part.text.rstrip().endswith(DEMO_MARK)
    assert not any(DEMO_MARK in s.text for s in sections if s.statutory in ("", StatutoryPart.MEASURES,
                                                                              StatutoryPart.NEXT_YEAR))
    # 第一责任人: the 专题研究 count is bound to its indicator and frozen with the rest.
    assert "{{ study.topic_sessions|value }}" in parts[2].text
    html = standalone_html(report2023, links=False)
    assert "主持召开区党委会专题研究法治建设4次" in html


def test_every_seed_figure_is_still_bound_in_the_county_text(report2023):
    county_text = "\n".join(s.text for s in report2023.sections.all() if DEMO_MARK not in s.text)
    assert {k for k in SEED["figures"] if "{{ " + k in county_text} == set(SEED["figures"])
    html = standalone_html(report2023, links=False)
    for phrase in ("调成831件", "成功率99.3%", "法治建设工作4次", "应诉案共5件", "约访202批次"):
        assert phrase in html, phrase


def test_the_word_file_shows_doc_number_and_addressee_and_passes_the_checker(report2023, tmp_path):
    assert (report2023.doc_number, report2023.addressee) == (DOC_NUMBER, ADDRESSEE)
    out = tmp_path / "report-2023.docx"
    out.write_bytes(docx_bytes(report2023))
    paragraphs = [p for p in Document(str(out)).paragraphs if p.text.strip()]
    # The 版头: the red 发文机关标志, the 发文字号 over the red separator line; then the title.
    assert paragraphs[0].text == report2023.signatory + "文件"
    assert str(paragraphs[0].runs[0].font.color.rgb) == "FF0000"
    number = paragraphs[1]
    assert number.text == DOC_NUMBER and number.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert number.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom")).get(qn("w:color")) == "FF0000"
    assert paragraphs[2].text.startswith("常德市西洞庭管理区管理委员会关于")
    assert paragraphs[3].text == ADDRESSEE + "："
    texts = [p.text for p in paragraphs]
    headings = [s["heading"] for s in guards.statutory_outline(2023)]
    assert [texts.index(h) for h in headings] == sorted(texts.index(h) for h in headings)
    if not CHECKER.exists():
        pytest.skip(f"{CHECKER} not found")
    result = subprocess.run([sys.executable, str(CHECKER), str(out)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith("0 findings")


def test_the_published_report_on_the_portal_shows_doc_number_and_parts(report2023, client):
    assert report2023.title in client.get("/gk/reports/").content.decode()
    page = client.get(f"/gk/reports/{report2023.pk}/").content.decode()
    assert page.index(report2023.title[:10]) < page.index(DOC_NUMBER) < page.index(ADDRESSEE + "：")
    assert 'class="gw-doc_number"' in page
    for s in guards.statutory_outline(2023):
        assert s["heading"] in page
    assert "调成831件" in page or ">831</a>件" in page
    docx = client.get(f"/gk/reports/{report2023.pk}/download.docx")
    assert docx.status_code == 200 and DOC_NUMBER.encode() in _document_xml(docx.content)


def _document_xml(data: bytes) -> bytes:
    import io
    import zipfile

    return zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
