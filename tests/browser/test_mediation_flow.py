"""A mediation case from registration to closing, clicked through in Debian's chromium."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from fazhi.core.ledger import record_create
from fazhi.streams.mediation.models import MediationCase, MediationCommittee

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def take_step(page: Page, label: str) -> None:
    """Click the step's button on the case page, then confirm it on the confirmation page."""
    page.get_by_role("link", name=label, exact=True).click()
    expect(page.get_by_role("heading", name="请确认")).to_be_visible()
    page.get_by_role("button", name=f"确认{label}").click()
    expect(page.get_by_role("alert")).to_contain_text(f"已{label}")


def edit(page: Page, **dates_and_choices: str) -> None:
    page.get_by_role("link", name="编辑", exact=True).click()
    for label, value in dates_and_choices.items():
        field = page.get_by_label(re.compile(f"^{label}"))
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(label=value)
        else:
            field.fill(value)
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("alert")).to_contain_text("已保存")


def test_a_clerk_registers_a_dispute_and_walks_it_to_closing(page: Page, live_server, sign_in, clerk,
                                                              market_unit) -> None:
    record_create(MediationCommittee, by=clerk, unit=market_unit, year=2026, name="消费纠纷人民调解委员会",
                  kind="sector", members=5)
    sign_in("clerk")
    page.goto(f"{live_server.url}/s/mediation/")
    expect(page.get_by_role("heading", name="调解案件台账")).to_be_visible()
    page.get_by_role("link", name="新增").click()

    page.get_by_label(re.compile("^承办单位")).select_option(label="市场监督管理局")
    page.get_by_label(re.compile("^登记编号")).fill("（2026）市监调字第015号")
    page.get_by_label(re.compile("^调解员")).fill("孙调解")
    page.get_by_label(re.compile("^纠纷类型")).select_option(label="消费纠纷")
    page.get_by_label(re.compile("^受理日期")).fill("2026-11-02")
    page.get_by_label(re.compile(r"^当事人（申请人）姓名")).fill("王小明")
    page.get_by_label(re.compile(r"^当事人（申请人）联系电话")).fill("13912345678")
    page.get_by_role("button", name="保存").click()

    expect(page.get_by_role("alert")).to_contain_text("已登记")
    expect(page.get_by_role("heading", level=1)).to_contain_text("已受理")
    deadlines = page.locator(".fz-card", has=page.get_by_role("heading", name="法定期限"))
    expect(deadlines).to_contain_text("调解期限（一般一个月内调结）：2026年12月2日")

    take_step(page, "开始调解")
    page.get_by_role("link", name="达成协议", exact=True).click()
    page.get_by_role("button", name="确认达成协议").click()
    expect(page.get_by_role("alert")).to_contain_text("请先填写协议形式")

    edit(page, 调结日期="2026-11-20", 协议形式="口头协议")
    take_step(page, "达成协议")
    expect(page.get_by_role("heading", level=1)).to_contain_text("达成协议")

    edit(page, 回访日期="2026-11-24", 履行情况="已履行")
    take_step(page, "登记回访")
    take_step(page, "结案")

    expect(page.get_by_role("heading", level=1)).to_contain_text("已结案")
    case = MediationCase.objects.get()
    assert (case.state, case.result, case.over_term) == ("closed", "success", False)
