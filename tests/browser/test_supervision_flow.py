"""The 依法治区办 coordinator plans a 督察 of 市场监管局, records it done with a finding that
becomes a 整改 task; the task is overdue and reminded; the unit's clerk reports with a PDF;
the coordinator closes it (chromium)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from fazhi.core.models import Notification
from fazhi.core.notifications import remind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def field(page: Page, label: str):
    return page.get_by_label(re.compile(rf"^{re.escape(label)}"))


def take(page: Page, action: str) -> None:
    page.get_by_role("link", name=action, exact=True).click()
    page.get_by_role("button", name=f"确认{action}").click()


def test_a_finding_becomes_an_overdue_rectification_reported_and_closed(page: Page, live_server, sign_in,
                                                                        coordinator, clerk, market_unit,
                                                                        tmp_path, settings) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    sign_in("coordinator")
    page.get_by_role("link", name="法治督察", exact=True).click()
    page.get_by_role("link", name="新增").click()
    field(page, "组织单位").select_option(label="司法局（依法治区办）")
    field(page, "年度").fill("2024")
    field(page, "督察对象").select_option(label="市场监督管理局")
    field(page, "计划督察日期").fill("2024-05-16")
    field(page, "督察组成员").fill("李法治、周督察")
    field(page, "督察事项").fill("行政执法“三项制度”落实情况")
    page.get_by_role("button", name="保存").click()
    expect(page.locator("#record-state")).to_have_text("计划中")

    take(page, "确认已督察")
    expect(page.get_by_role("alert").filter(has_text="请先编辑督察记录")).to_be_visible()
    page.get_by_role("link", name="编辑", exact=True).click()
    field(page, "实际督察日期").fill("2024-05-16")
    field(page, "督察情况").fill("查阅执法案卷20卷。")
    page.get_by_role("button", name="保存").click()
    take(page, "确认已督察")
    expect(page.locator("#record-state")).to_have_text("已督察")

    field(page, "问题描述").fill("行政处罚决定公示超过规定时限")
    field(page, "问题类别").select_option(label="行政执法")
    page.get_by_role("button", name="登记问题并下达整改").click()
    expect(page.get_by_role("alert").filter(has_text="已登记问题，并向市场监督管理局下达整改任务")).to_be_visible()
    page.locator("#visit-findings").get_by_role("link", name="待整改").click()
    expect(page.get_by_text("已超期")).to_be_visible()

    remind()
    assert Notification.objects.filter(user=clerk, title__startswith="已超期：督察整改期限").exists()

    page.get_by_role("button", name="退出").click()
    sign_in("clerk")
    page.get_by_role("link", name="督察整改任务", exact=True).click()
    page.get_by_role("link", name="查看").first.click()
    field(page, "整改情况").fill("已补充公示3件，并建立公示台账。")
    evidence = tmp_path / "整改报告.pdf"
    evidence.write_bytes(b"%PDF-1.7\n%%EOF\n")
    field(page, "整改佐证材料").set_input_files(str(evidence))
    page.get_by_role("button", name="报告整改情况").click()
    expect(page.get_by_role("alert").filter(has_text="已报告整改情况")).to_be_visible()
    expect(page.locator("#record-state")).to_have_text("已报告整改")
    expect(page.get_by_text("逾期完成")).to_be_visible()

    page.get_by_role("button", name="退出").click()
    sign_in("coordinator")
    page.get_by_role("link", name="督察整改任务", exact=True).click()
    page.get_by_role("link", name="查看").first.click()
    take(page, "审核销号")
    expect(page.locator("#record-state")).to_have_text("已销号")
