"""A service item walked through the real pages in Debian's chromium: the clerk registers it,
the unit head publishes it, a bad rating is registered, rectified and called back."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def take(page: Page, label: str) -> None:
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


def test_an_item_is_published_and_a_bad_rating_is_rectified_and_called_back(
        page: Page, live_server, sign_in, clerk, head, market_unit) -> None:
    today = timezone.localdate().isoformat()
    sign_in("clerk")
    page.get_by_role("link", name="政务服务事项清单").first.click()
    page.get_by_role("link", name="新增").click()
    page.locator("#id_unit").select_option(label="市场监督管理局")
    page.locator("#id_code").fill("430771D03XK001")
    page.locator("#id_name").fill("食品经营许可（新办）")
    page.locator("#id_item_type").select_option(label="行政许可")
    page.locator("#id_legal_limit_days").fill("20")
    page.locator("#id_promised_limit_days").fill("5")
    page.locator("#id_one_window").check()
    page.get_by_role("button", name="保存").click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("待公布")
    expect(page.get_by_role("link", name="公布", exact=True)).to_have_count(0)  # the head publishes
    item_url = page.url

    page.get_by_role("button", name="退出").click()
    sign_in("head")
    page.goto(item_url)
    take(page, "公布")
    expect(heading).to_contain_text("已公布")

    page.get_by_role("link", name="登记评价").click()
    page.locator("#id_unit").select_option(label="市场监督管理局")
    page.locator("#id_rating_no").fill("HCP-2026-000001")
    page.locator("#id_item_code").fill("430771D03XK001")
    page.locator("#id_rated_on").fill(today)
    page.locator("#id_level").select_option(label="不满意")
    page.locator("#id_channel").select_option(label="窗口评价器")
    page.locator("#id_rater_name").fill("张建国")
    page.locator("#id_comment").fill("等候时间过长")
    page.get_by_role("button", name="保存").click()
    expect(heading).to_contain_text("待整改")
    expect(page.get_by_text("差评整改反馈期限")).to_be_visible()
    edit(page, {"verification": "经核实属实", "rectification": "增设综合窗口", "rectified_on": today})
    take(page, "登记整改")
    edit(page, {"callback_on": today}, {"callback_result": "满意"})
    take(page, "登记回访")
    expect(heading).to_contain_text("已回访")
    page.goto(item_url)
    expect(page.get_by_text("好差评（共1条，其中差评1条）")).to_be_visible()
