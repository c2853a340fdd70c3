"""A 市场监管局 clerk sets up a random-inspection task, publishes the commitment, draws, enters
the results as one of the drawn inspectors and publishes them, in chromium."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from fazhi.streams.inspections.models import Inspector
from tests.streams.inspections.conftest import item, make_entities, make_inspectors, plan, townships  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def field(page: Page, label: str):
    return page.get_by_label(re.compile(rf"^{re.escape(label)}"))


def take(page: Page, action: str) -> None:
    page.get_by_role("link", name=action, exact=True).click()
    page.get_by_role("button", name=f"确认{action}").click()
    expect(page.get_by_role("alert")).to_contain_text(f"已{action}")


def test_a_clerk_draws_inspects_and_publishes(page: Page, live_server, sign_in, clerk, market_unit,
                                              townships, plan, item) -> None:  # noqa: F811
    make_entities(market_unit, townships, 5)
    make_inspectors(market_unit, 2, valid_until=date(2030, 12, 31))
    Inspector.objects.update(account="clerk")  # both drawn inspectors sign in as this clerk in the test
    sign_in("clerk")
    page.get_by_role("link", name="抽查任务", exact=True).click()
    page.get_by_role("link", name="新增").click()
    field(page, "牵头单位").select_option(label="市场监督管理局")
    field(page, "年度").fill("2024")
    field(page, "所属计划").select_option(label="2024年2024年度抽查计划")
    field(page, "抽查事项").select_option(label="食品销售者经营行为检查")
    field(page, "任务名称").fill("浏览器抽查任务")
    field(page, "抽查户数").fill("2")
    field(page, "检查开始日期").fill("2024-09-02")
    field(page, "检查结束日期").fill("2024-10-31")
    page.get_by_role("button", name="保存").click()
    expect(page.locator("#record-state")).to_have_text("待抽取")

    page.get_by_role("link", name="登记抽取完成", exact=True).click()
    page.get_by_role("button", name="公示承诺值").click()
    expect(page.get_by_role("alert")).to_contain_text("已公示承诺值")
    expect(page.locator("#commitment")).to_have_text(re.compile(r"^[0-9a-f]{64}$"))
    page.get_by_role("link", name="执行抽取").click()
    page.get_by_role("button", name="执行抽取").click()
    expect(page.get_by_role("alert")).to_contain_text("抽中2户检查对象")
    expect(page.locator("#seed")).to_have_text(re.compile(r"^[0-9a-f]{64}$"))
    expect(page.locator("#draw-result tbody tr")).to_have_count(2)

    page.get_by_role("link", name="浏览器抽查任务").click()
    expect(page.locator("#record-state")).to_have_text("已抽取")
    take(page, "通知检查人员")
    take(page, "开始检查")

    for _ in range(2):
        page.get_by_role("link", name="我的检查任务", exact=True).click()
        page.get_by_role("link", name="录入结果").first.click()
        field(page, "检查日期").fill("2024-09-10")
        field(page, "检查结果").select_option(label="未发现问题")
        page.get_by_role("button", name="保存检查结果").click()
        expect(page.get_by_role("alert")).to_contain_text("已录入检查结果")

    page.get_by_role("link", name="抽查任务", exact=True).click()
    page.get_by_role("link", name="查看").click()
    take(page, "检查结束")
    take(page, "公示结果")
    expect(page.locator("#record-state")).to_have_text("结果已公示")
    expect(page.get_by_role("cell", name="已公示", exact=True)).to_have_count(2)
