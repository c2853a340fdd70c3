"""Issue 7's walk: a citizen registers on the portal, files a disclosure request, sees it in
我的办件 with its statutory reply date, the clerk of the responsible unit answers it in the
ledger, and the reply arrives in the citizen's account."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from fazhi.streams.disclosure import services
from fazhi.streams.disclosure.models import DisclosureRequest
from tests.browser.test_disclosure_flow import label, step
from tests.streams.disclosure.conftest import ID

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = "13977776666"
PASSWORD = "Gongkai#2026"


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="退出").first.click()
    expect(page.get_by_role("button", name="登录", exact=True)).to_be_visible()


def test_a_registered_citizens_request_is_answered_by_the_clerk(page: Page, live_server, sign_in, clerk,
                                                                market_unit) -> None:
    page.goto(f"{live_server.url}/gk/")
    page.get_by_role("link", name="立即注册").click()
    page.get_by_label("注册类型").select_option(label="个人")
    page.get_by_label(label("手机号码或电子邮箱")).fill(PHONE)
    page.get_by_label(label("姓名 / 企业名称")).fill("李公开")
    page.get_by_label(re.compile("^密码")).fill(PASSWORD)
    page.get_by_label(label("确认密码")).fill(PASSWORD)
    page.get_by_role("button", name="注册").click()
    expect(page.get_by_text("注册成功，欢迎使用。")).to_be_visible()

    page.goto(f"{live_server.url}/gk/")
    page.get_by_role("link", name=re.compile("申请政府信息公开")).click()
    page.get_by_label(label("申请向哪个机关公开")).select_option(label="市场监督管理局")
    page.get_by_label(label("申请人姓名或名称")).fill("李公开")
    page.get_by_label(label("公民身份号码")).fill(ID)
    page.get_by_label(label("联系电话")).fill(PHONE)
    page.get_by_label(label("所需政府信息")).fill("2025年度农贸市场食品抽检结果")
    page.get_by_role("button", name="提交申请").click()
    expect(page.get_by_role("alert")).to_contain_text("已收到您的申请")

    request = DisclosureRequest.objects.get(information="2025年度农贸市场食品抽检结果")
    assert request.unit == market_unit and request.created_by.username  # filed by the new account
    due = services.reply_due(request)
    assert due is not None and due.due > timezone.localdate()
    page.get_by_role("link", name="我的办件").first.click()
    row = page.get_by_role("row", name=re.compile(request.request_no))
    expect(row).to_contain_text("依申请公开")
    expect(row).to_contain_text("已收到")
    expect(row).to_contain_text(f"{due.due.year}年{due.due.month}月{due.due.day}日")  # the reply date, 20 working days on
    sign_out(page)

    # The clerk of 市场监管局 finds the request in the ledger and answers it.
    sign_in("clerk")
    page.goto(f"{live_server.url}/s/disclosure/?q=农贸市场")
    row = page.get_by_role("row", name=re.compile(request.request_no))
    expect(row).to_contain_text("已收到")
    row.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("已收到")
    for button in ("登记", "受理审查", "提交保密审查"):
        step(page, button)
    today = timezone.localdate().isoformat()
    page.get_by_role("link", name="编辑", exact=True).click()
    page.get_by_label(label("答复类型")).select_option(label="予以公开")
    page.get_by_label(label("答复日期")).fill(today)
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("已保存。")).to_be_visible()
    step(page, "答复")
    sign_out(page)

    # The reply arrives in the citizen's account.
    sign_in(PHONE, PASSWORD)
    messages = page.locator("#my-messages")
    expect(messages).to_contain_text(f"您的政府信息公开申请 {request.request_no} 已答复")
    expect(messages).to_contain_text("1 条新消息")
    row = page.get_by_role("row", name=re.compile(request.request_no))
    expect(row).to_contain_text("已答复")
    messages.get_by_role("link", name=re.compile("已答复")).click()
    expect(page.locator("#public-status")).to_have_text("已答复")
    expect(page.get_by_text("予以公开")).to_be_visible()
    page.get_by_role("link", name="我的办件").first.click()
    expect(page.locator("#my-messages")).not_to_contain_text("条新消息")  # read once seen
