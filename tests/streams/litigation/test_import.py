"""Excel import of the three ledgers: template, all-or-nothing validation with every bad cell
reported, and re-import by natural key (案号; 案号 + 开庭日期; 复议案号)."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from fazhi.core.deadlines import deadlines_of
from fazhi.streams.litigation.importers import CASE_IMPORT, HEARING_IMPORT, RECONSIDERATION_IMPORT
from fazhi.streams.litigation.models import Hearing, LitigationCase, Reconsideration
from tests.streams.litigation.conftest import bad_check, credit_code, person_id
from tests.xlsx import upload_xlsx

pytestmark = pytest.mark.django_db

M = "市场监督管理局"
CASE_ROWS = [
    [M, 2024, "（2024）湘0771行初3号", "西洞庭管理区人民法院", "一审", "", "不服行政处罚决定", "行政处罚", "自然人", "张三丰",
     person_id(), "", "13912345678", "2024-01-30", "2024-02-08", "王经办", "", ""],
    [M, 2024, "（2024）湘0771行初4号", "西洞庭管理区人民法院", "一审", "", "不服行政许可决定", "行政许可", "法人或其他组织",
     "某某商贸有限公司", "", credit_code(), "0736-7000001", "2024/03/05", "", "", "2024-05-10", "驳回原告诉讼请求"],
]


def workbook(header: list[str], rows: list[list]) -> io.BytesIO:
    return upload_xlsx(header, rows)


def test_the_case_template_has_the_columns_and_drop_downs(login, clerk, market_unit):
    response = login(clerk).get("/s/litigation/import/template.xlsx")
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb.worksheets[0]
    assert [c.value for c in ws[1]][:5] == ["承办单位*", "年度*", "案号*", "受理法院*", "审级*"]
    assert ws["A2"].value == M and ws["C2"].value.startswith("示例")
    assert wb["选项"]["E1"].value == "一审"


def test_a_good_case_file_imports_every_row_with_deadlines_and_reimporting_duplicates_nothing(login, clerk,
                                                                                            market_unit):
    client = login(clerk)
    assert client.post("/s/litigation/import/", {"file": workbook(CASE_IMPORT.headers, CASE_ROWS)}).status_code == 302
    assert LitigationCase.objects.count() == 2
    case = LitigationCase.objects.get(case_number="（2024）湘0771行初4号")
    assert case.served_on == date(2024, 3, 5) and case.outcome == "dismissed" and case.plaintiff_phone == "0736-7000001"
    assert deadlines_of(case).get(key="answer").due == date(2024, 3, 20)
    assert client.post("/s/litigation/import/", {"file": workbook(CASE_IMPORT.headers, CASE_ROWS)}).status_code == 302
    assert LitigationCase.objects.count() == 2


def test_a_malformed_case_file_imports_nothing_and_reports_every_bad_cell(login, clerk, market_unit):
    rows = [
        CASE_ROWS[0],
        ["不存在的局", 2024, "（2024）湘0771行初5号", "法院", "一审", "", "案由", "行政处罚", "自然人", "甲", "", "", "",
         "2024-03-01", "", "", "", ""],
        [M, 2024, "（2024）湘0771行初6号", "法院", "三审", "", "案由", "行政处罚", "自然人", "乙", bad_check(person_id()),
         bad_check(credit_code()), "电话", "2024-02-30", "", "", "", ""],
        [M, 2024, "（2024）湘0771行初3号", "法院", "一审", "", "案由", "行政处罚", "自然人", "丙", "", "", "",
         "2024-03-01", "", "", "", ""],
    ]
    response = login(clerk).post("/s/litigation/import/", {"file": workbook(CASE_IMPORT.headers, rows)})
    assert response.status_code == 400
    errors = {(e.row, e.column): e.message for e in response.context["result"].errors}
    assert "单位“不存在的局”不存在或您无权为其登记" in errors[(3, 1)]
    assert "不在可选范围内" in errors[(4, 5)]
    assert errors[(4, 11)] == "公民身份号码格式或校验位不正确"
    assert errors[(4, 12)] == "统一社会信用代码格式或校验位不正确"
    assert "不是有效的电话号码" in errors[(4, 13)]
    assert "不是有效日期" in errors[(4, 14)]
    assert "与第2行重复" in errors[(5, 3)]
    assert not LitigationCase.objects.exists()


def test_wrong_headers_are_refused(login, clerk, market_unit):
    header = ["单位", *CASE_IMPORT.headers[1:]]
    response = login(clerk).post("/s/litigation/import/", {"file": workbook(header, CASE_ROWS)})
    assert "第1列表头应为“承办单位”" in response.context["result"].errors[0].message
    assert not LitigationCase.objects.exists()


def test_model_rules_roll_back_the_whole_file(login, clerk, market_unit):
    rows = [CASE_ROWS[0], [*CASE_ROWS[1][:4], "二审", *CASE_ROWS[1][5:]]]  # second instance without 前审案号
    response = login(clerk).post("/s/litigation/import/", {"file": workbook(CASE_IMPORT.headers, rows)})
    assert any("请填写前审案号" in e.message for e in response.context["result"].errors)
    assert not LitigationCase.objects.exists()


def test_hearings_import_by_case_number_and_date(login, clerk, market_unit, market_case):
    rows = [
        [M, 2024, market_case.case_number, "2024-03-12", "第一审判庭", "法院通知负责人出庭（第四条）", "是", "赵刚", "局长",
         "正职负责人", "", "", "", "赵刚、法制股工作人员"],
        [M, 2024, market_case.case_number, "2024-04-09", "第一审判庭", "未通知负责人出庭", "否", "", "", "",
         "需要履行他人不能代替的公务", "局长参加全省专题会议", "相应的工作人员", "钱副科长"],
    ]
    client = login(clerk)
    assert client.post("/s/litigation/hearings/import/", {"file": workbook(HEARING_IMPORT.headers, rows)}).status_code == 302
    assert client.post("/s/litigation/hearings/import/", {"file": workbook(HEARING_IMPORT.headers, rows)}).status_code == 302
    assert Hearing.objects.count() == 2
    first = Hearing.objects.get(hearing_date=date(2024, 3, 12))
    assert first.case == market_case and first.head_appeared and first.head_position == "principal"


def test_a_hearing_row_for_an_unknown_case_is_reported(login, clerk, market_unit, market_case):
    rows = [[M, 2024, "（2024）湘0771行初99号", "2024-03-12", "", "未通知负责人出庭", "是", "赵刚", "局长", "正职负责人",
             "", "", "", ""]]
    response = login(clerk).post("/s/litigation/hearings/import/", {"file": workbook(HEARING_IMPORT.headers, rows)})
    errors = {(e.row, e.column): e.message for e in response.context["result"].errors}
    assert "未找到该案号的行政应诉案件" in errors[(2, 3)]
    assert not Hearing.objects.exists()


def test_reconsiderations_import_and_reimport(login, clerk, market_unit):
    rows = [[M, 2024, "西复〔2024〕1号", "常德市西洞庭管理区管理委员会", "自然人", "李四光", person_id(), "", "13912345678",
             "行政处罚决定", "西市监罚〔2023〕12号", "2024-02-08", "普通程序", "", ""]]
    client = login(clerk)
    url = "/s/litigation/reconsiderations/import/"
    assert client.post(url, {"file": workbook(RECONSIDERATION_IMPORT.headers, rows)}).status_code == 302
    rows[0][10] = "西市监罚〔2023〕13号"
    assert client.post(url, {"file": workbook(RECONSIDERATION_IMPORT.headers, rows)}).status_code == 302
    rec = Reconsideration.objects.get()
    assert rec.act_document == "西市监罚〔2023〕13号"
    assert deadlines_of(rec).get(key="acceptance").due == date(2024, 2, 21)
    bad = [[M, 2024, "西复〔2024〕2号", "机关", "自然人", "王五", bad_check(person_id()), "", "", "行为", "", "2024-13-01",
            "特别程序", "", ""]]
    response = client.post(url, {"file": workbook(RECONSIDERATION_IMPORT.headers, bad)})
    errors = {(e.row, e.column): e.message for e in response.context["result"].errors}
    assert set(errors) == {(2, 7), (2, 12), (2, 13)}
    assert Reconsideration.objects.count() == 1
