"""The workforce register (法治队伍): form, leaving, contract deadlines, import, export masking,
unit scope, and the counts the annual report prints."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from fazhi.core.deadlines import deadlines_of
from fazhi.core.identifiers import id_check_char
from fazhi.core.ledger import record_create
from fazhi.core.models import Unit
from fazhi.core.registry import menu_for
from fazhi.indicators.registry import Period, compute
from fazhi.streams.workforce.importers import WORKFORCE_IMPORT
from fazhi.streams.workforce.models import Member
from tests.xlsx import upload_xlsx

pytestmark = pytest.mark.django_db

URL = "/s/workforce/"


def synthetic_id(born: str = "19800101", seq: str = "123") -> str:
    first17 = f"430721{born}{seq}"
    return first17 + id_check_char(first17)


def new_member(by, unit, **fields) -> Member:
    values = {"year": 2024, "kind": "public_lawyer", "name": "邓文斌", "licence_no": "14307201910123456",
              "phone": "13907360125", "id_number": synthetic_id(), "appointed_on": date(2024, 1, 2), **fields}
    return record_create(Member, by=by, unit=unit, **values)


def form(unit, **values) -> dict:
    data = {"unit": unit.pk, "year": 2024, "kind": "advisor_team", "name": "湖南洞庭律师事务所法律顾问团队",
            "firm": "湖南洞庭律师事务所", "position": "", "licence_no": "", "phone": "", "id_number": "",
            "appointed_on": "2024-01-01", "contract_end": "", "ended_on": "", "notes": ""}
    data.update(values)
    return data


def xlsx_rows(response) -> list[tuple]:
    return list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)


def test_the_register_is_in_the_menu(clerk):
    assert ("法治队伍", ["法治队伍台账"]) in [(m.label, [e.label for e in es]) for m, es in menu_for(clerk)]


def test_a_clerk_registers_an_adviser_team_by_the_form_and_its_contract_becomes_a_deadline(login, clerk,
                                                                                           market_unit):
    client = login(clerk)
    response = client.post(f"{URL}new/", form(market_unit, contract_end="2024-12-31"))
    assert response.status_code == 302
    team = Member.objects.get()
    assert (team.state, str(team)) == ("active", "法律顾问团队：湖南洞庭律师事务所法律顾问团队")
    (deadline,) = deadlines_of(team)
    assert (deadline.label, deadline.due, deadline.met_on) == ("法律顾问聘期届满", date(2024, 12, 31), None)
    page = client.get(response["Location"]).content.decode()
    assert "在册" in page and "法律顾问聘期届满" in page and "2024年12月31日" in page


def test_a_contract_ending_on_a_holiday_is_not_moved(login, clerk, market_unit):
    """The contract's last day is the contract's: 2024-10-01 (National Day) stays."""
    login(clerk).post(f"{URL}new/", form(market_unit, contract_end="2024-10-01"))
    (deadline,) = deadlines_of(Member.objects.get())
    assert deadline.due == date(2024, 10, 1)


def test_the_form_refuses_what_the_register_cannot_hold(login, clerk, market_unit):
    client = login(clerk)
    response = client.post(f"{URL}new/", form(market_unit, kind="public_lawyer", name="邓文斌", firm="",
                                              id_number="430721198001011230", phone="12345",
                                              contract_end="2025-01-01", ended_on="2023-12-31"))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["licence_no"] == ["公职律师应填写律师执业证号"]
    assert errors["id_number"] == ["公民身份号码格式或校验位不正确"]
    assert "联系电话格式不正确" in errors["phone"][0]
    assert errors["contract_end"] == ["聘期届满日期只适用于法律顾问团队"]
    assert errors["ended_on"] == ["离任日期不能早于聘任日期"]
    assert Member.objects.count() == 0


def test_leaving_needs_an_end_date_then_the_team_leaves_and_its_contract_deadline_is_met(login, clerk, head,
                                                                                        market_unit):
    team = new_member(clerk, market_unit, kind="advisor_team", name="湖南德恒律师事务所法律顾问团队",
                      firm="湖南德恒律师事务所", licence_no="", phone="", id_number="",
                      contract_end=date(2025, 12, 31))
    client = login(clerk)
    response = client.post(f"{URL}{team.pk}/do/leave/", follow=True)
    assert "请先在编辑页填写离任（解聘）日期，再办理离任" in response.content.decode()
    team.refresh_from_db()
    assert team.state == "active"

    data = form(market_unit, name=team.name, firm=team.firm, contract_end="2025-12-31", ended_on="2025-06-30",
                version=team.version)
    assert client.post(f"{URL}{team.pk}/edit/", data).status_code == 302
    client.post(f"{URL}{team.pk}/do/leave/")
    team.refresh_from_db()
    assert team.state == "left"
    assert deadlines_of(team).get().met_on == date(2025, 6, 30)
    # Only a unit head may put a departed member back on the register.
    assert "恢复在册" not in client.get(f"{URL}{team.pk}/").content.decode()
    assert "恢复在册" in login(head).get(f"{URL}{team.pk}/").content.decode()


def test_another_units_clerk_can_neither_see_nor_change_a_member(login, clerk, other_clerk, market_unit):
    member = new_member(clerk, market_unit)
    client = login(other_clerk)
    assert client.get(f"{URL}{member.pk}/").status_code == 403
    assert client.get(f"{URL}{member.pk}/edit/").status_code == 403
    assert client.post(f"{URL}{member.pk}/delete/").status_code == 403
    assert client.post(f"{URL}{member.pk}/do/leave/").status_code == 403
    assert "邓文斌" not in client.get(URL).content.decode()
    rows = xlsx_rows(client.get(URL, {"format": "xlsx"}))
    assert all("邓文斌" not in [str(v) for v in r] for r in rows)
    assert Member.objects.get().version == member.version


def test_the_internal_export_shows_phone_and_id_the_public_one_masks_them(login, clerk, market_unit):
    new_member(clerk, market_unit)
    client = login(clerk)
    header, row = xlsx_rows(client.get(URL, {"format": "xlsx"}))
    values = dict(zip(header, row, strict=True))
    assert values["联系电话"] == "13907360125" and values["公民身份号码"] == synthetic_id()
    header, row = xlsx_rows(client.get(URL, {"format": "xlsx", "public": "1"}))
    values = dict(zip(header, row, strict=True))
    assert values["联系电话"] == "139****0125"
    assert values["公民身份号码"] == synthetic_id()[:6] + "********" + synthetic_id()[-4:]
    assert values["姓名/团队名称"] == "邓文斌" and values["执业证号/证书编号"] == "14307201910123456"


def workbook(rows) -> io.BytesIO:
    return upload_xlsx(WORKFORCE_IMPORT.headers, rows)


def row(**values) -> list:
    base = {"聘任/任职单位": "市场监督管理局", "登记年度": 2023, **values}
    return [base.get(h) for h in WORKFORCE_IMPORT.headers]


GOOD = [
    row(类别="执法监督员", **{"姓名/团队名称": "胡德顺", "聘任/任职日期": "2023-03-01", "联系电话": "13907360126"}),
    row(类别="法律顾问团队", **{"姓名/团队名称": "湖南沅澧律师事务所法律顾问团队", "律师事务所/工作单位": "湖南沅澧律师事务所",
                           "聘任/任职日期": "2023-03-01", "聘期届满日期": "2024-02-29"}),
    row(类别="法律职业资格持有人", **{"姓名/团队名称": "谭晓琳", "执业证号/证书编号": "A20184307030114",
                              "聘任/任职日期": "2021-07-01"}),
]


def test_the_template_then_import_then_reimport_duplicates_nothing(login, clerk, market_unit):
    client = login(clerk)
    template = load_workbook(io.BytesIO(client.get(f"{URL}import/template.xlsx").content))
    assert [c.value for c in template.worksheets[0][1]][:4] == ["聘任/任职单位*", "登记年度*", "类别*", "姓名/团队名称*"]
    assert client.post(f"{URL}import/", {"file": workbook(GOOD)}).status_code == 302
    assert Member.objects.count() == 3
    team = Member.objects.get(kind="advisor_team")
    assert deadlines_of(team).get().due == date(2024, 2, 29)
    response = client.post(f"{URL}import/", {"file": workbook(GOOD)}, follow=True)
    assert "新增0条，更新0条，未变化3条" in response.content.decode()
    assert Member.objects.count() == 3


def test_a_malformed_workbook_imports_nothing_and_reports_each_bad_cell(login, clerk, market_unit):
    bad = [
        GOOD[0],
        row(类别="律师", **{"姓名/团队名称": "张三", "聘任/任职日期": "2023-03-01"}),
        row(类别="执法监督员", **{"姓名/团队名称": "李四", "聘任/任职日期": "三月一日"}),
        row(类别="公职律师", **{"姓名/团队名称": "王五", "聘任/任职日期": "2023-03-01", "公民身份号码": "430721198001011230"}),
        row(**{"聘任/任职单位": "交通运输局"}, 类别="执法监督员", **{"姓名/团队名称": "赵六", "聘任/任职日期": "2023-03-01"}),
    ]
    response = login(clerk).post(f"{URL}import/", {"file": workbook(bad)})
    assert response.status_code == 400
    errors = {(e.row, WORKFORCE_IMPORT.headers[e.column - 1]): e.message for e in response.context["result"].errors}
    assert "不在可选范围内" in errors[(3, "类别")]
    assert "不是有效日期" in errors[(4, "聘任/任职日期")]
    assert errors[(5, "公民身份号码")] == "公民身份号码格式或校验位不正确"
    assert errors[(6, "聘任/任职单位")] == "单位“交通运输局”不存在或您无权为其登记"
    assert len(errors) == 4
    assert Member.objects.count() == 0


def test_a_row_valid_cell_by_cell_but_not_as_a_record_is_reported_and_nothing_written(login, clerk, market_unit):
    bad = [GOOD[0], row(类别="公职律师", **{"姓名/团队名称": "王五", "聘任/任职日期": "2023-03-01"})]
    response = login(clerk).post(f"{URL}import/", {"file": workbook(bad)})
    errors = {(e.row, WORKFORCE_IMPORT.headers[e.column - 1]): e.message for e in response.context["result"].errors}
    assert errors == {(3, "执业证号/证书编号"): "公职律师应填写律师执业证号"}
    assert Member.objects.count() == 0


def test_counts_take_everyone_in_service_at_any_time_in_the_period(county, market_unit):
    def add(name, appointed, ended=None, kind="supervisor", unit=market_unit):
        return Member.objects.create(unit=unit, year=appointed.year, kind=kind, name=name, appointed_on=appointed,
                                     ended_on=ended, state="left" if ended else "active")

    add("全年在册", date(2022, 5, 1))
    add("年中离任", date(2022, 5, 1), date(2023, 6, 30))
    add("年末聘任", date(2023, 12, 31))
    add("上年离任", date(2021, 1, 1), date(2022, 12, 31))
    add("次年聘任", date(2024, 1, 1))
    add("专家", date(2023, 1, 1), kind="supervision_expert")
    result = compute("workforce.supervisors", county.descendants(), Period.year(2023))
    assert result.value == 3
    assert set(result.records.values_list("name", flat=True)) == {"全年在册", "年中离任", "年末聘任"}
    assert compute("workforce.members", county.descendants(), Period.year(2023)).value == 4
    assert compute("workforce.supervisors", Unit.objects.filter(pk=county.pk), Period.year(2023)).value == 0


def test_the_demo_reproduces_the_seed_counts_and_twice_duplicates_nothing(db):
    call_command("fazhi_demo", streams="workforce")
    county = Unit.objects.get(code="430771")
    expected = {"workforce.advisor_teams": 4, "workforce.supervision_experts": 3, "workforce.instructors": 1,
                "workforce.public_lawyers": 1, "workforce.legal_qualification_holders": 3, "workforce.supervisors": 4}
    got = {k: compute(k, county.descendants(), Period.year(2023)).value for k in expected}
    assert got == expected
    assert compute("workforce.supervisors", county.descendants(), Period.year(2024)).value == 3
    count = Member.objects.count()
    call_command("fazhi_demo", streams="workforce")
    assert Member.objects.count() == count
