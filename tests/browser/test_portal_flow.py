"""A visitor on the public portal: finds a service item in the 政务服务事项 catalogue, files an
anonymous problem report, and looks it up with the tracking number and query code shown."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from fazhi.streams.services.models import ServiceItem
from tests.streams.services.conftest import new_item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_searches_services_reports_anonymously_and_looks_up(page: Page, live_server, clerk,
                                                                      market_unit) -> None:
    item = new_item(clerk, market_unit)
    new_item(clerk, market_unit, code="430771D03XK002", name="药品零售企业许可")
    ServiceItem.objects.update(state="published", published_on=item.created_at.date())

    page.goto(f"{live_server.url}/gk/")
    page.get_by_role("link", name=re.compile("^政务服务事项")).click()
    page.get_by_label("事项名称或编码").fill("食品")
    page.get_by_role("button", name="查询").click()
    table = page.locator("#service-items")
    expect(table).to_contain_text("食品经营许可（新办）")
    expect(table).to_contain_text("最多跑一次")
    expect(table).not_to_contain_text("药品零售企业许可")

    page.goto(f"{live_server.url}/gk/")
    page.get_by_role("link", name=re.compile("^问题举报")).click()
    page.get_by_role("link", name="我要举报").click()
    page.get_by_label(re.compile("^反映给哪个单位")).select_option(label="市场监督管理局")
    page.get_by_label(re.compile("^问题类别")).select_option(label="执法问题")
    page.get_by_label(re.compile("^反映问题")).fill("执法人员不出示证件")
    page.get_by_label(re.compile("^举报内容")).fill("在某路口检查时未出示执法证件。")
    page.get_by_label("匿名举报（不登记姓名）").check()
    page.get_by_role("button", name="提交举报").click()

    expect(page.locator("#code-warning")).to_contain_text("查询码只显示这一次")
    number = page.locator("#tracking-no").inner_text().strip()
    code = page.locator("#query-code").inner_text().strip()
    assert re.fullmatch(r"JB\d{4}-\d{4}", number) and len(code) == 8

    page.get_by_role("link", name="查询办理结果").click()
    page.get_by_label(re.compile("^查询码")).fill("WRONG234")
    page.get_by_label(re.compile("^受理编号")).fill(number)
    page.get_by_role("button", name="查询").click()
    expect(page.get_by_role("alert")).to_contain_text("受理编号或查询码不正确")
    page.get_by_label(re.compile("^查询码")).fill(code)
    page.get_by_role("button", name="查询").click()
    expect(page.locator("#complaint-stage")).to_have_text("已受理，正在分办")
    expect(page.locator("#complaint-status")).to_contain_text("匿名")
