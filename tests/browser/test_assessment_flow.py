"""法治建设考核 in the browser: last year's scheme is copied, the coordinator runs the scoring, the
市场监管局 clerk objects to an item of its own sheet, the coordinator upholds it, another
coordinator approves, and the ranking's .docx 通报 downloads."""

from __future__ import annotations

from decimal import Decimal

import pytest
from docx import Document
from playwright.sync_api import Page, expect

from fazhi.core.ledger import record_create
from fazhi.core.roles import Role
from fazhi.streams.assessment import services
from fazhi.streams.assessment.models import AssessmentScheme, ScoreSheet
from tests.conftest import make_user
from tests.streams.assessment.conftest import ITEMS, sessions

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def approver(justice_unit):
    return make_user("approver", justice_unit, Role.COORDINATOR)


def test_copy_score_object_decide_approve_and_download(page: Page, live_server, sign_in, coordinator,
                                                       approver, clerk, market_unit, transport_unit) -> None:
    last = record_create(AssessmentScheme, by=coordinator, unit=coordinator.memberships.get().unit, year=2022,
                         name="2022年度法治政府建设考核方案", issuer="区委依法治区办")
    for order, (key, fields) in enumerate(ITEMS.items()):
        services.item_save(last, by=coordinator, key=key, sort_order=order, **fields)
    sessions(clerk, market_unit, 2)
    page.on("dialog", lambda dialog: dialog.accept())

    sign_in("coordinator")
    page.goto(f"{live_server.url}/s/assessment/{last.pk}/")
    page.get_by_label("新方案年度").fill("2023")
    page.get_by_role("button", name="复制方案").click()
    expect(page.get_by_role("alert")).to_contain_text("已复制为“2023年度法治政府建设考核方案”")
    page.goto(f"{live_server.url}/s/assessment/{AssessmentScheme.objects.get(year=2023).pk}/")
    expect(page.locator("#scheme-items tbody tr")).to_have_count(2)
    page.get_by_role("button", name="运行考核评分").click()
    expect(page.get_by_role("alert")).to_contain_text("已完成考核评分")
    expect(page.locator("#record-state")).to_have_text("已评分")

    page.context.clear_cookies()
    sign_in("clerk")
    page.get_by_role("link", name="考核评分表", exact=True).click()
    expect(page.locator("table")).not_to_contain_text("交通运输局")
    page.get_by_role("link", name="查看").click()
    expect(page.locator("#sheet-scores")).to_contain_text("少于4")
    page.get_by_label("申辩的考核指标").select_option(label="[U] 学法不少于4次")
    page.get_by_label("申辩理由").fill("另有2次学法已报送纸质材料")
    page.get_by_role("button", name="提出申辩").click()
    expect(page.get_by_role("alert")).to_contain_text("已提出申辩")
    sheet_url = page.url

    page.context.clear_cookies()
    sign_in("coordinator")
    page.goto(sheet_url)
    form = page.locator(".decide-form")
    form.locator("select").select_option(label="申辩成立")
    form.locator("input[name='decide-decision']").fill("经核实另有2次学法")
    form.locator("input[name='decide-points']").fill("4")
    form.get_by_role("button", name="复核").click()
    expect(page.get_by_role("alert")).to_contain_text("申辩成立")
    scheme = AssessmentScheme.objects.get(year=2023)
    page.goto(f"{live_server.url}/s/assessment/{scheme.pk}/")
    page.get_by_role("button", name="审定考核结果").click()
    expect(page.get_by_role("alert")).to_contain_text("评分人不能审定")

    page.context.clear_cookies()
    sign_in("approver")
    page.goto(f"{live_server.url}/s/assessment/{scheme.pk}/")
    page.get_by_role("button", name="审定考核结果").click()
    expect(page.locator("#record-state")).to_have_text("已审定")
    page.get_by_role("link", name="考核排名").first.click()
    expect(page.locator("table.ranking").first).to_contain_text("市场监督管理局")
    expect(page.locator("#chart-distribution-0 canvas")).to_have_count(1)  # the distribution chart drew
    with page.expect_download() as download:
        page.get_by_role("link", name="下载通报（.docx）").click()
    doc = Document(download.value.path())
    assert doc.paragraphs[0].text == "关于2023年度法治建设考核结果的通报"
    assert ScoreSheet.objects.get(scheme=scheme, unit=market_unit).score == Decimal(4)
