"""The coordinator's first-run checklist: ticked from the records, one step per installed hook."""

from __future__ import annotations

import pytest
from django.utils import timezone

from fazhi.core.ledger import record_create
from fazhi.core.roles import Role
from fazhi.streams.plans.models import Plan
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def steps(page: str) -> dict[str, bool]:
    import re

    found = re.findall(r'<li class="py-1"><i class="bi (bi-check-circle-fill|bi-circle)[^>]*></i>\s*'
                       r'<span class="visually-hidden">[^<]*</span>\s*(?:<a href="[^"]*">)?([^<]+)', page)
    return {label.strip(): icon == "bi-check-circle-fill" for icon, label in found}


def test_a_new_county_sees_what_is_missing_and_each_step_ticks_when_its_records_exist(
        login, coordinator, justice_unit, market_unit, county):
    year = timezone.localdate().year
    page = login(coordinator).get("/home/").content.decode()
    found = steps(page)
    assert found["建立部门和乡镇（街道）"] is True
    assert found["为各单位开通经办人员账号"] is False  # 市场监管局 and the townships have nobody yet
    assert found[f"录入{year}年度法治政府建设工作计划"] is False
    assert found[f"建立{year}年度法治建设考核方案"] is False
    assert found[f"起草{year - 1}年度法治政府建设年度报告（按法定提纲）"] is False
    assert "开通准备清单（已完成 2/6 项）" in page and "<details" in page and " open>" in page

    record_create(Plan, by=coordinator, unit=justice_unit, year=year, kind=Plan.Kind.choices[0][0],
                  title="年度法治政府建设工作要点")
    assert steps(login(coordinator).get("/home/").content.decode())[f"录入{year}年度法治政府建设工作计划"] is True


def test_staff_in_every_unit_and_the_year_s_calendar_tick_their_steps(login, coordinator, justice_unit,
                                                                       market_unit, county):
    from fazhi.core.models import Unit

    year = timezone.localdate().year
    for i, unit in enumerate(Unit.objects.filter(kind__in=[Unit.Kind.DEPARTMENT, Unit.Kind.TOWNSHIP])):
        make_user(f"staff{i}", unit, Role.CLERK)
    found = steps(login(coordinator).get("/home/").content.decode())
    assert found["为各单位开通经办人员账号"] is True
    assert found[f"录入{year}年节假日安排"] is True  # shipped with the platform


def test_a_year_whose_holidays_are_not_entered_is_an_open_step(login, coordinator, justice_unit):
    import time_machine

    with time_machine.travel("2031-03-02 10:00 +0800", tick=False):
        found = steps(login(coordinator).get("/home/").content.decode())
    assert found["录入2031年节假日安排"] is False
