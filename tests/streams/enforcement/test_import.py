"""Excel import of enforcement decisions (and the officer register): template, a good file,
re-import without duplicates, and a malformed file that imports nothing and names each bad cell."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from fazhi.core.deadlines import deadlines_of
from fazhi.streams.enforcement.importers import DECISION_IMPORT, OFFICER_IMPORT
from fazhi.streams.enforcement.models import Decision, Officer
from tests.streams.enforcement.conftest import COMPANY_CODE, PARTY_ID
from tests.xlsx import upload_xlsx

pytestmark = pytest.mark.django_db

BASE = "/s/enforcement/"
COL = {f.name: i for i, f in enumerate(DECISION_IMPORT.fields, start=1)}


def row(number: str = "西市监罚〔2024〕1号", **values) -> list:
    data = {"unit": "市场监督管理局", "year": 2024, "doc_no": number, "decision_type": "行政处罚",
            "party_type": "法人", "party_org": "洞庭湖农产品有限公司", "party_credit_code": COMPANY_CODE,
            "matter": "销售超过保质期的食品", "decided_on": "2024-03-04"}
    data.update(values)
    return [data.get(f.name) for f in DECISION_IMPORT.fields]


def workbook(rows, header=DECISION_IMPORT.headers) -> io.BytesIO:
    return upload_xlsx(header, rows)


GOOD = [
    row(),
    row("西市监许〔2024〕2号", decision_type="行政许可", matter="食品经营许可", decided_on="2024/02/08"),
    row("西市监罚〔2024〕3号", party_type="自然人", party_org=None, party_credit_code=None, party_person="张三丰",
        party_id_number=PARTY_ID),
]


def test_the_template_has_the_decision_columns_and_drop_downs(login, clerk, market_unit):
    wb = load_workbook(io.BytesIO(login(clerk).get(f"{BASE}import/template.xlsx").content))
    headers = [c.value for c in wb.worksheets[0][1]]
    assert headers[:3] == ["执法单位*", "年度*", "决定书文号*"] and "统一社会信用代码" in headers
    options = [c.value for c in wb["选项"]["D"] if c.value]
    assert options == ["行政许可", "行政处罚", "行政强制", "行政检查", "其他"]


def test_a_good_file_imports_with_running_clocks_and_reimport_duplicates_nothing(login, clerk, market_unit):
    client = login(clerk)
    assert client.post(f"{BASE}import/", {"file": workbook(GOOD)}).status_code == 302
    assert Decision.objects.count() == 3
    licence = Decision.objects.get(doc_no="西市监许〔2024〕2号")
    assert deadlines_of(licence).get().due.isoformat() == "2024-02-23"
    response = client.post(f"{BASE}import/", {"file": workbook(GOOD)})
    assert response.status_code == 302 and Decision.objects.count() == 3
    assert "新增0条，更新0条，未变化3条" in [str(m) for m in response.wsgi_request._messages][-1]
    client.post(f"{BASE}import/", {"file": workbook([row(matter="销售过期食品（更正）")])})
    assert Decision.objects.get(doc_no="西市监罚〔2024〕1号").matter == "销售过期食品（更正）"


def test_a_malformed_file_imports_nothing_and_reports_every_bad_cell(login, clerk, market_unit, transport_unit):
    bad_code = COMPANY_CODE[:-1] + ("0" if COMPANY_CODE[-1] != "0" else "1")
    rows = [
        GOOD[0],
        row("X1", unit="交通运输局"),
        row("X2", decided_on="2024-02-30"),
        row("X3", party_credit_code=bad_code),
        row("西市监罚〔2024〕1号"),
        row("X4", decision_type="罚款"),
        row("X5", party_type="自然人", party_org=None, party_credit_code=None),
    ]
    response = login(clerk).post(f"{BASE}import/", {"file": workbook(rows)})
    assert response.status_code == 400
    errors = {(e.row, e.column): e.message for e in response.context["result"].errors}
    assert "单位“交通运输局”不存在或您无权为其登记" in errors[(3, COL["unit"])]
    assert "不是有效日期" in errors[(4, COL["decided_on"])]
    assert errors[(5, COL["party_credit_code"])] == "统一社会信用代码格式或校验位不正确"
    assert "与第2行重复" in errors[(6, COL["doc_no"])]
    assert "不在可选范围内" in errors[(7, COL["decision_type"])]
    assert not Decision.objects.exists()
    # a model rule (a natural person without a name) is reported on its cell too, and rolls back
    response = login(clerk).post(f"{BASE}import/", {"file": workbook([GOOD[0], rows[-1]])})
    errors = [(e.row, e.column, e.message) for e in response.context["result"].errors]
    assert errors == [(3, COL["party_person"], "当事人为自然人的，请填写姓名")]
    assert not Decision.objects.exists()


def test_officers_import_by_certificate_number(login, clerk, market_unit):
    data = ["市场监督管理局", 2023, "王执法", "D03-2023-001", "湖南省行政执法证", "市场监管", "2023-09-01", "2028-08-31",
            PARTY_ID, "13912345678"]
    client = login(clerk)
    workbook_bytes = workbook([data], header=OFFICER_IMPORT.headers)
    assert client.post(f"{BASE}officers/import/", {"file": workbook_bytes}).status_code == 302
    again = workbook([data[:7] + ["2028-09-30"] + data[8:]], header=OFFICER_IMPORT.headers)
    assert client.post(f"{BASE}officers/import/", {"file": again}).status_code == 302
    officer = Officer.objects.get()
    assert (officer.name, officer.valid_until.isoformat(), officer.state) == ("王执法", "2028-09-30", "valid")
