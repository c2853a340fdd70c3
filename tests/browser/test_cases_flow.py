"""A 重大 enforcement case in Debian's chromium: the head cannot decide it before 法制审核; the
unit's 法制审核人员 (not on the case) records the opinion; then 集体讨论 and the decision."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from fazhi.core.ledger import record_create, record_update
from fazhi.core.roles import Role
from fazhi.core.workflow import transition
from fazhi.streams.cases.models import EnforcementCase
from tests.conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CODE = "91430771MA4L3K2X16"


def take(page: Page, label: str) -> None:
    page.get_by_role("link", name=label, exact=True).click()
    page.get_by_role("button", name=f"确认{label}").click()


def test_a_major_case_is_decided_only_after_legal_review(page: Page, live_server, sign_in, clerk, head,
                                                        market_unit) -> None:
    reviewer = make_user("reviewer", market_unit, Role.UNIT_HEAD)
    reviewer.display_name = "王法审"
    reviewer.save(update_fields=["display_name"])
    case = record_create(EnforcementCase, by=clerk, unit=market_unit, year=2026, case_no="西市监立〔2026〕8号",
                         kind="penalty", party_type="org", party_org="西洞庭某某食品有限公司", party_credit_code=CODE,
                         cause="销售过期食品", source="inspection", officer_names="张执法、李执法",
                         officer_certs="D032023001、D032023002", filed_on=date(2026, 9, 1),
                         proposed_fine=Decimal(50000))
    case = transition(case, "investigate", by=clerk)
    case = record_update(case, by=clerk, notified_on=date(2026, 9, 10), proposed_measures="罚款五万元",
                         discussed_on=date(2026, 9, 22), discussion_note="同意法制审核意见",
                         decision_no="西市监罚〔2026〕15号", decided_on=date(2026, 9, 23), decision_content="罚款50000元")
    transition(transition(case, "notify", by=clerk), "submit_review", by=clerk)

    sign_in("head")
    page.goto(f"{live_server.url}/s/cases/{case.pk}/")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("法制审核")
    expect(page.locator("#case-major")).to_have_text("重大执法决定")
    take(page, "作出决定")
    expect(page.get_by_role("alert").filter(has_text="未经法制审核不得作出决定")).to_be_visible()
    expect(heading).to_contain_text("法制审核")
    page.get_by_role("button", name="退出").click()

    sign_in("reviewer")
    page.goto(f"{live_server.url}/s/cases/{case.pk}/")
    page.locator("#id_review_conclusion").select_option(label="同意")
    page.locator("#id_review_opinion").fill("事实清楚，证据确凿，适用依据正确，程序合法。")
    page.locator("#id_review_reviewed_on").fill("2026-09-21")
    page.get_by_role("button", name="登记法制审核意见").click()
    expect(page.get_by_role("alert").filter(has_text="已登记法制审核意见")).to_be_visible()
    expect(page.locator("#case-review")).to_contain_text("王法审 于 2026-09-21 审核：同意")
    page.get_by_role("button", name="退出").click()

    sign_in("head")
    page.goto(f"{live_server.url}/s/cases/{case.pk}/")
    take(page, "提交集体讨论")
    expect(heading).to_contain_text("集体讨论")
    take(page, "作出决定")
    expect(page.get_by_role("alert").filter(has_text="已作出决定")).to_be_visible()
    expect(heading).to_contain_text("决定")
    expect(page.get_by_text("办案期限", exact=True)).to_be_visible()
