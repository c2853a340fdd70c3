"""Issue 21: the district leader signs in on a tablet (768 px wide), lands on the cockpit, reads
the year's figures against their targets, sees the unit that lags and opens its records. The
screenshot of the cockpit is docs/cockpit.png (written when FAZHI_SCREENSHOTS=1)."""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from fazhi.streams.study.models import StudySession

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOT = Path(__file__).resolve().parents[2] / "docs" / "cockpit.png"


@pytest.fixture
def year_of_sessions(county, market_unit, transport_unit, justice_unit, settings):
    settings.FAZHI_INDICATOR_TARGETS = {"study.topic_sessions": 4, "study.attendance_rate": 90}
    rows = [(market_unit, date(2022, 3, 1), 10), (justice_unit, date(2022, 6, 1), 9),
            (market_unit, date(2023, 3, 1), 10), (market_unit, date(2023, 9, 1), 10),
            (justice_unit, date(2023, 5, 1), 9), (transport_unit, date(2023, 6, 1), 5)]
    for unit, held, attendees in rows:
        StudySession.objects.create(unit=unit, year=held.year, kind="topic", title=f"{unit.short_name or unit.name}专题研究",
                                    state="closed", held_on=held, members=10, attendees=attendees)


def test_a_leader_reads_the_cockpit_on_a_tablet_and_opens_a_lagging_unit(page: Page, live_server, sign_in, leader,
                                                                         year_of_sessions) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_viewport_size({"width": 768, "height": 1024})
    sign_in("leader")
    expect(page.get_by_role("heading", level=1)).to_contain_text("领导驾驶舱")
    page.get_by_label("年度", exact=True).select_option("2023")
    page.get_by_role("button", name="查看").click()
    expect(page).to_have_url(re.compile(r"/cockpit/\?unit=430771&year=2023$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("领导驾驶舱 · 常德市西洞庭管理区管理委员会 2023年")

    attendance = page.get_by_test_id("headline").filter(has_text="学法出席率")
    expect(attendance).to_contain_text("85%")  # 34 of 40 attended
    expect(attendance).to_contain_text("目标 90% · 上年 95%")
    expect(attendance).to_contain_text("接近目标")
    expect(page.get_by_test_id("headline").filter(has_text="专题研究法治工作次数")).to_contain_text("达标")

    lagging = page.get_by_test_id("unit-row").filter(has_text="交通运输局")
    expect(lagging).to_have_class(re.compile("fz-unit-lagging"))
    expect(lagging).to_contain_text("未达标 1")
    expect(page.get_by_test_id("unit-row").filter(has_text="市场监管局")).not_to_have_class(re.compile("lagging"))
    # readable at tablet width: nothing scrolls sideways
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert errors == []
    if os.environ.get("FAZHI_SCREENSHOTS") == "1":
        page.screenshot(path=str(SHOT), full_page=True)
        assert SHOT.stat().st_size < 300_000

    lagging.get_by_role("link", name=re.compile("学法出席率 50%")).click()
    expect(page).to_have_url(re.compile(r"/indicators/study\.attendance_rate/\?unit=430771-D04&year=2023$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("学法出席率")
    expect(page.get_by_role("link", name="交通运输局专题研究")).to_be_visible()
