"""Excel import of mediation cases: template, good file, re-import, and a malformed file that
imports nothing and reports every bad cell."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from fazhi.streams.mediation.importers import CASE_IMPORT, COMMITTEE_IMPORT, TRAINING_IMPORT
from fazhi.streams.mediation.models import MediationCase, MediationCommittee, MediatorTraining
from tests.streams.mediation.conftest import OTHER_ID, PARTY_ID
from tests.xlsx import upload_xlsx

pytestmark = pytest.mark.django_db

BASE = "/s/mediation/"
HEADER = CASE_IMPORT.headers


def row(unit: str = "市场监督管理局", number: str = "（2024）市监调字第001号", party_a: str = "王五",
        **values) -> list:
    """One sheet row in the template's column order, from field names."""
    data = {"unit": unit, "year": 2024, "registration_number": number, "dispute_type": "消费纠纷",
            "source": "当事人申请", "accepted_on": "2024-03-01", "party_a_name": party_a,
            "party_a_id_number": PARTY_ID, "party_a_phone": "13912345678"}
    data.update(values)
    return [data.get(f.name) for f in CASE_IMPORT.fields]


def workbook(rows, header=HEADER) -> io.BytesIO:
    return upload_xlsx(header, rows)


def upload(client, data, url: str = f"{BASE}import/"):
    return client.post(url, {"file": data})


GOOD = [
    row(),
    row(number="（2024）市监调字第002号", party_a="赵六", mediator="孙调解", party_b_id_number=OTHER_ID),
    row(number="（2024）市监调字第003号", party_a="钱七", mediator="孙调解", concluded_on="2024-03-12",
        result="调解成功", agreement_form="书面协议", agreement_date="2024/03/12", follow_up_on="2024-03-30",
        performance="已履行"),
]


def test_the_template_has_the_case_columns_drop_downs_and_an_example(login, clerk, market_committee):
    wb = load_workbook(io.BytesIO(login(clerk).get(f"{BASE}import/template.xlsx").content))
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[1]]
    assert headers[:3] == ["承办单位*", "年度*", "登记编号*"] and "当事人（申请人）公民身份号码" in headers
    assert ws["A2"].value == "市场监督管理局" and ws["C2"].value.startswith("示例")
    options = [c.value for c in wb["选项"]["F"] if c.value]
    assert "婚姻家庭纠纷" in options and "消费纠纷" in options


def test_a_good_file_imports_every_row_at_its_state_and_reimporting_duplicates_nothing(login, clerk,
                                                                                     market_committee):
    client = login(clerk)
    assert upload(client, workbook(GOOD)).status_code == 302
    states = dict(MediationCase.objects.values_list("registration_number", "state"))
    assert states == {"（2024）市监调字第001号": "accepted", "（2024）市监调字第002号": "mediating",
                      "（2024）市监调字第003号": "follow_up"}
    settled = MediationCase.objects.get(registration_number="（2024）市监调字第003号")
    assert (settled.result, settled.committee, str(settled.agreement_date)) == (
        "success", market_committee, "2024-03-12")
    response = upload(client, workbook(GOOD))
    assert response.status_code == 302
    assert MediationCase.objects.count() == 3
    messages = [str(m) for m in response.wsgi_request._messages]
    assert "新增0条，更新0条，未变化3条" in messages[-1]


def test_a_reimported_row_updates_but_never_moves_the_case_through_its_workflow(login, clerk, market_committee):
    client = login(clerk)
    upload(client, workbook(GOOD[:1]))
    changed = row(facts="补充了纠纷情况", concluded_on="2024-03-12", result="调解成功", agreement_form="口头协议")
    response = upload(client, workbook([changed]))
    assert any("尚未调结的纠纷不能登记调解结果" in e.message for e in response.context["result"].errors)
    upload(client, workbook([row(facts="补充了纠纷情况")]))
    case = MediationCase.objects.get()
    assert (case.facts, case.state, case.result) == ("补充了纠纷情况", "accepted", "")


def test_a_malformed_file_imports_nothing_and_reports_every_bad_cell(login, clerk, market_committee,
                                                                     transport_unit):
    bad_id = PARTY_ID[:-1] + ("0" if PARTY_ID[-1] != "0" else "1")
    col = {f.name: i for i, f in enumerate(CASE_IMPORT.fields, start=1)}
    rows = [
        GOOD[0],
        row(unit="交通运输局", number="（2024）越权001号"),  # a unit the clerk may not write for
        row(unit="不存在的单位", number="（2024）X002号"),  # unknown unit
        row(number="（2024）市监调字第004号", accepted_on="2024-02-30", party_a_id_number=bad_id),
        row(number="（2024）市监调字第001号"),  # duplicate key within the file
        row(number="（2024）市监调字第005号", dispute_type="打架", party_a=None),
    ]
    response = upload(login(clerk), workbook(rows))
    assert response.status_code == 400
    errors = {(e.row, e.column): e.message for e in response.context["result"].errors}
    assert "单位“交通运输局”不存在或您无权为其登记" in errors[(3, col["unit"])]
    assert "单位“不存在的单位”不存在或您无权为其登记" in errors[(4, col["unit"])]
    assert "不是有效日期" in errors[(5, col["accepted_on"])]
    assert errors[(5, col["party_a_id_number"])] == "公民身份号码格式或校验位不正确"
    assert "与第2行重复" in errors[(6, col["registration_number"])]
    assert "不在可选范围内" in errors[(7, col["dispute_type"])]
    assert errors[(7, col["party_a_name"])] == "必填项不能为空"
    assert not MediationCase.objects.exists()


