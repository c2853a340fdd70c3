"""A 市场监管局 clerk registers an enforcement supervisor on the real form, is told an end date
is needed to leave, records it, and the supervisor leaves the register (chromium)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def field(page: Page, label: str):
    return page.get_by_label(re.compile(rf"^{re.escape(label)}"))


def take(page: Page, action: str) -> None:
    page.get_by_role("link", name=action, exact=True).click()
    page.get_by_role("button", name=f"确认{action}").click()


def test_a_clerk_registers_a_supervisor_and_records_the_departure(page: Page, live_server, sign_in, clerk,
                                                                 market_unit) -> None:
    sign_in("clerk")
    page.get_by_role("link", name="法治队伍台账", exact=True).click()
    page.get_by_role("link", name="新增").click()
    field(page, "聘任/任职单位").select_option(label="市场监督管理局")
    field(page, "年度").fill("2024")
    field(page, "类别").select_option(label="执法监督员")
    field(page, "姓名/团队名称").fill("胡德顺")
    field(page, "联系电话").fill("13907360126")
    field(page, "聘任/任职日期").fill("2024-03-01")
    page.get_by_role("button", name="保存").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("执法监督员（第")
    expect(page.get_by_role("heading", level=1)).not_to_contain_text("胡德顺")
    expect(page.locator("#record-state")).to_have_text("在册")
    expect(page.get_by_text("13907360126")).to_be_visible()

    take(page, "办理离任")
    expect(page.get_by_role("alert")).to_contain_text("请先在编辑页填写离任（解聘）日期")
    expect(page.locator("#record-state")).to_have_text("在册")

    page.get_by_role("link", name="编辑").click()
    field(page, "离任（解聘）日期").fill("2024-12-31")
    page.get_by_role("button", name="保存").click()
    take(page, "办理离任")
    expect(page.get_by_role("alert")).to_contain_text("已办理离任")
    expect(page.locator("#record-state")).to_have_text("已离任")
    expect(page.get_by_role("link", name="办理离任", exact=True)).to_have_count(0)

    page.get_by_role("link", name="法治队伍台账").first.click()
    expect(page.get_by_role("cell", name="胡德顺")).to_be_visible()
    expect(page.get_by_role("cell", name="已离任")).to_be_visible()
