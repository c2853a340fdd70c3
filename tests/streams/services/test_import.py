"""Excel import of the catalogue and the ratings: template, good file, re-import, bad file."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from fazhi.streams.services.importers import ITEM_IMPORT, RATING_IMPORT
from fazhi.streams.services.models import ServiceItem, ServiceRating
from tests.xlsx import upload_xlsx

pytestmark = pytest.mark.django_db

HEADER = ITEM_IMPORT.headers
RATING_HEADER = RATING_IMPORT.headers


def workbook(rows, header) -> io.BytesIO:
    return upload_xlsx(header, rows)


def item_row(**values) -> list:
    base = {"承办单位": "市场监督管理局", "清单年度": 2024, "事项类型": "行政许可", "网办程度": "全程网办",
            "到现场次数": 0, "公布状态": "已公布", "公布日期": "2024-01-05", **values}
    return [base.get(h) for h in HEADER]


def good_items() -> list[list]:
    return [
        item_row(事项编码="430771D03XK001", 事项名称="食品经营许可（新办）", **{"法定办结时限（工作日）": 20,
                 "承诺办结时限（工作日）": 5}, 高频事项="是", 一窗委托办理="是", 进驻政务服务中心="是"),
        item_row(事项编码="430771D03XK002", 事项名称="药品零售企业许可（新办）", 网办程度="网上可办（网上预审）",
                 到现场次数=1, 公布状态="待公布", 公布日期=None),
    ]


def test_the_template_has_the_catalogue_columns_and_choices(login, clerk, market_unit):
    wb = load_workbook(io.BytesIO(login(clerk).get("/s/services/import/template.xlsx").content))
    headers = [c.value for c in wb.worksheets[0][1]]
    assert headers[:4] == ["承办单位*", "清单年度*", "事项编码*", "事项名称*"]
    assert "一窗委托办理" in headers and "公布状态*" in headers
    assert [c.value for c in wb["选项"]["I"] if c.value] == ["全程网办", "网上可办（网上预审）", "不可网办"]


def test_a_catalogue_imports_and_reimporting_duplicates_nothing(login, clerk, market_unit):
    client = login(clerk)
    assert client.post("/s/services/import/", {"file": workbook(good_items(), HEADER)}).status_code == 302
    assert client.post("/s/services/import/", {"file": workbook(good_items(), HEADER)}).status_code == 302
    assert ServiceItem.objects.count() == 2
    first = ServiceItem.objects.get(code="430771D03XK001")
    assert first.state == "published" and first.one_window and first.high_frequency
    assert ServiceItem.objects.get(code="430771D03XK002").state == "draft"

    ratings = [["市场监督管理局", 2024, "HCP-2024-000001", "430771D03XK001", "2024-03-04", "不满意", "窗口评价器",
                "周德明", "13973600001", "等候时间长", "属实", "增设窗口", "2024-03-06", "2024-03-07", "满意"],
               ["市场监督管理局", 2024, "HCP-2024-000002", "430771D03XK001", "2024-03-05", "非常满意", "网上办事大厅",
                None, None, None, None, None, None, None, None]]
    url = "/s/services/ratings/import/"
    assert client.post(url, {"file": workbook(ratings, RATING_HEADER)}).status_code == 302
    assert client.post(url, {"file": workbook(ratings, RATING_HEADER)}).status_code == 302
    assert ServiceRating.objects.count() == 2
    bad = ServiceRating.objects.get(rating_no="HCP-2024-000001")
    assert bad.state == "called_back" and bad.item == first
    assert not ServiceRating.objects.get(rating_no="HCP-2024-000002").real_name


def test_a_malformed_catalogue_imports_nothing_and_reports_each_bad_cell(login, clerk, market_unit):
    rows = [
        good_items()[0],
        item_row(事项编码="430771D03XK003", 事项名称="坏类型", 事项类型="行政审批"),
        item_row(事项编码="430771D03XK004", 事项名称="坏次数", 到现场次数="一次"),
        item_row(事项编码="430771D03XK001", 事项名称="重复编码"),
        item_row(事项编码="430771D03XK005", 事项名称="越权", 承办单位="交通运输局"),
    ]
    response = login(clerk).post("/s/services/import/", {"file": workbook(rows, HEADER)})
    assert response.status_code == 400
    errors = {(e.row, HEADER[e.column - 1]): e.message for e in response.context["result"].errors}
    assert "不在可选范围内" in errors[(3, "事项类型")]
    assert errors[(4, "到现场次数")] == "“一次”不是整数"
    assert "与第2行重复" in errors[(5, "事项编码")]
    assert errors[(6, "承办单位")] == "单位“交通运输局”不存在或您无权为其登记"
    assert len(errors) == 4
    assert not ServiceItem.objects.exists()
    late = item_row(事项编码="430771D03XK006", 事项名称="承诺超期", **{"法定办结时限（工作日）": 10,
                    "承诺办结时限（工作日）": 12})
    response = login(clerk).post("/s/services/import/", {"file": workbook([late], HEADER)})
    assert "承诺办结时限不能长于法定办结时限" in [e.message for e in response.context["result"].errors]
    assert not ServiceItem.objects.exists()
