"""A citizen signs in on the portal, files a disclosure request and finds it in 我的办件."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.streams.disclosure.conftest import ID

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_citizen_files_a_request_and_follows_it(page: Page, live_server, sign_in, citizen,
                                                  market_unit) -> None:
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("link", name="账号登录")).to_be_visible()
    sign_in("13800138000")
    page.get_by_role("link", name=re.compile("我的办件")).first.click()
    page.goto(f"{live_server.url}/gk/")
    page.get_by_role("link", name=re.compile("申请政府信息公开")).click()
    page.get_by_label(re.compile("^申请向哪个机关公开")).select_option(label="市场监督管理局")
    page.get_by_label(re.compile("^申请人姓名或名称")).fill("张三")
    page.get_by_label(re.compile("^公民身份号码")).fill(ID)
    page.get_by_label(re.compile("^联系电话")).fill("13800138000")
    page.get_by_label(re.compile("^所需政府信息")).fill("2025年度食品安全抽检结果")
    page.get_by_role("button", name="提交申请").click()

    expect(page.get_by_role("alert")).to_contain_text("已收到您的申请")
    expect(page.locator("#public-status")).to_have_text("已收到")
    page.get_by_role("link", name="我的办件").first.click()
    expect(page.get_by_role("table")).to_contain_text("依申请公开")
    expect(page.get_by_role("table")).to_contain_text("2025年度食品安全抽检结果")
