"""Excel import of cases kept in spreadsheets: template, good file and re-import, each bad cell
in the error workbook, nothing written when any row is wrong."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from fazhi.core.deadlines import deadlines_of
from fazhi.streams.cases.importers import CASE_IMPORT
from fazhi.streams.cases.models import EnforcementCase
from tests.streams.cases.conftest import COMPANY_CODE
from tests.xlsx import upload_xlsx

pytestmark = pytest.mark.django_db

HEADER = CASE_IMPORT.headers


def workbook(rows) -> io.BytesIO:
    return upload_xlsx(HEADER, rows)


def row(**values) -> list:
    base = {"执法单位": "市场监督管理局", "年度": 2026, "案件类型": "行政处罚", "当事人类型": "法人或其他组织",
            "当事人名称（单位）": "西洞庭某某超市", "统一社会信用代码": COMPANY_CODE, "案由": "销售不合格食品",
            "案件来源": "监督检查发现", "执法人员": "张执法、李执法", "执法证号": "D032023001、D032023002",
            "立案日期": "2026-05-06", "办理状态": "立案", **values}
    return [base.get(h.rstrip("*")) for h in HEADER]


def good_rows() -> list[list]:
    return [
        row(立案编号="西市监立〔2026〕1号"),
        row(立案编号="西市监立〔2026〕2号", **{"拟罚款金额（元）": 30000}, 告知日期="2026-05-20", 拟处理意见="罚款三万元",
            法制审核人员="王法审", 法制审核结论="同意", 法制审核意见="同意", 法制审核日期="2026-05-28",
            集体讨论日期="2026-05-29", 集体讨论结论="同意", 决定书文号="西市监罚〔2026〕3号", 决定日期="2026-06-01",
            决定内容="罚款30000元", 办理状态="决定"),
    ]


def test_the_template_lists_the_columns(login, clerk, market_unit):
    wb = load_workbook(io.BytesIO(login(clerk).get("/s/cases/import/template.xlsx").content))
    headers = [c.value for c in wb.worksheets[0][1]]
    assert headers[:4] == ["执法单位*", "年度*", "立案编号*", "案件类型*"]
    options = [c.value for col in wb["选项"].iter_cols() for c in col]
    assert "执行" in options and "结案" not in options  # 结案 only on the case's page, records complete


def test_a_good_file_imports_and_reimporting_duplicates_nothing(login, clerk, market_unit):
    client = login(clerk)
    assert client.post("/s/cases/import/", {"file": workbook(good_rows())}).status_code == 302
    assert client.post("/s/cases/import/", {"file": workbook(good_rows())}).status_code == 302
    assert EnforcementCase.objects.count() == 2
    decided = EnforcementCase.objects.get(case_no="西市监立〔2026〕2号")
    assert (decided.state, decided.major, decided.reviewer_name) == ("decided", True, "王法审")
    assert deadlines_of(decided).get(key="case_limit").met_on.isoformat() == "2026-06-01"


def test_a_malformed_file_imports_nothing_and_reports_each_bad_cell(login, clerk, market_unit):
    client = login(clerk)
    bad_code = [good_rows()[0], row(立案编号="坏0", 统一社会信用代码=COMPANY_CODE[:-1] + "0")]
    response = client.post("/s/cases/import/", {"file": workbook(bad_code)})
    assert response.status_code == 400
    assert [(e.row, e.message) for e in response.context["result"].errors] == [(3, "统一社会信用代码格式或校验位不正确")]
    rows = [
        good_rows()[0],
        row(立案编号="坏1", 执法人员="张执法", 执法证号="D032023001"),
        row(立案编号="坏3", **{"拟罚款金额（元）": 30000}, 告知日期="2026-05-20", 拟处理意见="罚款", 决定书文号="罚",
            决定日期="2026-06-01", 决定内容="罚款", 集体讨论日期="2026-05-29", 集体讨论结论="同意", 办理状态="决定"),
        row(立案编号="坏4", 法制审核人员="张执法"),
    ]
    response = client.post("/s/cases/import/", {"file": workbook(rows)})
    assert response.status_code == 400
    errors = {(e.row, HEADER[e.column - 1].rstrip("*")): e.message for e in response.context["result"].errors}
    assert errors[(3, "执法人员")] == "执法人员不得少于两人（《行政处罚法》第四十二条）"
    assert "未经法制审核不得作出决定" in errors[(4, "办理状态")]
    assert errors[(5, "法制审核人员")] == "法制审核人员不得是本案的执法人员"
    assert not EnforcementCase.objects.exists()
    error_book = client.post("/s/cases/import/", {"file": workbook(rows), "errors": "xlsx"})
    assert error_book.status_code == 200 and error_book.content[:2] == b"PK"


def test_a_proposed_fine_keeps_its_fen_and_a_word_is_refused(login, clerk, market_unit):
    """拟罚款金额 is money: 1,250.50元 imports as 1250.50 (it was read as a whole number and refused)."""
    from decimal import Decimal

    client = login(clerk)
    rows = [row(立案编号="西市监立〔2026〕7号", **{"拟罚款金额（元）": "1,250.50元"}),
            row(立案编号="西市监立〔2026〕8号", **{"拟罚款金额（元）": 820.5})]
    assert client.post("/s/cases/import/", {"file": workbook(rows)}).status_code == 302
    fines = dict(EnforcementCase.objects.values_list("case_no", "proposed_fine"))
    assert fines == {"西市监立〔2026〕7号": Decimal("1250.50"), "西市监立〔2026〕8号": Decimal("820.50")}
    bad = client.post("/s/cases/import/", {"file": workbook([row(立案编号="西市监立〔2026〕9号",
                                                                 **{"拟罚款金额（元）": "一万元"})])})
    assert bad.status_code == 400 and "“一万元”不是数字" in bad.content.decode()
