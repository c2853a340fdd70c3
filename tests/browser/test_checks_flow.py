"""涉企行政检查 through the real pages in Debian's chromium: the 市场监管局 clerk registers an
inspection and gets its 检查码; a business opens /gk/jc/<code>/ without signing in and sees it;
a wrong code is answered in Chinese."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import Page, expect

from fazhi.core.identifiers import uscc_check_char
from fazhi.streams.checks.models import BusinessInspection
from tests.browser.test_accessibility import AXE_OPTIONS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def serious_violations(page: Page) -> list[str]:
    found = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    return [f"{v['id']}: {v['help']}" for v in found if v["impact"] in ("serious", "critical")]


def test_a_registered_inspection_is_checked_anonymously_by_its_code(page: Page, live_server, sign_in, clerk,
                                                                     market_unit) -> None:
    today = timezone.localdate()
    planned = today + timedelta(days=1) if (today + timedelta(days=1)).year == today.year else today
    first17 = "91430700MA4T00001"
    sign_in("clerk")
    page.get_by_role("link", name="涉企行政检查").first.click()
    page.get_by_role("link", name="新增").click()
    page.locator("#id_unit").select_option(label="市场监督管理局")
    page.locator("#id_year").fill(str(planned.year))
    page.locator("#id_kind").select_option(label="专项检查")
    page.locator("#id_matter").fill("食品贮存和索证索票检查")
    page.locator("#id_basis").fill("《中华人民共和国食品安全法》第一百一十条")
    page.locator("#id_entity_name").fill("西洞庭鲜味餐饮有限公司")
    page.locator("#id_credit_code").fill(first17 + uscc_check_char(first17))
    page.locator("#id_planned_on").fill(planned.isoformat())
    page.locator("#id_inspectors").fill("周敏 43070003001 2099-06-30\n吴刚 43070003002 2099-06-30")
    page.get_by_role("button", name="保存").click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("待登记")

    page.get_by_role("link", name="登记并生成检查码").click()
    page.get_by_role("button", name="确认登记并生成检查码").click()
    expect(heading).to_contain_text("已登记")
    code = page.locator("#check-code").inner_text().strip()
    assert code == BusinessInspection.objects.get().check_code and len(code) == 10
    expect(page.get_by_role("img", name="检查码二维码")).to_be_visible()

    page.get_by_role("button", name="退出").click()
    page.goto(f"{live_server.url}/gk/")
    page.get_by_role("link", name="行政检查码核验").click()
    page.get_by_label("检查码").fill(code.lower())
    page.get_by_role("button", name="核验").click()
    expect(page).to_have_url(f"{live_server.url}/gk/jc/{code}/")
    expect(page.locator("#check-status")).to_contain_text("该检查已依法登记")
    expect(page.get_by_text("市场监督管理局").first).to_be_visible()
    expect(page.get_by_text("周敏（执法证号 43070003001）")).to_be_visible()
    assert serious_violations(page) == []

    page.goto(f"{live_server.url}/gk/jc/WRONGCODE2/")
    expect(page.locator("#check-status")).to_contain_text("未查询到该检查码")
    assert serious_violations(page) == []
