"""Excel import of an old report ledger: template, good file, re-import, malformed file."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from fazhi.core.deadlines import deadlines_of
from fazhi.streams.complaints.importers import COMPLAINT_IMPORT
from fazhi.streams.complaints.models import Complaint
from tests.xlsx import upload_xlsx

pytestmark = pytest.mark.django_db

HEADER = COMPLAINT_IMPORT.headers


def workbook(rows) -> io.BytesIO:
    return upload_xlsx(HEADER, rows)


def row(**values) -> list:
    base = {"责任单位": "市场监督管理局", "年度": 2023, "举报渠道": "举报电话", "问题类别": "营商环境",
            "举报内容": "反映相关问题。", "办理状态": "已登记", **values}
    return [base.get(h) for h in HEADER]


def good_rows() -> list[list]:
    return [
        row(受理编号="JB2023-0001", 收到日期="2023-09-25", 举报人姓名="周德明", 举报人电话="13973600001",
            反映问题="涉企检查过多", 核实结论="属实", 答复内容="已整改", 答复日期="2023-10-12", 举报人评价="满意",
            办理状态="已办结"),
        row(受理编号="JB2023-0002", 收到日期="2023/11/02", 匿名举报="是", 反映问题="执法不规范", 问题类别="执法问题"),
    ]


def test_the_template_lists_the_columns_and_choices(login, clerk, market_unit):
    wb = load_workbook(io.BytesIO(login(clerk).get("/s/complaints/import/template.xlsx").content))
    headers = [c.value for c in wb.worksheets[0][1]]
    assert headers[:5] == ["责任单位*", "年度*", "受理编号*", "举报渠道*", "收到日期*"]
    assert [c.value for c in wb["选项"]["D"] if c.value] == ["网上举报", "举报电话", "来信", "来访", "电子邮件"]


def test_a_good_file_imports_and_reimporting_duplicates_nothing(login, clerk, market_unit):
    client = login(clerk)
    assert client.post("/s/complaints/import/", {"file": workbook(good_rows())}).status_code == 302
    assert client.post("/s/complaints/import/", {"file": workbook(good_rows())}).status_code == 302
    assert Complaint.objects.count() == 2
    closed = Complaint.objects.get(tracking_no="JB2023-0001")
    assert closed.state == "closed" and closed.finding == "true"
    assert deadlines_of(closed).get().met_on is not None
    anonymous = Complaint.objects.get(tracking_no="JB2023-0002")
    assert anonymous.anonymous and anonymous.satisfaction == "none"


def test_a_malformed_file_imports_nothing_and_reports_each_bad_cell(login, clerk, market_unit):
    rows = [
        good_rows()[1],
        row(受理编号="JB2023-0003", 收到日期="2023-02-30", 举报人姓名="甲", 反映问题="坏日期"),
        row(受理编号="JB2023-0004", 收到日期="2023-03-01", 举报人姓名="乙", 反映问题="坏渠道", 举报渠道="托人带话"),
        row(受理编号="JB2023-0005", 收到日期="2023-03-01", 举报人姓名="丙", 反映问题="越权", 责任单位="交通运输局"),
        row(受理编号="JB2023-0006", 收到日期="2023-03-01", 举报人姓名="丁", 反映问题="无答复", 办理状态="已答复"),
    ]
    response = login(clerk).post("/s/complaints/import/", {"file": workbook(rows)})
    assert response.status_code == 400
    errors = {(e.row, HEADER[e.column - 1]): e.message for e in response.context["result"].errors}
    assert "不是有效日期" in errors[(3, "收到日期")]
    assert "不在可选范围内" in errors[(4, "举报渠道")]
    assert errors[(5, "责任单位")] == "单位“交通运输局”不存在或您无权为其登记"
    assert len(errors) == 3
    assert not Complaint.objects.exists()
    response = login(clerk).post("/s/complaints/import/", {"file": workbook([good_rows()[1], rows[4]])})
    messages = [e.message for e in response.context["result"].errors]
    assert "状态为“已答复”的举报应填写答复内容" in messages
    assert not Complaint.objects.exists()
