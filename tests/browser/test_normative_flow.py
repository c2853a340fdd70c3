"""A legality review walked through the real pages in Debian's chromium: the clerk registers
and prepares it, the unit head signs the opinion and the review is closed."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def take(page: Page, label: str) -> None:
    """Click a transition button on the record page and confirm it."""
    page.get_by_role("link", name=label, exact=True).click()
    page.get_by_role("button", name=f"确认{label}").click()
    expect(page.get_by_role("alert").filter(has_text=f"已{label}")).to_be_visible()


def edit(page: Page, fill: dict[str, str], select: dict[str, str] | None = None) -> None:
    page.get_by_role("link", name="编辑", exact=True).click()
    for field, value in fill.items():
        page.locator(f"#id_{field}").fill(value)
    for field, label in (select or {}).items():
        page.locator(f"#id_{field}").select_option(label=label)
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("alert").filter(has_text="已保存")).to_be_visible()


def test_a_clerk_registers_a_review_and_it_is_walked_to_closure(page: Page, live_server, sign_in, clerk, head,
                                                                 market_unit) -> None:
    sign_in("clerk")
    page.get_by_role("link", name="法制审核台账").first.click()
    page.get_by_role("link", name="新增").click()
    page.locator("#id_unit").select_option(label="市场监督管理局")
    page.locator("#id_year").fill("2026")
    page.locator("#id_review_no").fill("西法审〔2026〕8号")
    page.locator("#id_kind").select_option(label="规范性文件")
    page.locator("#id_title").fill("关于印发《食品小作坊管理办法》的通知")
    page.locator("#id_contact_name").fill("张三丰")
    page.locator("#id_received_on").fill("2026-11-02")
    page.get_by_role("button", name="保存").click()

    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("已送审")
    expect(page.get_by_text("合法性审核期限")).to_be_visible()
    take(page, "接收并审查材料")
    edit(page, {"reviewer": "李法治（公职律师）"})
    take(page, "分派审核人")
    take(page, "开始审核")
    edit(page, {"opinion_text": "经审查，同意出台。", "opinion_on": "2026-11-13"}, {"opinion": "同意"})
    expect(page.get_by_role("link", name="出具审核意见", exact=True)).to_have_count(0)
    record_url = page.url

    page.get_by_role("button", name="退出").click()
    sign_in("head")
    page.goto(record_url)
    take(page, "出具审核意见")
    expect(heading).to_contain_text("已出具意见")
    edit(page, {}, {"adoption": "全部采纳"})
    take(page, "登记采纳情况")
    take(page, "办结")
    expect(heading).to_contain_text("已办结")
    expect(page.get_by_role("link", name=re.compile("^(接收|分派|开始|出具|登记|办结)"))).to_have_count(0)
