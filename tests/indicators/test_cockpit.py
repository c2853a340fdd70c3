"""Issue 21: the leader's cockpit — the year's figures against their targets, with last year and
a trend; the units that lag, opening to their records; overdue work by unit of the open and the
last closed year only; where the annual report and the assessment stand."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from fazhi.core.models import Deadline, Unit
from fazhi.indicators.cockpit import rag, sparkline
from fazhi.streams.study.models import StudySession

pytestmark = pytest.mark.django_db
KEY, RATE = "study.topic_sessions", "study.attendance_rate"


@pytest.fixture
def sessions(county, market_unit, transport_unit, settings):
    """Targets of 2 sessions for the county and 90% attendance: in 2023 市场监管局's members all
    attend (met), 交通运输局's half (lags)."""
    settings.FAZHI_INDICATOR_TARGETS = {KEY: 2, RATE: 90}
    made = []
    for unit, held, attendees in [(market_unit, date(2023, 2, 10), 10), (market_unit, date(2023, 4, 10), 10),
                                  (market_unit, date(2023, 9, 1), 10), (transport_unit, date(2023, 5, 20), 5),
                                  (county, date(2022, 6, 1), 10)]:
        made.append(StudySession.objects.create(unit=unit, year=held.year, kind="topic", title=f"{unit.name}专题研究",
                                                state="closed", held_on=held, members=10, attendees=attendees))
    return made


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_red_amber_green_against_the_target(settings):
    settings.FAZHI_COCKPIT_AMBER_PERCENT = 90
    assert [rag(v, 100) for v in (100, 95, 89.9, None)] == ["green", "amber", "red", "none"]
    assert rag(3, None) == "none"


def test_a_sparkline_scales_the_years_and_leaves_gaps_out():
    assert sparkline([None, None]) == ""
    assert sparkline([1, None, 3], width=100, height=28) == "0.0,26.0 100.0,2.0"


def test_the_leader_lands_on_the_cockpit(login, leader, sessions):
    page = _text(login(leader).get("/home/", {"year": 2023}))
    assert "领导驾驶舱 · 常德市西洞庭管理区" in page
    # the headline: this year's 4 sessions against a target of 2, last year's 1, up by 3
    assert "专题研究法治工作次数 4次 目标 2次 · 上年 1次（+3次） 达标" in page
    assert "学法出席率 87.5% 目标 90% · 上年 100%（-12.5%） 接近目标" in page


def test_units_that_lag_come_first_and_open_to_their_records(login, leader, sessions):
    html = login(leader).get("/cockpit/", {"year": 2023}).content.decode()
    rows = re.findall(r'<li class="fz-unit-row( fz-unit-lagging)?" data-testid="unit-row">(.*?)</li>', html, re.S)
    attendance = [(re.sub(r"<[^>]+>", " ", body).split()[0], bool(lag)) for lag, body in rows if "学法出席率" in body]
    assert attendance == [("交通运输局", True), ("市场监管局", False)]
    assert re.search(r"\d+个单位未达标", html)
    assert f'href="/indicators/{RATE}/?unit=430771-D04&amp;year=2023">学法出席率 50%</a>' in html
    assert "专题研究法治工作次数" not in html.split("各单位达标情况")[1]  # a count's target is the county's
    assert 'class="fz-chip fz-rag-red"' in html and 'class="fz-chip fz-rag-green"' in html


def test_overdue_counts_only_the_open_and_the_last_closed_year(login, leader, county, market_unit, sessions):
    today = timezone.localdate()
    record = sessions[0]
    ctype = ContentType.objects.get_for_model(StudySession)
    for n, due in enumerate([date(today.year - 1, 6, 1), date(today.year - 1, 7, 1), date(today.year - 3, 6, 1)]):
        Deadline.objects.create(content_type=ctype, object_id=record.pk, unit=market_unit, key=f"k{n}", label="测试期限",
                                rule="working", days=5, basis="测试", start=due, due=due)
    page = _text(login(leader).get("/cockpit/"))
    assert f"仅统计{today.year - 1}年和{today.year}年到期" in page
    assert f"单位 {today.year - 1}年 {today.year}年 市场监管局 2 0 合计 2 0" in page
    assert f"{today.year - 3}年" not in page.split("各单位超期事项")[1].split("年度报告与考核")[0]


def test_the_report_and_the_assessment_say_where_they_stand(login, leader, coordinator, county, sessions):
    from fazhi.reports import services

    services.report_create(by=coordinator, unit=county, year=2023)
    page = _text(login(leader).get("/cockpit/", {"year": 2023}))
    status = page.split("年度报告与考核")[1]
    assert "2023年度法治政府建设报告 应于2024-03-31前公开 草稿" in status
    assert "2022年度法治政府建设报告 未创建" in status
    assert "2023年度法治建设考核 未制定方案" in status


def test_the_cockpit_reads_no_more_than_the_dashboard(login, leader, sessions, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(leader)
    client.get("/cockpit/", {"year": 2023})  # the sub-units' figures are cached after the first visit
    with CaptureQueriesContext(connection) as dashboard:
        assert client.get("/dashboard/", {"year": 2023}).status_code == 200
    assert len(dashboard.captured_queries) > 50
    with django_assert_max_num_queries(len(dashboard.captured_queries)):
        assert client.get("/cockpit/", {"year": 2023}).status_code == 200


def test_a_first_visit_counts_the_sub_units_grouped_not_one_by_one(login, leader, sessions, county):
    """The sub-units' figures are taken per table for all units at once (grouped.compute_by_unit):
    a first visit, cache empty, makes no more queries with 12 departments than with 2."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from fazhi.core.units import unit_add

    client = login(leader)

    def first_visit() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as visit:
            assert client.get("/cockpit/", {"year": 2023}).status_code == 200
        return len(visit.captured_queries)

    few = first_visit()
    for n in range(10):
        unit_add(code=f"430771-X{n:02d}", name=f"测试局{n}", kind=Unit.Kind.DEPARTMENT, parent=county)
    assert first_visit() <= few + 2  # + the new units' own rows, not + 10 × the figures


def test_only_dashboard_holders_open_it(login, clerk, head, coordinator, county):
    assert login(clerk).get("/cockpit/").status_code == 403
    assert login(head).get("/cockpit/").status_code == 200
    html = login(coordinator).get("/home/").content.decode()
    assert 'href="/cockpit/">领导驾驶舱</a>' in html and 'href="/dashboard/">工作看板</a>' in html
