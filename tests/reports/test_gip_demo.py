"""Issue 17, on the demo: `fazhi report --year 2023 --kind disclosure` has the six parts; table 三
balances for the county and for each unit that handled requests, and the county total sums them;
the report renders as HTML, Word (GB/T 9704) and PDF."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys

import pytest
from docx import Document

from fazhi.core.models import Unit
from fazhi.reports import gip
from tests.reports.test_demo_report import CHECKER
from tests.reports.test_gip_report import PARTS, TITLES, sums


def cli_json(*args: str) -> dict:
    from fazhi import cli

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert cli.main(["report", "--year", "2023", "--kind", "disclosure", "--format", "json", *args]) == 0
    return json.loads(out.getvalue())


def handling_units(county: Unit, year: int) -> list[Unit]:
    """The units under ``county`` (itself included) with any request in their own table 三 of ``year``."""
    out = []
    for unit in county.descendants().order_by("path"):
        rows = {r["key"]: r["cells"] for r in gip.part_three(Unit.objects.filter(pk=unit.pk), year)["rows"]}
        if any(rows.get(k, {}).get("total") for k in gip.BALANCE_ROWS):
            out.append(unit)
    return out


# -- on the demo ------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_the_demo_county_report_has_six_parts_and_table_three_in_national_columns(demo_db):
    data = cli_json()
    assert data["unit"]["code"] == "430771" and data["year"] == 2023
    assert list(data["parts"]) == PARTS
    three = data["parts"]["三"]
    assert [(c["group"], c["label"]) for c in three["columns"]] == [
        ("", "自然人"), ("法人或其他组织", "商业企业"), ("法人或其他组织", "科研机构"),
        ("法人或其他组织", "社会公益组织"), ("法人或其他组织", "法律服务机构"), ("法人或其他组织", "其他"), ("", "总计")]
    labels = [r["label"] for r in three["rows"]]
    assert labels[0] == "一、本年新收政府信息公开申请数量" and labels[1] == "二、上年结转政府信息公开申请数量"
    assert "（一）予以公开" in labels and "（七）总计" in labels and labels[-1] == "四、结转下年度继续办理"
    assert three["balanced"] is True and three["problems"] == []
    rows = sums(data)
    assert rows["new"]["total"] + rows["carried_in"]["total"] == rows["handled"]["total"] + rows["carried_forward"]["total"]
    assert rows["new"]["total"] > 0
    # Part 二 binds what the platform records, the rest is entered; parts 一/五/六 are text.
    two = {r["label"]: r["cells"] for r in data["parts"]["二"]["rows"]}
    assert two["行政规范性文件"][0] == {"column": "本年制发件数", "value": 3, "source": "indicator",
                                  "key": "normative.documents_published"}
    assert two["行政处罚"][0]["value"] > 0 and two["规章"][0]["source"] == "entered"
    assert f"全年共收到政府信息公开申请{rows['new']['total']}件" in data["parts"]["一"]["text"]
    four = {r["key"]: r["cells"] for r in data["parts"]["四"]["rows"]}
    assert four["reconsideration"]["total"] == 1 and four["reconsideration"]["upheld"] == 1


@pytest.mark.django_db
def test_each_demo_unit_that_handled_requests_balances_and_the_county_total_sums_them(demo_db):
    county = Unit.objects.get(code="430771")
    units = handling_units(county, 2023)
    assert len(units) >= 2
    total = sums(gip.gip_json(county, 2023))
    added = {k: 0 for k in gip.BALANCE_ROWS}
    for unit in units:
        data = cli_json("--unit", unit.code)
        assert data["unit"]["code"] == unit.code and list(data["parts"]) == PARTS
        assert data["parts"]["三"]["balanced"], (unit.code, data["parts"]["三"]["problems"])
        for key, cells in sums(data).items():
            added[key] += cells["total"]
    assert added == {k: total[k]["total"] for k in gip.BALANCE_ROWS}


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_the_demo_report_renders_with_its_six_parts(demo_db, fmt, tmp_path):
    from fazhi import cli
    from fazhi.reports.render import chinese_fonts

    if fmt == "pdf" and not chinese_fonts():
        pytest.skip("no Chinese font installed (tests/reports/test_fonts.py covers the refusal)")
    out = tmp_path / f"gip.{fmt}"
    assert cli.main(["report", "--year", "2023", "--kind", "disclosure", "--format", fmt, "-o", str(out)]) == 0
    data = out.read_bytes()
    if fmt == "html":
        text = data.decode()
        assert all(t in text for t in TITLES) and "结转下年度继续办理" in text and "表三不平衡" not in text
        assert '<th colspan="5">法人或其他组织</th>' in text
    elif fmt == "docx":
        doc = Document(io.BytesIO(data))
        paragraphs = [p.text for p in doc.paragraphs]
        assert all(t in paragraphs for t in TITLES)
        assert len(doc.tables) == 3  # 二、三、四
        assert doc.tables[1].rows[-1].cells[0].text.endswith("四、结转下年度继续办理")
        assert [c.text for c in doc.tables[1].rows[0].cells][1:3] == ["自然人", "法人或其他组织"]
        assert [c.text for c in doc.tables[1].rows[1].cells][2:4] == ["商业企业", "科研机构"]
        assert doc.core_properties.author == "常德市西洞庭管理区管理委员会"
        if CHECKER is not None:
            out_check = subprocess.run([sys.executable, str(CHECKER), str(out)], capture_output=True, text=True,
                                       check=False)
            assert out_check.returncode == 0, out_check.stdout
    else:
        assert data.startswith(b"%PDF")
        from pypdf import PdfReader

        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
        assert all(t in text.replace(" ", "") for t in ["总体情况", "主动公开政府信息情况", "其他需要报告的事项"])


