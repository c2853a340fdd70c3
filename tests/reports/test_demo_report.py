"""The reference customer's 2023 report, built by the demo and read as its readers would:
the figures via the CLI, the Word file against GB/T 9704, the PDF's Chinese text, the
published figures frozen, and the drill-down behind 99.3%.

The demo is loaded once for this module (it is large) and flushed afterwards.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from pypdf import PdfReader

from fazhi import cli
from fazhi.core.registry import streams
from fazhi.indicators.registry import load_all
from fazhi.reports.models import AnnualReport
from fazhi.reports.services import figures_of, live_figures

ROOT = Path(__file__).resolve().parents[2]
SEED = json.loads((ROOT / "tests" / "data" / "figures-2023.json").read_text(encoding="utf-8"))
CHECKER = next((p for p in (ROOT.parent / "shared" / "tools" / "gbt9704_check.py",
                            ROOT / "tools" / "gbt9704_check.py") if p.exists()), None)


@pytest.fixture
def report2023(demo_db, db):
    return AnnualReport.objects.get(unit__code="430771", year=2023, kind="rule_of_law")


def installed_seed_keys() -> list[str]:
    installed = {m.key for m in streams()}
    return [k for k in SEED["figures"] if k.split(".")[0] in installed]


def test_the_cli_prints_the_seed_figures_of_the_installed_streams(report2023, tmp_path):
    out = tmp_path / "figures.json"
    assert cli.main(["report", "--year", "2023", "--format", "json", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["unit"] == {"code": "430771", "name": "常德市西洞庭管理区"} and data["year"] == 2023
    assert set(data["figures"]["mediation.success_rate"]) >= {"label", "value", "numerator", "denominator", "display"}
    problems = []
    for key in installed_seed_keys():
        want, got = SEED["figures"][key], data["figures"].get(key)
        if got is None:
            problems.append(f"{key} missing")
            continue
        if "display" in want and got["display"] != want["display"]:
            problems.append(f"{key}: {got['display']} ≠ {want['display']}")
        if "value" in want and (got["value"] is None or Decimal(str(got["value"])) != want["value"]):
            problems.append(f"{key}: {got['value']} ≠ {want['value']}")
        if "min" in want and not (got["value"] is not None and want["min"] <= got["value"] <= want["max"]):
            problems.append(f"{key}: {got['value']} outside {want['min']}–{want['max']}")
        for part in ("numerator", "denominator"):
            if part in want and got[part] != want[part]:
                problems.append(f"{key}: {part} {got[part]} ≠ {want[part]}")
    assert problems == []
    assert "mediation.success_rate" in installed_seed_keys()


def test_the_published_2023_report_reads_as_the_county_wrote_it(report2023, login):
    leader = demo_user("leader")
    assert report2023.state == "published" and report2023.sent_to_superiors_on.isoformat() == "2024-01-29"
    html = login(leader).get(report2023.get_absolute_url()).content.decode()
    assert "常德市西洞庭管理区管理委员会关于2023年度法治政府建设工作情况的报告" in html
    assert "一、2023年度推进法治政府建设的主要举措和成效" in html and "2024年1月26日" in html
    assert "四、2024年度推进法治政府建设的主要安排" in html and "（一）加强组织领导。" in html
    assert "账号+密码登录" not in html and "立即注册" not in html
    # Every seed figure is bound to its indicator, and each bound figure links to its drill-down.
    keys_in_text = set()
    for s in report2023.sections.all():
        keys_in_text |= {k for k in SEED["figures"] if "{{ " + k in s.text}
    assert keys_in_text == set(SEED["figures"])
    assert ('<a class="fz-fig" href="/indicators/mediation.success_rate/?unit=430771&amp;year=2023"'
            in html)
    assert "调成<a" in html and ">831</a>件" in html and ">99.3%</a>" in html
    # Figures of the installed streams print as the seed report printed them.
    frozen = report2023.snapshot["figures"]
    for key in installed_seed_keys():
        assert key in frozen and frozen[key]["version"] == load_all()[key].version


def test_publishing_froze_the_figures_and_later_changes_touch_only_the_drafts(report2023):
    from fazhi.reports import services
    from fazhi.streams.mediation.models import MediationCase as C

    case = C.objects.filter(result=C.Result.SUCCESS, accepted_on__year=2023, unit__code__startswith="430771").first()
    draft = services.report_create(by=demo_user("coordinator"), unit=case.unit, year=2023, sections=[
        {"heading": "一、矛盾调处", "level": 1, "text": "全年调成{{ mediation.settled|value }}件。"}])
    settled_before = figures_of(draft)["mediation.settled"]["value"]
    C.objects.filter(pk=case.pk).update(result=C.Result.FAILED, state="concluded")  # one ledger record changes
    assert figures_of(draft)["mediation.settled"]["value"] == settled_before - 1  # the draft follows
    assert f"全年调成{settled_before - 1}件" in demo_html(draft)
    assert live_figures(report2023)["mediation.settled"]["value"] == 830
    assert figures_of(report2023)["mediation.settled"]["value"] == 831  # the published text does not
    html = demo_html(report2023)
    assert "调成831件" in html and "成功率99.3%" in html


def demo_html(report) -> str:
    from fazhi.reports.render import standalone_html

    return standalone_html(report, links=False)


def test_the_word_file_follows_gbt_9704(report2023, tmp_path):
    out = tmp_path / "report.docx"
    assert cli.main(["report", "--year", "2023", "--format", "docx", "-o", str(out)]) == 0
    doc = Document(str(out))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                  section.right_margin)] == [37, 35, 28, 26]
    assert doc.paragraphs[0].text == "常德市西洞庭管理区管理委员会文件"  # the 版头: the report has a 发文字号
    title = next(p for p in doc.paragraphs if p.text.startswith("常德市西洞庭管理区管理委员会关于"))
    assert title.text.startswith("常德市西洞庭管理区管理委员会关于\n2023年度")  # 回行 between words
    assert title.runs[0].font.size == Pt(22)
    assert title.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    body = next(p for p in doc.paragraphs if p.text.startswith("二是健全机制化解矛盾"))
    assert body.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert "调成831件，调解矛盾纠纷成功率99.3%" in body.text
    h1 = next(p for p in doc.paragraphs if p.text == "一、2023年度推进法治政府建设的主要举措和成效")
    assert h1.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    h2 = next(p for p in doc.paragraphs if p.text.startswith("（一）加强组织领导"))
    assert h2.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "楷体_GB2312"
    assert [p.text for p in doc.paragraphs if p.text][-2:] == ["常德市西洞庭管理区管理委员会", "2024年1月26日"]
    footer_xml = section.footer._element.xml
    assert "PAGE" in footer_xml and "— " in footer_xml and 'w:sz w:val="28"' in footer_xml
    assert section.even_page_footer.paragraphs[0].alignment == 0  # even pages: left
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "579"
    if CHECKER is None:
        pytest.skip("shared/tools/gbt9704_check.py not found")
    result = subprocess.run([sys.executable, str(CHECKER), str(out)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith("0 findings")


def test_the_pdf_carries_the_chinese_text_and_its_fonts(report2023, tmp_path):
    from fazhi.reports.render import chinese_fonts

    if not chinese_fonts():
        pytest.skip("no CJK font on this machine (scripts/install-system-deps.sh); tests/reports/test_fonts.py "
                    "checks the refusal")
    out = tmp_path / "report.pdf"
    assert cli.main(["report", "--year", "2023", "--format", "pdf", "-o", str(out)]) == 0
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    text = "".join(page.extract_text() for page in reader.pages).replace("\n", "")
    assert "法治政府建设工作情况的报告" in text
    assert "调成831件" in text and "成功率99.3%" in text
    assert "— 1 —" in reader.pages[0].extract_text()
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("CJK" in f or "UKai" in f or "UMing" in f for f in fonts), fonts


def test_the_html_format_links_every_figure(report2023, tmp_path):
    out = tmp_path / "report.html"
    assert cli.main(["report", "--year", "2023", "--format", "html", "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert 'href="/indicators/mediation.cases/?unit=430771&amp;year=2023"' in html


def test_the_success_rate_opens_to_the_837_cases_and_marks_the_6_unsettled(report2023, login):
    client = login(demo_user("coordinator"))
    url = "/indicators/mediation.success_rate/"
    html = client.get(url, {"unit": "430771", "year": 2023}).content.decode()
    assert "分子 831，分母 837" in html and "共 837 条" in html
    assert "未计入分子（<span data-testid=\"not-counted\">6</span>）" in html
    out = client.get(url, {"unit": "430771", "year": 2023, "only": "out"}).content.decode()
    assert "共 6 条" in out and out.count("未计入分子</span>") == 6 and "badge text-bg-success" not in out
    inside = client.get(url, {"unit": "430771", "year": 2023, "only": "in"}).content.decode()
    assert "共 831 条" in inside


def demo_user(username: str):
    """The demo's own accounts (the personas of tests/conftest.py would collide with them)."""
    from fazhi.accounts.models import User

    return User.objects.get(username=username)


