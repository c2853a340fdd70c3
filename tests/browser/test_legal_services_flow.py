"""Public legal services in Debian's chromium: a village legal adviser logs consultations on a
phone (390×844) through the quick-entry page, and the 司法局 walks a legal-aid application from
registration to 已结案."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from fazhi.core.identifiers import id_check_char
from fazhi.core.ledger import record_create
from fazhi.core.models import Unit
from fazhi.core.roles import Role
from fazhi.streams.legal_services.models import AdvisorAppointment, Consultation
from tests.conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def field(page: Page, label: str):
    return page.get_by_label(re.compile(rf"^{re.escape(label)}"))


def no_horizontal_scroll(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_village_adviser_logs_two_consultations_on_a_phone(page: Page, live_server, sign_in, coordinator,
                                                              justice_unit) -> None:
    yucai = Unit.objects.get(code="430771004001")
    make_user("advisor", yucai, Role.LEGAL_ADVISOR)
    record_create(AdvisorAppointment, by=coordinator, unit=justice_unit, year=2024, village=yucai,
                  advisor_name="刘建华", law_firm="湖南洞庭湖律师事务所", contract_start=date(2024, 1, 1))
    page.set_viewport_size(PHONE)
    sign_in("advisor")
    page.goto(f"{live_server.url}/s/legal_services/quick/")
    expect(page.get_by_role("heading", level=1)).to_have_text("快速登记咨询")
    expect(page.get_by_text("育才社区")).to_be_visible()
    expect(field(page, "日期")).to_have_value(f"{timezone.localdate():%Y-%m-%d}")
    assert no_horizontal_scroll(page)
    submit = page.get_by_role("button", name="登记", exact=True)
    box = submit.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] and box["height"] >= 44
    assert box["y"] + box["height"] <= PHONE["height"]  # the whole form on one screen, no scrolling
    for label in page.locator("label.btn").all():  # category buttons: big enough for a thumb
        assert label.bounding_box()["height"] >= 44

    page.get_by_text("土地承包流转", exact=True).click()
    field(page, "问题摘要").fill("土地流转合同到期后能否收回")
    submit.click()
    expect(page.get_by_role("alert")).to_have_text("已登记")
    expect(page.locator("#logged-today")).to_have_text("1")
    expect(field(page, "问题摘要")).to_have_value("")
    assert no_horizontal_scroll(page)

    page.get_by_text("劳动用工工资", exact=True).click()
    field(page, "问题摘要").fill("工地拖欠工资如何追讨")
    field(page, "处理方式").select_option(label="转法律援助")
    page.get_by_role("button", name="登记", exact=True).click()
    expect(page.locator("#logged-today")).to_have_text("2")

    rows = list(Consultation.objects.order_by("id").values_list("unit__name", "advisor", "category", "state"))
    assert rows == [("育才社区", "刘建华", "land", "closed"), ("育才社区", "刘建华", "labour", "logged")]


def take(page: Page, action: str) -> None:
    page.get_by_role("link", name=action, exact=True).click()
    page.get_by_role("button", name=f"确认{action}").click()
    expect(page.get_by_role("alert")).to_contain_text(f"已{action}")


def edit(page: Page, **values: str) -> None:
    page.get_by_role("link", name="编辑", exact=True).click()
    for label, value in values.items():
        field(page, label).fill(value)
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("alert")).to_contain_text("已保存")


def test_the_justice_bureau_walks_a_legal_aid_application_to_closure(page: Page, live_server, sign_in,
                                                                      coordinator, justice_unit) -> None:
    first17 = "43077119800101001"
    sign_in("coordinator")
    page.get_by_role("link", name="法律援助申请", exact=True).click()
    page.get_by_role("link", name="新增").click()
    field(page, "受理机构").select_option(label="司法局（依法治区办）")
    field(page, "年度").fill("2024")
    field(page, "申请编号").fill("XDT-FY-2024-501")
    field(page, "申请日期").fill("2024-09-27")
    field(page, "申请人姓名").fill("王秀英")
    field(page, "公民身份号码").fill(first17 + id_check_char(first17))
    field(page, "案件类型").select_option(label="民事")
    field(page, "申请事项").fill("追索劳动报酬")
    page.get_by_role("button", name="保存").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("XDT-FY-2024-501")
    expect(page.locator("#record-state")).to_have_text("已申请")
    decision = page.locator("div.mb-2", has_text="作出是否给予法律援助的决定")
    expect(decision).to_contain_text("2024年10月8日")  # 7 days, rolled past National Day

    take(page, "受理")
    page.get_by_role("link", name="准予援助", exact=True).click()
    page.get_by_role("button", name="确认准予援助").click()
    expect(page.get_by_role("alert")).to_contain_text("请先在编辑页填写决定日期")

    edit(page, 决定日期="2024-09-30")
    take(page, "准予援助")
    expect(page.locator("#record-state")).to_have_text("准予援助")
    edit(page, 指派日期="2024-10-08", 法律援助人员="胡志明", 所在律师事务所="湖南金凤律师事务所")
    take(page, "指派")
    edit(page, 结案日期="2024-12-20", 结案情况="调解结案，追回工资3万元")
    take(page, "结案")
    expect(page.locator("#record-state")).to_have_text("已结案")
    expect(page.locator("div.mb-2", has_text="指派法律援助人员")).to_contain_text("已按期完成")
    expect(page.get_by_role("link", name="结案", exact=True)).to_have_count(0)
