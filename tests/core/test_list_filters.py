"""Issue 19: the active filters of a staff list are chips, each removing its own filter, and a
list's row says which of its cells stay on the row's card on a phone."""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest

from fazhi.core.ledger import record_create
from fazhi.streams.study.models import StudySession

pytestmark = pytest.mark.django_db


@pytest.fixture
def sessions(clerk, market_unit):
    return [record_create(StudySession, by=clerk, unit=market_unit, year=2026, kind="topic", title=f"研究执法公示{i}")
            for i in range(3)]


def test_a_filtered_ledger_list_names_each_filter_and_removes_one_at_a_time(login, coordinator, market_unit, sessions):
    response = login(coordinator).get("/s/study/", {"unit": market_unit.pk, "state": "planned", "q": "执法",
                                                    "sort": "-year", "page": "1"})
    chips = {(c.label, c.value): parse_qs(c.remove) for c in response.context["chips"]}
    # the unit by its name and the state by its label, never by the codes in the address
    assert set(chips) == {("承办单位", str(market_unit)), ("状态", "计划"), ("关键词", "执法")}
    without_unit = chips[("承办单位", str(market_unit))]
    assert without_unit == {"state": ["planned"], "q": ["执法"], "sort": ["-year"]}  # page dropped, sort kept
    html = response.content.decode()
    assert "去掉筛选条件 承办单位：" in html and "筛选（3）" in html and "全部清除" in html
    # following a chip lists the records again without that filter
    assert len(login(coordinator).get("/s/study/?" + response.context["chips"][0].remove).context["rows"]) == 3


def test_an_unfiltered_list_shows_no_chips_and_marks_the_card_cells(login, clerk, sessions):
    response = login(clerk).get("/s/study/")
    assert response.context["chips"] == [] and "已选筛选条件" not in response.content.decode()
    record, cells, _ = response.context["rows"][0]
    on_card = {c.name for c in cells if c.key}
    assert "title" in on_card and "state" in on_card and "year" not in on_card
    assert 'data-label="议题/主题"' in response.content.decode()


def test_the_units_page_shows_its_filters_as_chips(login, coordinator, market_unit):
    response = login(coordinator).get("/units/", {"kind": "department", "q": "市场"})
    assert [(c.label, c.value) for c in response.context["chips"]] == [("名称或代码", "市场"), ("单位类型", "政府工作部门")]
