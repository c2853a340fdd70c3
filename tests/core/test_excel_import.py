"""The generic Excel import, exercised through the study ledger's import spec."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from fazhi.streams.study.models import StudySession
from tests.xlsx import upload_xlsx

pytestmark = pytest.mark.django_db

HEADER = ["承办单位", "年度", "类型", "议题/主题", "会议名称及届次", "召开日期", "主讲人", "应到人数", "实到人数", "纪要要点"]
GOOD = [
    ["市场监督管理局", 2024, "专题研究法治工作", "研究执法公示", "局党组会", "2024-03-15", "", 10, 9, ""],
    ["市场监督管理局", 2024, "法治专题讲座", "民法典讲座", "", "2024/04/02", "张律师", None, None, ""],
]


def workbook(rows, header=HEADER) -> io.BytesIO:
    return upload_xlsx(header, rows)


def upload(client, data, **extra):
    return client.post("/s/study/import/", {"file": data, **extra})


def test_the_template_has_chinese_headers_drop_downs_and_an_example_row(login, clerk, market_unit):
    response = login(clerk).get("/s/study/import/template.xlsx")
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb.worksheets[0]
    assert [c.value for c in ws[1]][:4] == ["承办单位*", "年度*", "类型*", "议题/主题*"]
    assert ws["A2"].value == "市场监督管理局" and ws["D2"].value.startswith("示例")
    formulas = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    assert "A2" in formulas and "C2" in formulas
    options = wb["选项"]
    assert options["C1"].value == "专题研究法治工作" and options.sheet_state == "hidden"


def test_the_untouched_template_imports_nothing_and_says_so(login, clerk, market_unit):
    client = login(clerk)
    template = io.BytesIO(client.get("/s/study/import/template.xlsx").content)
    template.name = "t.xlsx"
    response = upload(client, template)
    assert "文件中没有数据行" in response.content.decode()
    assert not StudySession.objects.exists()


def test_a_good_file_imports_every_row_and_reimporting_duplicates_nothing(login, clerk, market_unit):
    client = login(clerk)
    assert upload(client, workbook(GOOD)).status_code == 302
    assert StudySession.objects.count() == 2
    assert StudySession.objects.get(title="民法典讲座").held_on.isoformat() == "2024-04-02"
    assert upload(client, workbook(GOOD)).status_code == 302
    assert StudySession.objects.count() == 2


def test_reimporting_a_changed_row_updates_the_record(login, clerk, market_unit):
    client = login(clerk)
    upload(client, workbook(GOOD))
    changed = [GOOD[0][:6] + ["王主任"] + GOOD[0][7:], GOOD[1]]
    upload(client, workbook(changed))
    assert StudySession.objects.get(title="研究执法公示").speaker == "王主任"


def test_a_malformed_file_imports_nothing_and_reports_every_bad_cell(login, clerk, market_unit, transport_unit):
    rows = [
        GOOD[0],
        ["交通运输局", 2024, "专题研究法治工作", "越权", "", "2024-03-15", "", None, None, ""],  # unit not writable
        ["市场监督管理局", "二〇二四", "会餐", "坏行", "", "2024-02-30", "", None, None, ""],  # year, kind, date
        ["市场监督管理局", 2024, "专题研究法治工作", "研究执法公示", "", "", "", None, None, ""],  # duplicate key
        ["市场监督管理局", 2024, "专题研究法治工作", "", "", "", "", 5, 9, ""],  # missing title
    ]
    client = login(clerk)
    response = upload(client, workbook(rows))
    assert response.status_code == 400
    errors = {(e.row, e.column): e.message for e in response.context["result"].errors}
    assert "单位“交通运输局”不存在或您无权为其登记" in errors[(3, 1)]
    assert "不是整数" in errors[(4, 2)]
    assert "不在可选范围内" in errors[(4, 3)]
    assert "不是有效日期" in errors[(4, 6)]
    assert "与第2行重复" in errors[(5, 4)]
    assert errors[(6, 4)] == "必填项不能为空"
    assert not StudySession.objects.exists()


def test_model_rules_are_checked_too_and_roll_back_the_whole_file(login, clerk, market_unit):
    rows = [GOOD[0], ["市场监督管理局", 2024, "专题研究法治工作", "人数不符", "", "", "", 5, 9, ""]]
    response = upload(login(clerk), workbook(rows))
    assert any("实到人数不能多于应到人数" in e.message for e in response.context["result"].errors)
    assert not StudySession.objects.exists()


def test_the_error_workbook_marks_and_explains_each_bad_cell(login, clerk, market_unit):
    rows = [["市场监督管理局", 2024, "专题研究法治工作", "坏日期", "", "2024-13-01", "", None, None, ""]]
    response = upload(login(clerk), workbook(rows), errors="xlsx")
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws["F2"].fill.fgColor.rgb.endswith("FFC7CE")
    assert "不是有效日期" in ws["F2"].comment.text
    assert ws.cell(row=1, column=11).value == "错误说明"
    assert "召开日期：" in ws.cell(row=2, column=11).value


def test_wrong_headers_are_refused_before_any_row_is_read(login, clerk, market_unit):
    header = ["单位", *HEADER[1:]]
    response = upload(login(clerk), workbook(GOOD, header=header))
    assert "第1列表头应为“承办单位”" in response.context["result"].errors[0].message
    assert not StudySession.objects.exists()


@pytest.mark.parametrize("payload", [b"not a zip at all", b"PK\x03\x04broken zip", "中文文本".encode("gbk")])
def test_a_file_that_is_not_excel_gets_a_chinese_error(login, clerk, market_unit, payload):
    data = io.BytesIO(payload)
    data.name = "bad.xlsx"
    response = upload(login(clerk), data)
    assert response.status_code == 400 and "无法读取该文件" in response.content.decode()


def test_someone_without_write_rights_cannot_import(login, leader, market_unit):
    assert upload(login(leader), workbook(GOOD)).status_code == 403
    assert not StudySession.objects.exists()


def test_a_row_whose_key_belongs_to_another_units_record_is_a_cell_error_not_a_refusal(clerk, other_clerk,
                                                                                       market_unit, transport_unit):
    from dataclasses import replace

    from fazhi.core.importers import import_workbook
    from fazhi.core.ledger import record_create
    from fazhi.streams.study.importers import STUDY_IMPORT

    record_create(StudySession, by=other_clerk, unit=transport_unit, year=2024, kind="topic", title="研究执法公示")
    spec = replace(STUDY_IMPORT, key=("year", "title"))  # a key without the unit, like a case number
    result = import_workbook(spec, workbook(GOOD), by=clerk)
    assert not result.ok
    assert any("其他单位已登记" in e.message and e.row == 2 for e in result.errors)
    assert StudySession.objects.filter(unit=market_unit).count() == 0
    assert StudySession.objects.get(title="研究执法公示").unit == transport_unit


def test_the_error_page_names_each_column_by_letter_and_header_like_the_error_workbook(login, clerk, market_unit):
    rows = [["市场监督管理局", 2024, "专题研究法治工作", "坏日期", "", "2024-13-01", "", None, None, ""]]
    page = upload(login(clerk), workbook(rows)).content.decode()
    assert "<td>F列（召开日期）</td>" in page and "<td>6</td>" not in page


def test_a_date_typed_as_an_excel_serial_number_is_read_as_the_date(login, clerk, market_unit):
    """A date cell that lost its date format (a sheet from another suite, a pasted value) holds
    Excel's day number: 45000 is 2023-03-15, whether stored as a number or as its text."""
    rows = [["市场监督管理局", 2023, "专题研究法治工作", "序号日期", "", 45000, "", None, None, ""],
            ["市场监督管理局", 2023, "专题研究法治工作", "文本序号日期", "", "45001", "", None, None, ""]]
    assert upload(login(clerk), workbook(rows)).status_code == 302
    held = dict(StudySession.objects.values_list("title", "held_on"))
    assert [held["序号日期"].isoformat(), held["文本序号日期"].isoformat()] == ["2023-03-15", "2023-03-16"]
