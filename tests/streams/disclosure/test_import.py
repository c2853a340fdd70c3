"""Excel import of the request register: template, whole-file validation, natural key."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from fazhi.core.deadlines import deadlines_of
from fazhi.streams.disclosure.importers import DISCLOSURE_IMPORT
from fazhi.streams.disclosure.models import DisclosureRequest
from tests.streams.disclosure.conftest import ID, bad_check, credit_code
from tests.xlsx import upload_xlsx

pytestmark = pytest.mark.django_db

HEADER = DISCLOSURE_IMPORT.headers
GOOD = [
    ["市场监督管理局", 2026, "依申2026-101", "当面提交", "2026-03-02", None, None, "自然人", "王小明", ID, None,
     "13912345678", "西洞庭管理区金凤街道", "2025年食品抽检结果", "李经办"],
    ["市场监督管理局", 2026, "依申2026-102", "邮寄（需签收）", "2026/03/02", "2026-03-04", None,
     "法人或其他组织—商业企业", "常德某公司", None, credit_code(), "0736-7712345", "", "企业年报抽查结果", ""],
]


def workbook(rows, header=HEADER) -> io.BytesIO:
    return upload_xlsx(header, rows)


def upload(client, data):
    return client.post("/s/disclosure/import/", {"file": data})


def test_the_template_has_the_register_columns_and_drop_downs(login, clerk, market_unit):
    response = login(clerk).get("/s/disclosure/import/template.xlsx")
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb.worksheets[0]
    assert [c.value for c in ws[1]][:4] == ["承办单位*", "年度*", "申请编号*", "提交方式*"]
    options = wb["选项"]
    assert [options.cell(row=i, column=4).value for i in range(1, 6)] == [
        "当面提交", "邮寄（需签收）", "邮寄（平常信函等无需签收）", "互联网渠道", "传真"]


def test_a_good_file_imports_every_row_with_its_deadlines_and_reimporting_duplicates_nothing(
        login, clerk, market_unit):
    client = login(clerk)
    assert upload(client, workbook(GOOD)).status_code == 302
    assert DisclosureRequest.objects.count() == 2
    mailed = DisclosureRequest.objects.get(request_no="依申2026-102")
    assert mailed.received_on == date(2026, 3, 4) and mailed.applicant_type == "commercial"
    assert deadlines_of(mailed).get(key="reply").due == date(2026, 4, 1)
    assert upload(client, workbook(GOOD)).status_code == 302
    assert DisclosureRequest.objects.count() == 2


def test_a_malformed_file_imports_nothing_and_reports_every_bad_cell(login, clerk, market_unit, transport_unit):
    rows = [
        GOOD[0],
        ["交通运输局", 2026, "依申2026-103", "当面提交", "2026-03-02", None, None, "自然人", "赵六", ID, None,
         "13912345678", "", "越权", ""],
        ["市场监督管理局", 2026, "依申2026-104", "飞鸽传书", "2026-02-30", None, None, "自然人", "钱七",
         bad_check(ID), None, "12", "", "坏行", ""],
        ["市场监督管理局", 2026, "依申2026-101", "当面提交", "2026-03-02", None, None, "自然人", "王小明", ID, None,
         "13912345678", "", "重复", ""],
    ]
    response = upload(login(clerk), workbook(rows))
    assert response.status_code == 400
    errors = {(e.row, e.column): e.message for e in response.context["result"].errors}
    assert "单位“交通运输局”不存在或您无权为其登记" in errors[(3, 1)]
    assert "不在可选范围内" in errors[(4, 4)]
    assert "不是有效日期" in errors[(4, 5)]
    assert errors[(4, 10)] == "公民身份号码格式或校验位不正确"
    assert "不是有效的电话号码" in errors[(4, 12)]
    assert "与第2行重复" in errors[(5, 3)]
    assert not DisclosureRequest.objects.exists()


def test_wrong_headers_are_refused(login, clerk, market_unit):
    response = upload(login(clerk), workbook(GOOD, header=["单位", *HEADER[1:]]))
    assert "第1列表头应为“承办单位”" in response.context["result"].errors[0].message
    assert not DisclosureRequest.objects.exists()


def test_model_rules_roll_back_the_whole_file(login, clerk, market_unit):
    rows = [GOOD[0], ["市场监督管理局", 2026, "依申2026-105", "互联网渠道", "2026-03-02", None, None, "自然人",
                      "孙八", ID, None, "13912345678", "", "缺确认日期", ""]]
    response = upload(login(clerk), workbook(rows))
    messages = [e.message for e in response.context["result"].errors]
    assert any("双方确认之日" in m for m in messages)
    assert not DisclosureRequest.objects.exists()
