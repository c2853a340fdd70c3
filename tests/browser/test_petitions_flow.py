"""A 市场监管局 clerk registers a petition on the real form and walks it to 已办结 in chromium."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def field(page: Page, label: str):
    return page.get_by_label(re.compile(rf"^{re.escape(label)}"))


def take(page: Page, action: str) -> None:
    """Click a transition button on the record page, then confirm on the confirmation page."""
    page.get_by_role("link", name=action, exact=True).click()
    page.get_by_role("button", name=f"确认{action}").click()
    expect(page.get_by_role("alert")).to_contain_text(f"已{action}")


def test_a_clerk_registers_a_petition_and_walks_it_to_closure(page: Page, live_server, sign_in, clerk,
                                                               market_unit) -> None:
    sign_in("clerk")
    page.get_by_role("link", name="信访件台账", exact=True).click()
    page.get_by_role("link", name="新增").click()
    field(page, "承办单位").select_option(label="市场监督管理局")
    field(page, "年度").fill("2026")
    field(page, "登记编号").fill("XF-2026-0501")
    field(page, "信访形式").select_option(label="来访")
    field(page, "登记日期").fill("2026-03-02")
    field(page, "信访人姓名").fill("周德明")
    field(page, "信访事项类别").select_option(label="申诉求决类")
    field(page, "反映问题").fill("预付卡退费")
    field(page, "受理告知日期").fill("2026-03-06")
    page.get_by_role("button", name="保存").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("XF-2026-0501 预付卡退费")
    expect(page.locator("#record-state")).to_have_text("已登记")
    expect(page.get_by_text("登记后转送交办或告知")).to_be_visible()

    take(page, "受理")
    expect(page.locator("#record-state")).to_have_text("已受理办理中")

    page.get_by_role("link", name="编辑").click()
    field(page, "处理意见").select_option(label="支持")
    field(page, "办理结果").fill("责令商家退还预付款")
    field(page, "书面答复日期").fill("2026-04-10")
    field(page, "满意度评价").select_option(label="满意")
    page.get_by_role("button", name="保存").click()

    take(page, "出具处理意见")
    expect(page.locator("#record-state")).to_have_text("已答复")
    take(page, "办结")
    expect(page.locator("#record-state")).to_have_text("已办结")
    expect(page.get_by_role("link", name="办结", exact=True)).to_have_count(0)
