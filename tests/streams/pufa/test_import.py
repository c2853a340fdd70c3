"""Excel import of 普法 activities and of the 法律明白人 roster: all rows or none, bad cells in the
error workbook, re-import updates instead of duplicating."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from fazhi.streams.pufa.importers import ACTIVITY_IMPORT, LITERATE_IMPORT
from fazhi.streams.pufa.models import Activity, LegalLiterate
from tests.streams.pufa.conftest import ID_NUMBER
from tests.xlsx import upload_xlsx

pytestmark = pytest.mark.django_db


def activity_row(**values) -> list:
    base = {"主办单位": "市场监督管理局", "年度": 2026, "活动名称": "食品安全法进社区", "活动类型": "法治宣传进村（社区）",
            "宣传的法律法规": "《中华人民共和国食品安全法》", "活动日期": "2026-03-15", "活动地点": "育才社区",
            "受众类别": "村（居）民", "受众人数": 80, "在门户网站公开": "是", **values}
    return [base.get(h) for h in ACTIVITY_IMPORT.headers]


def literate_row(village, **values) -> list:
    base = {"村（社区）": village.name, "年度": 2026, "姓名": "李明德", "联系电话": "13907361234", "公民身份号码": ID_NUMBER,
            "培训日期": "2026-03-01", "证书编号": "XDT-FLMBR-2026-001", **values}
    return [base.get(h) for h in LITERATE_IMPORT.headers]


def test_activities_import_held_or_planned_and_reimporting_duplicates_nothing(login, clerk, market_unit):
    client = login(clerk)
    rows = [activity_row(), activity_row(活动名称="以案释法进企业", 活动类型="以案释法", 受众类别="企业经营者",
                                         活动日期="2099-03-15", 年度=2099, 在门户网站公开=None)]
    for _ in range(2):
        assert client.post("/s/pufa/activities/import/", {"file": upload_xlsx(ACTIVITY_IMPORT.headers, rows)}).status_code == 302
    assert Activity.objects.count() == 2
    held = Activity.objects.get(title="食品安全法进社区")
    assert (held.state, held.is_public, held.audience_count) == ("held", True, 80)
    planned = Activity.objects.get(title="以案释法进企业")
    assert (planned.state, planned.is_public) == ("planned", False)


def test_bad_activity_rows_import_nothing_and_come_back_marked(login, clerk, market_unit):
    client = login(clerk)
    choice = client.post("/s/pufa/activities/import/", {"file": upload_xlsx(ACTIVITY_IMPORT.headers, [
        activity_row(), activity_row(活动名称="讲座", 活动类型="座谈")])})
    assert choice.status_code == 400
    assert "“座谈”不在可选范围内" in " ".join(e.message for e in choice.context["result"].errors)
    rows = [activity_row(), activity_row(活动名称="广场宣传", 受众人数=-3)]
    response = client.post("/s/pufa/activities/import/", {"file": upload_xlsx(ACTIVITY_IMPORT.headers, rows)})
    assert response.status_code == 400
    assert "受众人数不能为负数" in " ".join(e.message for e in response.context["result"].errors)
    assert not Activity.objects.exists()
    errors = client.post("/s/pufa/activities/import/",
                         {"file": upload_xlsx(ACTIVITY_IMPORT.headers, rows), "errors": "xlsx"})
    text = str([c.value for r in load_workbook(io.BytesIO(errors.content)).active.iter_rows() for c in r])
    assert "受众人数不能为负数" in text


def test_the_roster_imports_per_village_and_refuses_a_bad_id_number(login, township_clerk, village):
    client = login(township_clerk)
    url = "/s/pufa/literates/import/"
    bad = client.post(url, {"file": upload_xlsx(LITERATE_IMPORT.headers, [
        literate_row(village), literate_row(village, 姓名="王桂兰", 公民身份号码="430771198001010010", 证书编号="X2")])})
    assert bad.status_code == 400
    assert "公民身份号码格式或校验位不正确" in " ".join(e.message for e in bad.context["result"].errors)
    assert not LegalLiterate.objects.exists()
    good = client.post(url, {"file": upload_xlsx(LITERATE_IMPORT.headers, [literate_row(village)])})
    assert good.status_code == 302
    person = LegalLiterate.objects.get()
    assert (person.unit, person.name, person.state) == (village, "李明德", "active")
