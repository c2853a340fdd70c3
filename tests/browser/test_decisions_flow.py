"""A major administrative decision walked through the real pages in Debian's chromium: the
市场监管局 clerk registers it, records public participation, the legality review and the
collective discussion; deciding is refused until both are recorded; the unit head decides,
and the decision is executed and post-evaluated."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def take(page: Page, label: str, expected: str | None = None) -> None:
    """Click a transition button on the record page and confirm it."""
    page.get_by_role("link", name=label, exact=True).click()
    page.get_by_role("button", name=f"确认{label}").click()
    expect(page.get_by_role("alert").filter(has_text=expected or f"已{label}")).to_be_visible()


def procedure(page: Page, label: str, kind: str, fill: dict[str, str], select: dict[str, str] | None = None) -> None:
    """Open the procedure's form on the decision page, fill it and save."""
    form = page.get_by_role("form", name=f"登记{label}")
    page.locator(f"#procedure-{kind} summary").click()
    for name, value in fill.items():
        form.locator(f"#id_{kind}-{name}").fill(value)
    for name, option in (select or {}).items():
        form.locator(f"#id_{kind}-{name}").select_option(label=option)
    form.get_by_role("button", name=f"保存{label}").click()
    expect(page.get_by_role("alert").filter(has_text=f"已登记“{label}”")).to_be_visible()


def test_a_decision_is_walked_from_drafting_to_post_evaluation(page: Page, live_server, sign_in, clerk, head,
                                                               market_unit) -> None:
    sign_in("clerk")
    page.goto(f"{live_server.url}/s/decisions/")
    page.get_by_role("link", name="新增").click()
    page.locator("#id_unit").select_option(label="市场监督管理局")
    page.locator("#id_year").fill("2024")
    page.locator("#id_file_no").fill("西决〔2024〕5号")
    page.locator("#id_title").fill("农贸市场提质改造实施方案")
    page.locator("#id_category").select_option(label="在本行政区域实施的重大公共建设项目")
    page.locator("#id_legal_basis").fill("《湖南省农贸市场管理办法》")
    page.get_by_role("button", name="保存").click()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("拟定")

    procedure(page, "公众参与", "participation",
              {"started_on": "2024-03-01", "ended_on": "2024-03-30", "comments_received": "6",
               "comments_adopted": "2", "result": "采纳2条，其余说明理由"})
    expect(page.locator("#procedure-participation")).to_contain_text("30日（一般不少于30日）")
    take(page, "公开征求意见")
    take(page, "进入审查论证")
    procedure(page, "合法性审查", "legality",
              {"started_on": "2024-04-01", "ended_on": "2024-04-12", "organiser": "司法局，公职律师李法治",
               "result": "同意提交讨论"}, {"conclusion": "合法（同意提交讨论）"})
    take(page, "提请集体讨论")
    expect(heading).to_contain_text("待集体讨论")
    expect(page.locator("#decide-problem")).to_contain_text("尚未登记集体讨论决定，不能作出决策")
    expect(page.get_by_role("link", name="登记决策", exact=True)).to_have_count(0)
    procedure(page, "集体讨论决定", "collective",
              {"ended_on": "2024-04-23", "meeting": "管委会2024年第5次常务会议", "result": "会议讨论通过"})
    record_url = page.url

    page.get_by_role("button", name="退出").click()
    sign_in("head")
    page.goto(record_url)
    take(page, "登记决策")
    expect(heading).to_contain_text("已决策")
    page.get_by_role("link", name="编辑", exact=True).click()
    page.locator("#id_decision_document").fill("西管发〔2024〕12号")
    page.locator("#id_published_on").fill("2024-04-28")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_role("alert").filter(has_text="已保存")).to_be_visible()
    expect(page.get_by_text("已向社会公布")).to_be_visible()
    take(page, "组织实施")
    report = page.get_by_role("form", name="登记执行情况报告")
    report.locator("#id_report-reported_on").fill("2024-10-08")
    report.locator("#id_report-progress").fill("完成改造3处")
    report.get_by_role("button", name="登记执行情况报告").click()
    expect(page.get_by_role("alert").filter(has_text="已登记执行情况报告")).to_be_visible()
    evaluation = page.get_by_role("form", name="登记决策后评估")
    evaluation.locator("#id_evaluation-trigger").select_option(label="决策机关认为有必要")
    evaluation.locator("#id_evaluation-evaluator").fill("第三方评估机构")
    evaluation.locator("#id_evaluation-started_on").fill("2025-03-01")
    evaluation.locator("#id_evaluation-completed_on").fill("2025-04-30")
    evaluation.locator("#id_evaluation-conclusion").fill("基本达到预期效果")
    evaluation.get_by_role("button", name="登记后评估").click()
    take(page, "完成后评估")
    expect(heading).to_contain_text("已后评估")
    expect(page.get_by_role("link", name=re.compile("^(登记决策|组织实施|完成后评估)$"))).to_have_count(0)
