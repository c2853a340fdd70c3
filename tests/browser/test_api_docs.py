"""The API's Swagger page renders under the strict CSP and lists the ledgers' operations."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_docs_page_renders_the_operations(page: Page, live_server, sign_in, clerk) -> None:
    messages: list[str] = []
    page.on("console", lambda msg: messages.append(msg.text))
    sign_in("clerk")
    page.goto(f"{live_server.url}/api/v1/docs")
    # The schema of every ledger is built on the first request: allow for it.
    expect(page.get_by_role("heading", name="法治政府建设平台接口")).to_be_visible(timeout=60_000)
    expect(page.locator(".opblock-tag", has_text="指标")).to_be_visible()
    tag = page.locator(".opblock-tag", has_text="学法与专题研究 · 学习研究")
    expect(tag).to_be_visible()
    tag.click(no_wait_after=True)
    listing = page.locator(".opblock-get").filter(
        has=page.locator(".opblock-summary-path[data-path='/api/v1/study/studysession/']")).first
    expect(listing).to_contain_text("学习研究列表")
    expect(page.locator(".opblock-summary-path[data-path='/api/v1/study/studysession/{id}/transitions/{name}/']")) \
        .to_be_visible()

    # Try it out: the signed-in clerk lists the study sessions through the session cookie.
    listing.locator(".opblock-summary-method").click(no_wait_after=True)
    listing.get_by_role("button", name="Try it out").click(no_wait_after=True)
    listing.get_by_role("button", name="Execute").click(no_wait_after=True)
    live = listing.locator(".live-responses-table")
    expect(live).to_contain_text("200", timeout=30_000)
    expect(live).to_contain_text('"count": 0')
    assert [m for m in messages if "Content Security Policy" in m] == [], messages
