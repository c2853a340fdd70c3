"""Excel import of both ledgers: template, whole-file validation, natural-key re-import."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from fazhi.core.deadlines import deadlines_of
from fazhi.streams.normative.models import NormativeDocument, ReviewRequest
from tests.streams.normative.conftest import bad_uscc, uscc
from tests.xlsx import upload_xlsx

pytestmark = pytest.mark.django_db

REVIEW_HEADER = ["承办单位", "年度", "审核编号", "审核类别", "送审事项", "送审经办人", "联系电话", "合同相对方",
                 "相对方统一社会信用代码", "收件日期", "审核人", "审核结论", "审核意见", "出具意见日期"]
GOOD_REVIEWS = [
    ["市场监督管理局", 2023, "西法审〔2023〕1号", "规范性文件", "关于印发《食品小作坊管理办法》的通知", "张三丰",
     "13812345678", "", "", "2023-03-01", "李法治", "同意", "同意出台。", "2023-03-10"],
    ["市场监督管理局", 2023, "西法审[2023]2号", "经济合同", "冷链物流园招商协议", "", "", "湖南示例冷链有限公司",
     uscc(3), "2023/04/03", "李法治", "", "", ""],
]
DOCUMENT_HEADER = ["承办单位", "年度", "文号", "文件名称", "合法性审核编号", "集体讨论日期", "公布日期", "公布载体",
                   "报备日期", "备案机关", "备案审查日期", "规范性判定", "不规范原因"]
GOOD_DOCUMENTS = [
    ["市场监督管理局", 2023, "西市监发〔2023〕1号", "关于印发《食品小作坊管理办法》的通知", "西法审〔2023〕1号",
     "2023-03-20", "2023-03-27", "政府门户网站", "2023-04-10", "常德市人民政府", "2023-05-05", "规范", ""],
    ["市场监督管理局", 2023, "西市监发〔2023〕2号", "关于开展某某工作的通知", "", "", "", "", "", "", "", "", ""],
]


def workbook(rows, header) -> io.BytesIO:
    return upload_xlsx(header, rows)


def upload(client, url: str, data):
    return client.post(url, {"file": data})


def test_the_review_template_has_chinese_headers_and_drop_downs(login, clerk, market_unit):
    response = login(clerk).get("/s/normative/import/template.xlsx")
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb.worksheets[0]
    assert [c.value for c in ws[1]] == [h + ("*" if h in {"承办单位", "年度", "审核编号", "审核类别", "送审事项",
                                                          "收件日期"} else "") for h in REVIEW_HEADER]
    assert ws["A2"].value == "市场监督管理局" and ws["C2"].value.startswith("示例")
    assert wb["选项"]["D1"].value == "规范性文件" and wb["选项"]["L3"].value == "不同意"


def test_the_document_template_downloads_with_its_headers(login, clerk, market_unit):
    response = login(clerk).get("/s/normative/documents/import/template.xlsx")
    ws = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [str(c.value).rstrip("*") for c in ws[1]] == DOCUMENT_HEADER


def test_good_review_rows_all_import_and_a_reimport_duplicates_nothing(login, clerk, market_unit):
    client = login(clerk)
    assert upload(client, "/s/normative/import/", workbook(GOOD_REVIEWS, REVIEW_HEADER)).status_code == 302
    issued = ReviewRequest.objects.get(review_no="西法审〔2023〕1号")
    contract = ReviewRequest.objects.get(review_no="西法审〔2023〕2号")
    assert (issued.state_label, issued.opinion_on) == ("已出具意见", date(2023, 3, 10))
    assert deadlines_of(issued).get().met_on == date(2023, 3, 10)
    assert (contract.state, contract.counterparty_uscc, contract.received_on) == ("submitted", uscc(3),
                                                                                date(2023, 4, 3))
    assert upload(client, "/s/normative/import/", workbook(GOOD_REVIEWS, REVIEW_HEADER)).status_code == 302
    assert ReviewRequest.objects.count() == 2


def test_a_reimport_never_moves_a_record_back_along_its_workflow(login, clerk, market_unit):
    client = login(clerk)
    upload(client, "/s/normative/import/", workbook(GOOD_REVIEWS, REVIEW_HEADER))
    ReviewRequest.objects.filter(review_no="西法审〔2023〕1号").update(state="closed", adoption="adopted")
    changed = [GOOD_REVIEWS[0][:10] + ["王审核"] + GOOD_REVIEWS[0][11:], GOOD_REVIEWS[1]]
    assert upload(client, "/s/normative/import/", workbook(changed, REVIEW_HEADER)).status_code == 302
    review = ReviewRequest.objects.get(review_no="西法审〔2023〕1号")
    assert (review.state, review.reviewer) == ("closed", "王审核")


def test_a_malformed_review_file_imports_nothing_and_reports_every_bad_cell(login, clerk, market_unit,
                                                                          transport_unit):
    rows = [
        GOOD_REVIEWS[0],
        ["交通运输局", 2023, "西法审〔2023〕3号", "规范性文件", "越权", "", "", "", "", "2023-03-01", "", "", "", ""],
        ["市场监督管理局", "二〇二三", "西法审〔2023〕4号", "会议纪要", "坏行", "", "12", "", "", "2023-02-30", "", "", "",
         ""],
        ["市场监督管理局", 2023, "西法审〔2023〕5号", "经济合同", "校验位错误", "", "", "湖南示例有限公司", bad_uscc(4),
         "2023-03-01", "", "", "", ""],
        ["市场监督管理局", 2023, "西法审〔2023〕1号", "规范性文件", "重复编号", "", "", "", "", "2023-03-01", "", "", "", ""],
        ["市场监督管理局", 2023, "西法审〔2023〕6号", "", "", "", "", "", "", "", "", "", "", ""],
    ]
    response = upload(login(clerk), "/s/normative/import/", workbook(rows, REVIEW_HEADER))
    assert response.status_code == 400
    errors = {(e.row, e.column): e.message for e in response.context["result"].errors}
    assert "单位“交通运输局”不存在或您无权为其登记" in errors[(3, 1)]
    assert "不是整数" in errors[(4, 2)]
    assert "不在可选范围内" in errors[(4, 4)]
    assert "不是有效的电话号码" in errors[(4, 7)]
    assert "不是有效日期" in errors[(4, 10)]
    assert errors[(5, 9)] == "统一社会信用代码格式或校验位不正确"
    assert "与第2行重复" in errors[(6, 3)]
    assert errors[(7, 4)] == errors[(7, 5)] == errors[(7, 10)] == "必填项不能为空"
    assert not ReviewRequest.objects.exists()


def test_model_rules_reject_the_whole_review_file(login, clerk, market_unit):
    rows = [GOOD_REVIEWS[0], ["市场监督管理局", 2023, "西法审〔2023〕7号", "经济合同", "无相对方的合同", "", "", "", "",
                              "2023-05-01", "", "", "", ""]]
    response = upload(login(clerk), "/s/normative/import/", workbook(rows, REVIEW_HEADER))
    assert (3, 8, "经济合同应填写合同相对方") in [(e.row, e.column, e.message) for e in response.context["result"].errors]
    assert not ReviewRequest.objects.exists()


def test_wrong_review_headers_are_refused(login, clerk, market_unit):
    response = upload(login(clerk), "/s/normative/import/", workbook(GOOD_REVIEWS, ["单位", *REVIEW_HEADER[1:]]))
    assert "第1列表头应为“承办单位”" in response.context["result"].errors[0].message
    assert not ReviewRequest.objects.exists()


def test_good_document_rows_import_with_the_state_their_dates_prove(login, clerk, market_unit):
    client = login(clerk)
    assert upload(client, "/s/normative/documents/import/",
                  workbook(GOOD_DOCUMENTS, DOCUMENT_HEADER)).status_code == 302
    filed = NormativeDocument.objects.get(doc_no="西市监发〔2023〕1号")
    draft = NormativeDocument.objects.get(doc_no="西市监发〔2023〕2号")
    assert (filed.state_label, draft.state_label) == ("备案审查通过", "起草中")
    deadline = deadlines_of(filed).get()
    assert (deadline.due, deadline.met_on) == (date(2023, 4, 26), date(2023, 4, 10))
    upload(client, "/s/normative/documents/import/", workbook(GOOD_DOCUMENTS, DOCUMENT_HEADER))
    assert NormativeDocument.objects.count() == 2


def test_a_malformed_document_file_imports_nothing_and_reports_every_bad_cell(login, clerk, market_unit):
    rows = [
        GOOD_DOCUMENTS[0],
        ["市场监督管理局", 2023, "西市监发〔2023〕3号", "未经审核即公布", "", "", "2023-05-04", "", "", "", "", "", ""],
        ["市场监督管理局", 2023, "西市监发〔2023〕4号", "坏日期", "", "", "", "", "2023-13-01", "", "", "合格", ""],
        ["市场监督管理局", 2023, "西市监发〔2023〕1号", "重复文号", "", "", "", "", "", "", "", "", ""],
    ]
    response = upload(login(clerk), "/s/normative/documents/import/", workbook(rows, DOCUMENT_HEADER))
    assert response.status_code == 400
    errors = {(e.row, e.column): e.message for e in response.context["result"].errors}
    assert "不是有效日期" in errors[(4, 9)]
    assert "不在可选范围内" in errors[(4, 12)]
    assert "与第2行重复" in errors[(5, 3)]
    assert not NormativeDocument.objects.exists()
    # The model rule (no publication without review and discussion) is checked once the cells are clean.
    response = upload(login(clerk), "/s/normative/documents/import/", workbook(rows[:2], DOCUMENT_HEADER))
    messages = [e.message for e in response.context["result"].errors]
    assert "未经合法性审核的规范性文件不得公布，请填写合法性审核编号" in messages
    assert "未经集体讨论决定的规范性文件不得公布，请填写集体讨论日期" in messages
    assert not NormativeDocument.objects.exists()
