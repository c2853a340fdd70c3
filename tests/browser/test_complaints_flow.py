"""A problem report walked through the real pages in Debian's chromium: the 司法局 registers
a phone report and routes it to the 市场监管局, whose clerk handles, answers and closes it."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from fazhi.core.roles import Role
from tests.conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def take(page: Page, label: str) -> None:
    page.get_by_role("link", name=label, exact=True).click()
    page.get_by_role("button", name=f"确认{label}").click()
    expect(page.get_by_role("alert").filter(has_text=f"已{label}")).to_be_visible()


def test_a_report_is_routed_answered_and_closed(page: Page, live_server, sign_in, clerk, justice_unit,
                                                market_unit) -> None:
    make_user("justice_clerk", justice_unit, Role.CLERK)
    today = timezone.localdate()
    sign_in("justice_clerk")
    page.get_by_role("link", name="问题举报台账").first.click()
    page.get_by_role("link", name="新增").click()
    page.locator("#id_unit").select_option(label="司法局（依法治区办）")
    page.locator("#id_channel").select_option(label="举报电话")
    page.locator("#id_received_on").fill(today.isoformat())
    page.locator("#id_reporter_name").fill("张建国")
    page.locator("#id_reporter_phone").fill("13973601234")
    page.locator("#id_category").select_option(label="营商环境")
    page.locator("#id_subject").fill("涉企检查过多过频")
    page.locator("#id_content").fill("某部门一个月内三次到企业检查。")
    page.get_by_role("button", name="保存").click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text(f"JB{today.year}-0001")
    expect(heading).to_contain_text("已登记")
    expect(page.get_by_text("答复期限")).to_be_visible()

    page.get_by_role("link", name="转办", exact=True).click()
    page.locator("#id_unit").select_option(label="市场监督管理局")
    page.get_by_role("button", name="确认转办").click()
    expect(page.get_by_role("alert").filter(has_text="已转办至市场监督管理局")).to_be_visible()

    page.get_by_role("button", name="退出").click()
    sign_in("clerk")
    page.get_by_role("link", name="问题举报台账").first.click()
    page.get_by_role("link", name="查看").first.click()
    expect(heading).to_contain_text("已转办")
    take(page, "开始办理")
    page.get_by_role("link", name="编辑", exact=True).click()
    page.locator("#id_findings").fill("经核实，反映问题属实。")
    page.locator("#id_finding").select_option(label="属实")
    page.locator("#id_reply").fill("已责令合并检查事项，并向举报人反馈。")
    page.locator("#id_replied_on").fill(today.isoformat())
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("alert").filter(has_text="已保存")).to_be_visible()
    take(page, "答复举报人")
    take(page, "办结")
    expect(heading).to_contain_text("已办结")
    expect(page.get_by_text("已按期完成")).to_be_visible()
