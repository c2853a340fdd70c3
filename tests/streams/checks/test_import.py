"""Excel import of inspections: drafts are written all or nothing, bad cells come back in the error workbook."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from fazhi.streams.checks.importers import CHECK_IMPORT
from fazhi.streams.checks.models import BusinessInspection
from tests.streams.checks.conftest import TWO, uscc
from tests.xlsx import upload_xlsx

pytestmark = pytest.mark.django_db
HEADER = CHECK_IMPORT.headers
URL = "/s/checks/import/"


def workbook(rows) -> io.BytesIO:
    return upload_xlsx(HEADER, rows)


def row(**values) -> list:
    base = {"检查单位": "市场监督管理局", "年度": 2026, "检查类型": "专项检查", "检查事项": "食品贮存检查",
            "法律依据": "《中华人民共和国食品安全法》第一百一十条", "检查对象名称": "西洞庭鲜味餐饮有限公司",
            "统一社会信用代码": uscc(1), "计划检查日期": "2026-12-30", "检查人员": TWO, **values}
    return [base.get(h) for h in HEADER]


def test_the_template_lists_the_columns(login, clerk, market_unit):
    wb = load_workbook(io.BytesIO(login(clerk).get("/s/checks/import/template.xlsx").content))
    assert [c.value for c in wb.worksheets[0][1]][:4] == ["检查单位*", "年度*", "检查类型*", "检查事项*"]


def test_a_good_file_imports_drafts_and_reimporting_duplicates_nothing(login, clerk, market_unit):
    client = login(clerk)
    rows = [row(), row(统一社会信用代码=uscc(2), 检查对象名称="西洞庭惠民超市有限公司", 检查类型="双随机抽查",
                   双随机任务编号="SJ2026-0301")]
    assert client.post(URL, {"file": workbook(rows)}).status_code == 302
    assert client.post(URL, {"file": workbook(rows)}).status_code == 302
    assert BusinessInspection.objects.count() == 2
    assert set(BusinessInspection.objects.values_list("state", flat=True)) == {"draft"}
    assert not BusinessInspection.objects.exclude(check_code=None).exists()


def test_bad_rows_import_nothing_and_come_back_in_the_error_workbook(login, clerk, market_unit):
    good = uscc(5)
    rows = [
        row(),
        row(统一社会信用代码=good[:17] + ("0" if good[17] != "0" else "1")),
        row(统一社会信用代码=uscc(6), 检查人员="周敏 43070003001 2099-06-30"),
        row(统一社会信用代码=uscc(7), 检查人员="周敏 43070003001 2020-06-30；吴刚 43070003002 2099-06-30"),
    ]
    client = login(clerk)
    response = client.post(URL, {"file": workbook(rows)})
    assert response.status_code == 400
    messages = " ".join(e.message for e in response.context["result"].errors)
    assert "统一社会信用代码格式或校验位不正确" in messages
    assert "两名以上持有效执法证" in messages
    assert "周敏的执法证有效期至2020-06-30" in messages
    assert not BusinessInspection.objects.exists()
    errors = client.post(URL, {"file": workbook(rows), "errors": "xlsx"})
    assert errors.status_code == 200
    text = str([c.value for r in load_workbook(io.BytesIO(errors.content)).active.iter_rows() for c in r])
    assert "两名以上持有效执法证" in text
