"""A 市场监管局 clerk registers a penalty decision on the real form, publishes it within the
7-working-day period and withdraws the publication after the decision is revoked."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from fazhi.core.identifiers import uscc_check_char

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CODE = "91430771MA4L00002" + uscc_check_char("91430771MA4L00002")


def field(page: Page, label: str):
    return page.get_by_label(re.compile(rf"^{re.escape(label)}"))


def take(page: Page, action: str) -> None:
    page.get_by_role("link", name=action, exact=True).click()
    page.get_by_role("button", name=f"确认{action}").click()
    expect(page.get_by_role("alert")).to_contain_text(f"已{action}")


def test_a_clerk_publishes_a_penalty_decision_and_withdraws_it_after_revocation(page: Page, live_server,
                                                                                sign_in, clerk, market_unit) -> None:
    page.set_default_timeout(90_000)  # the shared test machine can be slow
    page.set_default_navigation_timeout(90_000)
    sign_in("clerk")
    page.get_by_role("link", name="执法决定公示", exact=True).click()
    page.get_by_role("link", name="新增").click()
    field(page, "执法单位").select_option(label="市场监督管理局")
    field(page, "年度").fill("2026")
    field(page, "决定书文号").fill("西市监罚〔2026〕15号")
    field(page, "决定类别").select_option(label="行政处罚")
    field(page, "当事人类型").select_option(label="法人")
    field(page, "当事人名称").fill("西湖米业有限公司")
    field(page, "统一社会信用代码").fill(CODE)
    field(page, "案由/事项").fill("销售超过保质期的食品")
    field(page, "决定日期").fill("2026-11-02")
    page.get_by_role("button", name="保存").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("西市监罚〔2026〕15号")
    expect(page.locator("#record-state")).to_have_text("已作出")
    expect(page.get_by_text("执法决定公示期限")).to_be_visible()

    page.get_by_role("link", name="登记公示", exact=True).click()
    page.get_by_role("button", name="确认登记公示").click()
    expect(page.get_by_role("alert")).to_contain_text("请先在编辑页填写公示日期和公示渠道")

    page.get_by_role("link", name="编辑").click()
    field(page, "公示日期").fill("2026-11-05")
    field(page, "公示渠道").fill("政府门户网站执法公示专栏")
    page.get_by_role("button", name="保存").click()
    take(page, "登记公示")
    expect(page.locator("#record-state")).to_have_text("已公示")
    expect(page.get_by_text("已按期完成")).to_be_visible()

    page.get_by_role("link", name="编辑").click()
    field(page, "决定变更或撤销日期").fill("2026-11-20")
    field(page, "撤回公示日期").fill("2026-11-23")
    field(page, "撤回理由").fill("该处罚决定经行政复议被撤销")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("撤回公示期限")).to_be_visible()
    take(page, "撤回公示")
    expect(page.locator("#record-state")).to_have_text("已撤回公示")
    expect(page.get_by_role("link", name="撤回公示", exact=True)).to_have_count(0)
