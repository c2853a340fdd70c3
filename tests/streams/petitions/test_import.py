"""Excel import of the petition and reception ledgers: template, good file, re-import, bad file."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from fazhi.core.deadlines import deadlines_of
from fazhi.streams.petitions.importers import PETITION_IMPORT, RECEPTION_IMPORT
from fazhi.streams.petitions.models import Petition, Reception
from tests.streams.petitions.conftest import synthetic_id
from tests.xlsx import upload_xlsx

pytestmark = pytest.mark.django_db

HEADER = PETITION_IMPORT.headers
RECEPTION_HEADER = RECEPTION_IMPORT.headers


def workbook(rows, header) -> io.BytesIO:
    return upload_xlsx(header, rows)


def row(**values) -> list:
    """A petition row: every column in template order, blank unless given."""
    base = {"承办单位": "市场监督管理局", "年度": 2023, "信访形式": "来访", "信访事项类别": "申诉求决类",
            "办理状态": "已登记", **values}
    return [base.get(h, None) for h in HEADER]


def good_rows() -> list[list]:
    return [
        row(登记编号="XF-2023-0001", 登记日期="2023-03-06", 信访人姓名="周德明", 公民身份号码=synthetic_id(),
            联系电话="13973600001", 反映问题="预付卡退费", **{"转送/交办日期": "2023-03-08"},
            受理告知日期="2023-03-12", 处理意见="支持", 办理结果="责令退款", 书面答复日期="2023-04-20",
            领导包案="是", 包案领导="刘建国", 包案已化解="是", 满意度评价="满意", 办理状态="已办结"),
        row(登记编号="XF-2023-0002", 登记日期="2023/09/21", 信访人姓名="罗桂英", 反映问题="食品安全投诉",
            人数=6, 信访形式="网上信访"),
        row(登记编号="XF-2023-0003", 登记日期="2023-10-09", 信访人姓名="周德明", 公民身份号码=synthetic_id(),
            反映问题="预付卡退费", **{"重复信访：原登记编号": "XF-2023-0001"}),
    ]


def upload(client, data, url="/s/petitions/import/"):
    return client.post(url, {"file": data})


def test_the_template_has_the_petition_columns_drop_downs_and_an_example(login, clerk, market_unit):
    response = login(clerk).get("/s/petitions/import/template.xlsx")
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[1]]
    assert headers[:5] == ["承办单位*", "年度*", "登记编号*", "信访形式*", "登记日期*"]
    assert headers[-1] == "办理状态*" and "公民身份号码" in headers
    assert ws["A2"].value == "市场监督管理局" and ws["C2"].value.startswith("示例")
    options = [c.value for c in wb["选项"]["D"] if c.value]
    assert options == ["来访", "来信", "来电", "网上信访"]


def test_a_good_file_imports_every_row_with_its_deadlines_and_reimporting_duplicates_nothing(
        login, clerk, market_unit):
    client = login(clerk)
    assert upload(client, workbook(good_rows(), HEADER)).status_code == 302
    assert Petition.objects.count() == 3
    closed = Petition.objects.get(reg_no="XF-2023-0001")
    assert closed.state == "closed" and closed.leader_resolved and closed.satisfaction == "satisfied"
    assert all(d.met_on for d in deadlines_of(closed))
    fresh = Petition.objects.get(reg_no="XF-2023-0002")
    assert fresh.registered_on == date(2023, 9, 21) and fresh.is_group and fresh.satisfaction == "none"
    assert deadlines_of(fresh).get().due == date(2023, 10, 7)  # National Day: 10-6 rolls to make-up Saturday
    assert Petition.objects.get(reg_no="XF-2023-0003").earlier_reg_no == "XF-2023-0001"
    assert upload(client, workbook(good_rows(), HEADER)).status_code == 302
    assert Petition.objects.count() == 3


def test_a_malformed_file_imports_nothing_and_reports_every_bad_cell(login, clerk, market_unit, transport_unit):
    bad_id = synthetic_id()[:-1] + ("0" if synthetic_id()[-1] != "0" else "1")
    rows = [
        good_rows()[1],
        row(登记编号="XF-2023-0010", 登记日期="2023-02-30", 信访人姓名="甲", 反映问题="坏日期"),
        row(登记编号="XF-2023-0011", 登记日期="2023-03-01", 信访人姓名="乙", 反映问题="坏号码", 公民身份号码=bad_id),
        row(承办单位="交通运输局", 登记编号="XF-2023-0012", 登记日期="2023-03-01", 信访人姓名="丙", 反映问题="越权"),
        row(承办单位="不存在局", 登记编号="XF-2023-0013", 登记日期="2023-03-01", 信访人姓名="丁", 反映问题="无此单位"),
        row(登记编号="XF-2023-0002", 登记日期="2023-03-01", 信访人姓名="戊", 反映问题="重复编号"),
        row(登记编号="XF-2023-0014", 登记日期="2023-03-01", 信访人姓名="己", 反映问题="坏选项", 信访形式="托人带话"),
    ]
    response = upload(login(clerk), workbook(rows, HEADER))
    assert response.status_code == 400
    errors = {(e.row, HEADER[e.column - 1]): e.message for e in response.context["result"].errors}
    assert "不是有效日期" in errors[(3, "登记日期")]
    assert errors[(4, "公民身份号码")] == "公民身份号码格式或校验位不正确"
    assert errors[(5, "承办单位")] == "单位“交通运输局”不存在或您无权为其登记"
    assert errors[(6, "承办单位")] == "单位“不存在局”不存在或您无权为其登记"
    assert "与第2行重复" in errors[(7, "登记编号")]
    assert "不在可选范围内" in errors[(8, "信访形式")]
    assert len(errors) == 6
    assert not Petition.objects.exists()


def test_wrong_headers_are_refused_before_any_row_is_read(login, clerk, market_unit):
    header = ["单位", *HEADER[1:]]
    response = upload(login(clerk), workbook(good_rows(), header))
    assert "第1列表头应为“承办单位”" in response.context["result"].errors[0].message
    assert not Petition.objects.exists()


def test_model_rules_roll_back_the_whole_file(login, clerk, market_unit):
    rows = [good_rows()[1],
            row(登记编号="XF-2023-0020", 登记日期="2023-03-01", 信访人姓名="庚", 反映问题="无原件",
                **{"重复信访：原登记编号": "XF-1999-0001"}),
            row(登记编号="XF-2023-0021", 登记日期="2023-03-01", 信访人姓名="辛", 反映问题="状态不符", 办理状态="已答复")]
    response = upload(login(clerk), workbook(rows, HEADER))
    messages = [e.message for e in response.context["result"].errors]
    assert "登记编号“XF-1999-0001”的信访件不存在" in messages
    assert "状态为“已答复”的信访件应填写受理告知日期" in messages
    assert not Petition.objects.exists()


def test_a_number_used_by_another_unit_is_refused_not_overwritten(login, clerk, other_clerk, transport_unit):
    from tests.streams.petitions.conftest import new_petition

    new_petition(other_clerk, transport_unit, reg_no="XF-2023-0002", year=2023, registered_on=date(2023, 5, 1))
    response = upload(login(clerk), workbook([good_rows()[1]], HEADER))
    assert "该登记编号已存在" in [e.message for e in response.context["result"].errors]
    assert Petition.objects.get(reg_no="XF-2023-0002").unit == transport_unit


def test_reception_days_import_and_reimport(login, clerk, market_unit):
    rows = [["市场监督管理局", 2023, "2023-03-02", "律师坐班接访", "王志强律师", 3, 2, ""],
            ["市场监督管理局", 2023, "2023-03-09", "领导接访", "刘建国", 5, None, "集中接访"]]
    client = login(clerk)
    assert upload(client, workbook(rows, RECEPTION_HEADER), "/s/petitions/receptions/import/").status_code == 302
    assert upload(client, workbook(rows, RECEPTION_HEADER), "/s/petitions/receptions/import/").status_code == 302
    assert Reception.objects.count() == 2
    assert Reception.objects.get(receiver="刘建国").resolved_on_site == 0
    bad = [["市场监督管理局", 2023, "2023-03-16", "约访", "黄敏", 2, 5, ""]]
    response = upload(client, workbook(bad, RECEPTION_HEADER), "/s/petitions/receptions/import/")
    assert "现场解决件数不能多于接待批次" in [e.message for e in response.context["result"].errors]
    assert Reception.objects.count() == 2
