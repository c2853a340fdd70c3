"""The public portal is usable with a keyboard, a screen reader, large text and a phone.

axe-core (the accessibility rule engine, bundled by axe-playwright-python, no network) runs on
every public page of a demo with records in it and must find no serious or critical WCAG 2
A/AA violation; a keyboard user reaches the content through the skip link; the 大字 button
enlarges the text and says so to screen readers; and on a phone-sized screen no page scrolls
sideways.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/gk/", "/gk/services/", "/gk/enforcement/", "/gk/enforcement/?tab=officers", "/gk/enforcement/?tab=licences",
    "/gk/enforcement/?tab=benchmarks", "/gk/decisions/", "/gk/inspections/", "/gk/inspections/draws/",
    "/gk/complaints/", "/gk/complaints/report/", "/gk/complaints/lookup/", "/gk/reports/",
    "/accounts/login/", "/accounts/register/",
    # --- checks ---
    "/gk/jc/",
]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
               "resultTypes": ["violations"]}


@pytest.fixture
def demo_portal(live_server):
    call_command("fazhi_demo", streams="services,enforcement,decisions,inspections,complaints,checks")
    return live_server.url


def test_no_public_page_has_a_serious_accessibility_violation(page: Page, demo_portal) -> None:
    axe = Axe()
    problems = []
    for path in PAGES:
        response = page.goto(demo_portal + path)
        assert response is not None and response.status == 200, path
        expect(page.locator("main")).to_be_visible()
        results = axe.run(page, options=AXE_OPTIONS)
        for v in results.response["violations"]:
            if v["impact"] in ("serious", "critical"):
                problems.append(f"{path}: {v['id']} ({v['impact']}) {v['help']} — "
                                f"{[n['target'] for n in v['nodes'][:3]]}")
    assert problems == [], "\n".join(problems)
    # The check ran on real content: the enforcement column lists the demo's decisions.
    page.goto(demo_portal + "/gk/enforcement/")
    expect(page.locator("#public-rows tbody tr").first).not_to_contain_text("暂无公示信息")


def test_a_keyboard_user_skips_to_the_content_and_can_enlarge_the_text(page: Page, demo_portal) -> None:
    page.goto(demo_portal + "/gk/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="跳到正文")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()  # visually hidden until focused
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))  # the jump is a navigation: wait for it

    size = lambda: page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")  # noqa: E731
    before = size()
    button = page.get_by_role("button", name="大字")
    expect(button).to_have_attribute("aria-pressed", "false")
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-pressed", "true")
    assert size() >= before * 1.15
    page.goto(demo_portal + "/gk/services/")  # the choice is remembered
    assert size() >= before * 1.15


def test_on_a_phone_no_public_page_scrolls_sideways(page: Page, demo_portal) -> None:
    page.set_viewport_size({"width": 375, "height": 760})
    wide = []
    for path in PAGES:
        page.goto(demo_portal + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 1:
            wide.append(f"{path}: {overflow}px")
    assert wide == []