def test_the_2024_draft_cannot_be_published_and_the_refusal_names_what_is_missing(demo_db, db, login):
    """Issue 17: the demo's 2024 draft (four statutory parts empty, every department's block 待报送)
    taken through review and approval by two accounts is still refused, with every gap named."""
    from fazhi.reports import services

    draft = AnnualReport.objects.get(unit__code="430771", year=2024)
    coordinator, approver = demo_user("coordinator"), demo_user("approver")
    draft = services.transition(draft, "review", by=coordinator)
    draft = services.transition(draft, "approve", by=approver, meeting={"name": "区管委常务会议", "on": date(2025, 2, 20)})
    page = login(coordinator).post(f"/reports/{draft.pk}/transition/publish/", follow=True).content.decode()
    expected = ("不能发布：以下法定部分尚无内容：二、存在的不足和原因、三、党政主要负责人履行推进法治建设第一责任人职责情况、"
                "四、2025年度推进法治政府建设的主要安排、五、其他需要报告的情况；"
                "以下单位尚未报送：党政办（（一）强化组织领导、三、党政主要负责人履行推进法治建设第一责任人职责情况）、"
                "司法局（（二）规范法制审核、二、存在的不足和原因、四、2025年度推进法治政府建设的主要安排、"
                "五、其他需要报告的情况）、信访局（（三）深化矛盾调处）；尚未记录保密审查（审查人、日期、结论）。")
    assert expected in page
    assert AnnualReport.objects.get(pk=draft.pk).state == "approved"
    # The outline on the page marks the empty statutory headings asked of 司法局 as awaited.
    assert "存在的不足和原因</a></td><td class=\"small\">司法局</td><td class=\"small\">待报送" in page


def test_the_demo_county_submitted_its_published_2023_report_and_the_city_reads_it(report2023, client):
    from fazhi.accounts.models import User

    client.force_login(User.objects.get(username="city"))
    page = client.get("/city/", {"year": 2023}).content.decode()
    assert "常德市西洞庭管理区" in page and "430700-2023-0001" in page