def test_model_rules_roll_the_whole_file_back_and_point_at_the_cell(login, clerk, market_committee):
    col = {f.name: i for i, f in enumerate(CASE_IMPORT.fields, start=1)}
    rows = [GOOD[0], row(number="（2024）市监调字第009号", concluded_on="2024-03-20", result="调解成功",
                         agreement_form="书面协议")]  # a written agreement without its date
    errors = upload(login(clerk), workbook(rows)).context["result"].errors
    assert [(e.row, e.column, e.message) for e in errors] == [
        (3, col["agreement_date"], "书面调解协议须填写协议签订日期")]
    assert not MediationCase.objects.exists()


def test_a_committee_named_in_the_file_must_belong_to_the_unit(login, clerk, market_committee):
    col = {f.name: i for i, f in enumerate(CASE_IMPORT.fields, start=1)}
    errors = upload(login(clerk), workbook([row(committee_name="唐林村人民调解委员会")])).context["result"].errors
    assert (errors[0].column, errors[0].message) == (
        col["committee_name"], "承办单位下没有名为“唐林村人民调解委员会”的人民调解委员会")


def test_wrong_headers_are_refused(login, clerk, market_committee):
    response = upload(login(clerk), workbook(GOOD, header=["单位", *HEADER[1:]]))
    assert "第1列表头应为“承办单位”" in response.context["result"].errors[0].message
    assert not MediationCase.objects.exists()


def test_committees_and_trainings_import_too(login, clerk, market_unit):
    client = login(clerk)
    committees = workbook([["市场监督管理局", 2024, "消费纠纷人民调解委员会", "行业性、专业性人民调解委员会", "刘主任", 5,
                            "2015-03-01"]], header=COMMITTEE_IMPORT.headers)
    assert upload(client, committees, f"{BASE}committees/import/").status_code == 302
    assert MediationCommittee.objects.get().kind == "sector"
    trainings = workbook([["市场监督管理局", 2024, "消费纠纷调解实务", "市场监管局", "2024-05-10", 30],
                          ["市场监督管理局", 2024, "年度轮训", "市场监管局", None, None]],
                         header=TRAINING_IMPORT.headers)
    assert upload(client, trainings, f"{BASE}trainings/import/").status_code == 302
    assert dict(MediatorTraining.objects.values_list("topic", "state")) == {"消费纠纷调解实务": "held", "年度轮训": "planned"}


def test_an_import_keeps_every_row_s_deadline_in_a_few_queries_whatever_its_size(login, clerk, market_committee):
    """Declared deadlines of imported rows are written per batch (read once, created once, updated
    once), not two queries per row; a re-import that moves the acceptance date restarts them."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from fazhi.core.models import Deadline

    client = login(clerk)
    rows = [row(number=f"（2024）市监调字第{i:03d}号", party_a=f"当事人{i}") for i in range(1, 61)]
    with CaptureQueriesContext(connection) as queries:
        assert upload(client, workbook(rows)).status_code == 302
    deadline_sql = [q["sql"] for q in queries.captured_queries if "core_deadline" in q["sql"]]
    assert len(deadline_sql) <= 3, deadline_sql
    deadlines = Deadline.objects.filter(content_type__app_label="mediation")
    assert deadlines.count() == 60 and {d.start.isoformat() for d in deadlines} == {"2024-03-01"}
    first_due = deadlines.first().due

    moved = [row(number=f"（2024）市监调字第{i:03d}号", party_a=f"当事人{i}", accepted_on="2024-04-01")
             for i in range(1, 61)]
    with CaptureQueriesContext(connection) as queries:
        assert upload(client, workbook(moved)).status_code == 302
    assert len([q for q in queries.captured_queries if "core_deadline" in q["sql"]]) <= 3
    assert {d.start.isoformat() for d in deadlines.all()} == {"2024-04-01"}
    assert deadlines.count() == 60 and deadlines.first().due > first_due


def test_an_id_number_stored_as_a_number_is_refused_with_the_hint_to_format_the_column_as_text(
        login, clerk, market_committee):
    """Excel keeps 15 significant digits: an 18-digit 公民身份号码 typed into a number cell comes back
    with its last digits zeroed. The refusal says how to fix the sheet."""
    response = upload(login(clerk), workbook([row(party_a_id_number=float(PARTY_ID))]))
    assert response.status_code == 400
    messages = [e.message for e in response.context["result"].errors]
    assert any("公民身份号码格式或校验位不正确" in m and "设置为“文本”格式" in m for m in messages), messages
    assert not MediationCase.objects.exists()
