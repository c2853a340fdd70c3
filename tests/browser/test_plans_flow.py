"""The 依法治区办 coordinator issues a plan, adds a task with a cooperating unit, supervises
it once it is late, reports it done, completes it and closes the plan (chromium)."""

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


def test_a_plan_task_is_added_supervised_completed_and_the_plan_closed(page: Page, live_server, sign_in,
                                                                      coordinator, market_unit) -> None:
    sign_in("coordinator")
    page.get_by_role("link", name="计划与专项行动", exact=True).click()
    page.get_by_role("link", name="新增").click()
    field(page, "印发单位").select_option(label="司法局（依法治区办）")
    field(page, "年度").fill("2024")
    field(page, "计划类型").select_option(label="年度工作计划")
    field(page, "计划名称").fill("2024年工作计划")
    field(page, "印发日期").fill("2024-01-26")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("2024年工作计划")
    expect(page.locator("#record-state")).to_have_text("实施中")

    page.get_by_role("link", name="新增任务").click()
    field(page, "牵头单位").select_option(label="司法局（依法治区办）")
    field(page, "序号").fill("（二）")
    field(page, "任务内容").fill("提升队伍素能，落实理论学习中心组学法制度")
    field(page, "协办单位").select_option(label=["市场监督管理局"])
    field(page, "完成时限").fill("2024-11-30")
    page.get_by_role("button", name="保存").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("任务（二）：提升队伍素能")
    expect(page.locator("#record-state")).to_have_text("未开始")
    expect(page.locator("#task-overdue")).to_have_text("已逾期")
    expect(page.get_by_text("市场监管局", exact=True)).to_be_visible()

    take(page, "确认完成")
    expect(page.get_by_role("alert")).to_contain_text("请先填报完成进度为100%的最终进展情况")

    field(page, "督办日期").fill("2024-12-05")
    field(page, "督办人/督办单位").fill("区依法治区办")
    field(page, "限期完成日期").fill("2024-12-31")
    page.get_by_role("button", name="督办", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("已督办，限2024-12-31前完成")
    expect(page.locator("#task-supervisions")).to_contain_text("区依法治区办 督办，限2024-12-31前完成")

    field(page, "填报日期").fill("2024-12-20")
    field(page, "完成进度（%）").fill("100")
    field(page, "进展情况").fill("中心组学法4次，业务培训3期")
    page.get_by_role("button", name="填报进展").click()
    expect(page.locator("#record-state")).to_have_text("推进中")
    expect(page.locator("#task-reports")).to_contain_text("中心组学法4次")

    take(page, "确认完成")
    expect(page.get_by_role("alert")).to_contain_text("已确认完成")
    expect(page.locator("#record-state")).to_have_text("已完成")
    expect(page.get_by_role("heading", level=1)).to_contain_text("逾期完成")

    page.get_by_role("link", name="查看所属计划").click()
    expect(page.locator("#plan-tasks")).to_contain_text("逾期完成")
    take(page, "完结计划")
    expect(page.locator("#record-state")).to_have_text("已完结")
