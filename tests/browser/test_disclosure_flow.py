"""A clerk registers a request for government information through the real form and walks it
to the archive by clicking the transition buttons, in Debian's chromium."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from fazhi.core.identifiers import id_check_char

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST17 = "43077119850312001"


def label(text: str) -> re.Pattern:
    return re.compile(rf"^{re.escape(text)}")


def step(page: Page, button: str) -> None:
    """Click a transition button on the record page and confirm it."""
    page.get_by_role("link", name=button, exact=True).click()
    page.get_by_role("button", name=f"确认{button}").click()
    expect(page.get_by_text(f"已{button}。")).to_be_visible()


def test_a_clerk_registers_a_request_and_walks_it_to_the_archive(page: Page, sign_in, live_server, clerk,
                                                                   market_unit) -> None:
    today = timezone.localdate().isoformat()
    sign_in("clerk")
    page.goto(f"{live_server.url}/s/disclosure/new/")
    page.get_by_label(label("承办单位")).select_option(label="市场监督管理局")
    page.get_by_label(label("申请编号")).fill("市场监管依申-浏览器-1")
    page.get_by_label(label("提交方式")).select_option(label="当面提交")
    page.get_by_label(label("提交日期")).fill(today)
    page.get_by_label(label("申请人类型")).select_option(label="自然人")
    page.get_by_label(label("申请人姓名或名称")).fill("张三丰")
    page.get_by_label(label("公民身份号码")).fill(FIRST17 + id_check_char(FIRST17))
    page.get_by_label(label("联系电话")).fill("13912345678")
    page.get_by_label(label("所需政府信息的名称、文号或描述")).fill("2025年度食品安全抽检结果")
    page.get_by_role("button", name="保存").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("已收到")
    expect(page.get_by_text("答复期限", exact=True)).to_be_visible()
    for button in ("登记", "受理审查", "提交保密审查"):
        step(page, button)

    page.get_by_role("link", name="编辑", exact=True).click()
    page.get_by_label(label("答复类型")).select_option(label="予以公开")
    page.get_by_label(label("答复日期")).fill(today)
    page.get_by_label(label("送达日期")).fill(today)
    page.get_by_label(label("归档号")).fill("GK-浏览器-1")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("已保存。")).to_be_visible()

    for button in ("答复", "登记送达", "归档"):
        step(page, button)
    expect(page.get_by_role("heading", level=1)).to_contain_text("已归档")
    expect(page.get_by_role("link", name="答复", exact=True)).to_have_count(0)
