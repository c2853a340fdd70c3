"""The engine computes any registered indicator for any unit (with or without its sub-units)
and any period; the dashboard shows the year's figures by stream with targets and trends;
docs/indicators.md lists what is registered."""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command

from fazhi.indicators.engine import compute_all, compute_figure, numerator_records, target_of
from fazhi.indicators.registry import Indicator, Period, Result, load_all
from fazhi.streams.study.models import StudySession

pytestmark = pytest.mark.django_db
DOCS = Path(__file__).resolve().parents[2] / "docs" / "indicators.md"


@pytest.fixture
def sessions(county, market_unit, transport_unit):
    for unit, title, held in [(market_unit, "市场监管局专题研究", date(2023, 2, 10)),
                              (transport_unit, "交通局专题研究", date(2023, 5, 20)),
                              (county, "区党委会专题研究", date(2023, 11, 3)),
                              (county, "2022年专题研究", date(2022, 6, 1))]:
        StudySession.objects.create(unit=unit, year=held.year, kind="topic", title=title, state="closed", held_on=held)


@pytest.mark.parametrize(("period", "label", "start", "end"), [
    (Period.year(2023), "2023年", date(2023, 1, 1), date(2023, 12, 31)),
    (Period.quarter(2024, 1), "2024年第1季度", date(2024, 1, 1), date(2024, 3, 31)),
    (Period.month(2024, 2), "2024年2月", date(2024, 2, 1), date(2024, 2, 29)),
    (Period.range(date(2023, 3, 1), date(2023, 4, 15)), "2023-03-01至2023-04-15", date(2023, 3, 1), date(2023, 4, 15)),
])
def test_periods_are_any_closed_range_of_days(period, label, start, end):
    assert (period.label, period.start, period.end) == (label, start, end)


def test_a_period_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="结束日期不能早于开始日期"):
        Period.range(date(2023, 5, 1), date(2023, 4, 1))


def test_a_unit_with_or_without_its_sub_units_and_any_period(county, market_unit, sessions):
    key = "study.topic_sessions"
    assert compute_figure(key, county, Period.year(2023)).result.value == 3
    assert compute_figure(key, county, Period.year(2023), include_sub_units=False).result.value == 1
    assert compute_figure(key, market_unit, Period.year(2023)).result.value == 1
    assert compute_figure(key, county, Period.quarter(2023, 2)).result.value == 1
    assert compute_figure(key, county, Period.month(2023, 11)).result.value == 1
    assert compute_figure(key, county, Period.range(date(2023, 2, 1), date(2023, 5, 31))).result.value == 2
    figures = compute_all(county, Period.year(2023), keys=[key, "no.such"])
    assert list(figures) == [key] and figures[key].indicator.version == 1


def test_the_figures_page_takes_a_quarter_and_own_level_only(login, coordinator, sessions):
    client = login(coordinator)
    html = client.get("/indicators/", {"unit": "430771", "year": 2023, "quarter": 2}).content.decode()
    assert "2023年第2季度 指标" in html and "1次" in html
    own = client.get("/indicators/study.topic_sessions/", {"unit": "430771", "year": 2023, "sub": "0"}).content.decode()
    assert "（仅本级）" in own and "区党委会专题研究" in own and "市场监管局专题研究" not in own


def test_a_rate_marks_which_records_its_numerator_counts(county, sessions):
    done = StudySession.objects.filter(title__in=["市场监管局专题研究", "区党委会专题研究"])
    everything = StudySession.objects.filter(year=2023)

    def explicit(units, period):
        """Sessions done ÷ sessions (test)."""
        return Result(Decimal(200) / 3, 2, 3, records=everything, numerator_records=done)

    from fazhi.indicators.engine import Figure

    fig = Figure(Indicator("study.test_rate", "测试率", "%", explicit, precision=1), explicit(None, None))
    assert set(numerator_records(fig, county, Period.year(2023))) == set(done)
    assert fig.display == "66.7%" and fig.indicator.formula == "Sessions done ÷ sessions (test)."


def test_targets_come_from_settings(settings):
    ind = load_all()["study.topic_sessions"]
    assert target_of(ind) is None
    settings.FAZHI_INDICATOR_TARGETS = {"study.topic_sessions": 4}
    assert target_of(ind) == 4


def test_the_dashboard_shows_the_year_by_stream_with_targets_trends_and_links(login, leader, sessions, settings):
    settings.FAZHI_INDICATOR_TARGETS = {"study.topic_sessions": 4}
    html = login(leader).get("/dashboard/", {"unit": "430771", "year": 2023, "trend": "study.topic_sessions"}
                             ).content.decode()
    assert "工作看板 · 常德市西洞庭管理区" in html and "学法与专题研究" in html
    assert 'href="/indicators/study.topic_sessions/?unit=430771&amp;year=2023"' in html
    assert "未达标" in html and "（目标 4次）" in html  # 3 sessions against a target of 4
    data = json.loads(re.search(r'<script id="dashboard-data" type="application/json">(.*?)</script>', html,
                                re.S).group(1))
    assert data["years"][-2:] == ["2022", "2023"] and data["yearValues"][-2:] == [1.0, 3.0]
    assert data["monthValues"][1] == 1.0 and data["monthValues"][10] == 1.0 and len(data["months"]) == 12
    assert "市场监管局" in data["units"] and data["unitValues"][data["units"].index("市场监管局")] == 1.0
    assert data["unitLinks"][0].startswith("/indicators/study.topic_sessions/?unit=")
    # Strict CSP: the page carries data, not code.
    assert re.search(r"<script>(?!\s*</script>)", html) is None
    assert "vendor/echarts/echarts.min.js" in html and "indicators/dashboard.js" in html


def test_the_dashboard_is_for_leaders_and_the_coordinator(login, clerk, coordinator, county):
    assert login(clerk).get("/dashboard/").status_code == 403
    assert login(coordinator).get("/dashboard/").status_code == 200


def test_the_dashboard_counts_due_and_overdue_work(login, coordinator, county):
    from fazhi.reports import services

    services.report_create(by=coordinator, unit=county, year=2023)  # its two statutory dates passed long ago
    html = login(coordinator).get("/dashboard/", {"year": 2023}).content.decode()
    assert re.search(r'data-testid="overdue-count">2<', html)


def test_docs_list_every_registered_indicator():
    text = DOCS.read_text(encoding="utf-8")
    missing = [k for k in load_all() if f"`{k}`" not in text]
    assert missing == [], "docs/indicators.md is stale: run fazhi manage fazhi_indicators_doc -o docs/indicators.md"


def test_the_docs_command_writes_key_label_unit_and_formula(tmp_path):
    out = tmp_path / "indicators.md"
    call_command("fazhi_indicators_doc", "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert "| `study.topic_sessions` | 专题研究法治工作次数 | 次 |" in text
