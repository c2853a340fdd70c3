"""A district leader opens the dashboard in chromium, sees the charts drawn, and follows a
figure to the records behind it."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from fazhi.streams.study.models import StudySession

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_leader_opens_the_dashboard_and_drills_into_a_figure(page: Page, live_server, sign_in, leader,
                                                                 county, market_unit) -> None:
    for unit, title, held in [(market_unit, "市场监管局专题研究", date(2023, 3, 1)),
                              (county, "区党委会专题研究", date(2023, 6, 1))]:
        StudySession.objects.create(unit=unit, year=2023, kind="topic", title=title, state="closed", held_on=held)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in("leader")
    page.goto(f"{live_server.url}/dashboard/?unit=430771&year=2023&trend=study.topic_sessions")
    expect(page.get_by_role("heading", level=1)).to_contain_text("工作看板 · 常德市西洞庭管理区")
    expect(page.get_by_role("heading", name="学法与专题研究")).to_be_visible()
    # ECharts drew the three charts from the page's JSON (no inline script under the strict CSP).
    for chart in ("chart-years", "chart-months", "chart-units"):
        expect(page.locator(f"#{chart} canvas")).to_have_count(1)
    assert errors == []
    page.locator('a[data-key="study.topic_sessions"]').click()
    expect(page).to_have_url(re.compile(r"/indicators/study\.topic_sessions/\?unit=430771&year=2023$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("专题研究法治工作次数：2次")
    rows = page.locator("table tbody tr")
    expect(rows).to_have_count(2)
    expect(page.get_by_role("link", name="区党委会专题研究")).to_be_visible()
