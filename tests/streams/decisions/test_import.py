"""Excel import of catalogue items: template, whole-file validation, natural-key re-import."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from fazhi.streams.decisions.models import CatalogueItem
from tests.xlsx import upload_xlsx

pytestmark = pytest.mark.django_db

HEADER = ["承办单位", "年度", "序号", "决策事项名称", "事项类别", "决策依据", "计划完成时间"]
POLICY = "公共服务、市场监管、社会管理、环境保护等方面的重大公共政策和措施"
GOOD = [
    ["市场监督管理局", 2024, 1, "农贸市场提质改造实施方案", "在本行政区域实施的重大公共建设项目", "《湖南省农贸市场管理办法》",
     "2024-09-30"],
    ["市场监督管理局", 2024, 2, "食品小作坊管理办法", POLICY, "《食品安全法》", "2024/11/30"],
]


def workbook(rows, header=HEADER) -> io.BytesIO:
    return upload_xlsx(header, rows)


def test_the_template_has_chinese_headers_and_drop_downs(login, clerk, market_unit):
    response = login(clerk).get("/s/decisions/items/import/template.xlsx")
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb.worksheets[0]
    assert [str(c.value).rstrip("*") for c in ws[1]] == HEADER
    assert ws["A2"].value == "市场监督管理局"
    assert wb["选项"]["E1"].value == POLICY


def test_good_rows_import_into_the_years_catalogue_and_reimport_duplicates_nothing(login, clerk, catalogue):
    client = login(clerk)
    assert client.post("/s/decisions/items/import/", {"file": workbook(GOOD)}).status_code == 302
    items = CatalogueItem.objects.order_by("seq")
    assert [(i.name, i.catalogue_id, i.state_label) for i in items] == [
        ("农贸市场提质改造实施方案", catalogue.pk, "已列入目录"), ("食品小作坊管理办法", catalogue.pk, "已列入目录")]
    changed = [GOOD[0][:5] + ["《湖南省农贸市场管理办法》（2023修订）", "2024-09-30"], GOOD[1]]
    assert client.post("/s/decisions/items/import/", {"file": workbook(changed)}).status_code == 302
    assert CatalogueItem.objects.count() == 2
    assert CatalogueItem.objects.get(seq=1).legal_basis == "《湖南省农贸市场管理办法》（2023修订）"


def test_a_malformed_file_imports_nothing_and_reports_every_bad_cell(login, clerk, catalogue, transport_unit):
    rows = [
        GOOD[0],
        ["交通运输局", 2024, 3, "越权事项", POLICY, "", ""],
        ["市场监督管理局", "二〇二四", 4, "坏年度", "重大事项", "", "2024-02-30"],
        ["市场监督管理局", 2024, 5, "农贸市场提质改造实施方案", POLICY, "", ""],
        ["市场监督管理局", 2024, 6, "", "", "", ""],
    ]
    response = login(clerk).post("/s/decisions/items/import/", {"file": workbook(rows)})
    assert response.status_code == 400
    errors = {(e.row, e.column): e.message for e in response.context["result"].errors}
    assert "单位“交通运输局”不存在或您无权为其登记" in errors[(3, 1)]
    assert "不是整数" in errors[(4, 2)]
    assert "不在可选范围内" in errors[(4, 5)]
    assert "不是有效日期" in errors[(4, 7)]
    assert "与第2行重复" in errors[(5, 4)]
    assert errors[(6, 4)] == errors[(6, 5)] == "必填项不能为空"
    assert not CatalogueItem.objects.exists()


def test_items_of_a_year_without_a_catalogue_are_refused(login, clerk, market_unit):
    rows = [[*GOOD[0][:1], 2030, *GOOD[0][2:]]]
    response = login(clerk).post("/s/decisions/items/import/", {"file": workbook(rows)})
    assert response.status_code == 400
    assert [e.message for e in response.context["result"].errors] == ["该年度尚未建立决策事项目录，请先新建目录"]
    assert not CatalogueItem.objects.exists()
