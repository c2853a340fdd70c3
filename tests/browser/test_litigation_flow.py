"""A 市场监管局 clerk registers an administrative lawsuit through the real form and walks it to
closure in Debian's chromium: answer, judgment, effect, the 应诉备案/通报/核对 steps, 办结."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from fazhi.streams.litigation.models import LitigationCase

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def click_transition(page: Page, label: str) -> None:
    page.get_by_role("link", name=label, exact=True).click()
    page.get_by_role("button", name=f"确认{label}").click()
    expect(page.get_by_role("alert").filter(has_text=f"已{label}")).to_be_visible()


def edit(page: Page, **values: str) -> None:
    page.get_by_role("link", name="编辑", exact=True).click()
    for field, value in values.items():
        locator = page.locator(f"#id_{field}")
        if locator.evaluate("e => e.tagName") == "SELECT":
            locator.select_option(label=value)
        else:
            locator.fill(value)
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("alert").filter(has_text="已保存")).to_be_visible()


def test_a_clerk_registers_a_lawsuit_and_walks_it_to_closure(page: Page, live_server, sign_in, clerk,
                                                             market_unit) -> None:
    sign_in("clerk")
    page.goto(f"{live_server.url}/s/litigation/")
    expect(page.get_by_role("heading", name="行政应诉案件台账")).to_be_visible()
    page.get_by_role("link", name="新增").click()
    page.locator("#id_unit").select_option(label="市场监督管理局")
    page.locator("#id_year").fill("2024")
    page.locator("#id_case_number").fill("（2024）湘0771行初7号")
    page.locator("#id_court").fill("西洞庭管理区人民法院")
    page.locator("#id_cause").fill("不服食品安全行政处罚决定")
    page.locator("#id_plaintiff_name").fill("张三丰")
    page.locator("#id_served_on").fill("2024-01-30")
    page.get_by_role("button", name="保存").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("（2024）湘0771行初7号")
    expect(page.get_by_role("heading", level=1)).to_contain_text("已收案（答辩举证中）")
    # Day 15 falls in the 2024 Spring Festival break: rolled to the make-up working Sunday.
    expect(page.locator(".fz-card").filter(has_text="法定期限")).to_contain_text("答辩及举证期限：2024年2月18日")

    page.get_by_role("link", name="提交答辩", exact=True).click()
    page.get_by_role("button", name="确认提交答辩").click()
    expect(page.get_by_role("alert").filter(has_text="请先填写提交答辩状及证据日期")).to_be_visible()

    edit(page, answer_submitted_on="2024-02-08")
    click_transition(page, "提交答辩")
    edit(page, judgment_form="判决", judgment_date="2024-04-10", judgment_served_on="2024-04-12",
         outcome="驳回原告诉讼请求", effective_on="2024-04-29")
    click_transition(page, "登记裁判结果")
    click_transition(page, "确认裁判生效")

    page.get_by_role("link", name="办结", exact=True).click()
    page.get_by_role("button", name="确认办结").click()
    expect(page.get_by_role("alert").filter(has_text="请先完成以下应诉工作步骤")).to_be_visible()
    for step, day in (("应诉备案", "2024-01-31"), ("通报", "2024-02-02"), ("核对", "2024-04-30")):
        page.locator("#id_step_step").select_option(step)
        page.locator("#id_step_done_on").fill(day)
        page.locator("#id_step_handler").fill("王经办")
        page.get_by_role("button", name="登记步骤").click()
        expect(page.get_by_role("alert").filter(has_text=f"已登记“{step}”")).to_be_visible()
    expect(page.get_by_text("核对：2024-04-30，王经办")).to_be_visible()

    click_transition(page, "办结")
    expect(page.get_by_role("heading", level=1)).to_contain_text("已办结")
    expect(page.get_by_role("link", name="办结", exact=True)).to_have_count(0)
    assert LitigationCase.objects.get().state == "closed"
    assert re.search(r"/s/litigation/\d+/$", page.url)
