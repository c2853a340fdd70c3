"""A 市场监管局 clerk plans a study session, records it as held and files the minutes; the
head closes it. The guards speak Chinese when a step comes too early."""

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


def test_a_study_session_goes_from_plan_to_closure(page: Page, live_server, sign_in, clerk, head,
                                                   market_unit) -> None:
    sign_in("clerk")
    page.get_by_role("link", name="学习研究台账", exact=True).click()
    page.get_by_role("link", name="新增").click()
    field(page, "承办单位").select_option(label="市场监督管理局")
    field(page, "年度").fill("2026")
    field(page, "类型").select_option(label="专题研究法治工作")
    field(page, "议题/主题").fill("研究行政执法公示制度落实")
    page.get_by_role("button", name="保存").click()
    expect(page.locator("#record-state")).to_have_text("计划")

    take(page, "登记召开")
    expect(page.get_by_role("alert")).to_contain_text("请先填写召开日期")
    page.get_by_role("link", name="编辑").click()
    field(page, "召开日期").fill("2026-03-12")
    field(page, "纪要要点").fill("明确公示时限和责任人。")
    page.get_by_role("button", name="保存").click()
    take(page, "登记召开")
    expect(page.locator("#record-state")).to_have_text("已召开")
    take(page, "纪要归档")
    expect(page.locator("#record-state")).to_have_text("纪要已归档")
    expect(page.get_by_role("link", name="办结", exact=True)).to_have_count(0)  # a clerk does not close

    url = page.url
    page.context.clear_cookies()
    sign_in("head")
    page.goto(url)
    take(page, "办结")
    expect(page.locator("#record-state")).to_have_text("已办结")
