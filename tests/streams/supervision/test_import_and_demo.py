"""Excel import of the 督察 plan, and the demo's 督察 and reports."""

from __future__ import annotations

import io

import pytest
from django.utils import timezone

from fazhi.core.models import Unit
from fazhi.indicators.engine import compute_figure
from fazhi.indicators.registry import Period
from fazhi.streams.supervision.importers import VISIT_IMPORT
from fazhi.streams.supervision.models import Rectification, SupervisionVisit, UnitReport
from tests.xlsx import upload_xlsx

HEADER = VISIT_IMPORT.headers


def workbook(rows) -> io.BytesIO:
    return upload_xlsx(HEADER, rows)


def row(**values) -> list:
    base = {"组织单位": "司法局（依法治区办）", "年度": 2024, "督察对象": "市场监管局", "计划督察日期": "2024-05-20",
            "督察组成员": "李法治、周督察", "督察事项": "行政执法“三项制度”落实情况", **values}
    return [base.get(h.rstrip("*")) for h in HEADER]


@pytest.mark.django_db
def test_the_visit_plan_imports_once_and_a_bad_row_imports_nothing(login, coordinator, market_unit, transport_unit):
    client = login(coordinator)
    rows = [row(), row(督察对象="交通运输局", 计划督察日期="2024-06-18")]
    assert client.post("/s/supervision/import/", {"file": workbook(rows)}).status_code == 302
    assert client.post("/s/supervision/import/", {"file": workbook(rows)}).status_code == 302
    visits = SupervisionVisit.objects.order_by("planned_on")
    assert [(v.inspected, v.state, v.basis) for v in visits] == [
        (market_unit, "planned", "《法治政府建设与责任落实督察工作规定》"),
        (transport_unit, "planned", "《法治政府建设与责任落实督察工作规定》")]
    response = client.post("/s/supervision/import/", {"file": workbook([
        row(督察对象="财政局", 计划督察日期="2024-07-01"), row(督察对象="交通运输局", 计划督察日期="2025-07-01")])})
    assert response.status_code == 400 and "计划督察日期应在2024年内" in response.content.decode()
    assert "督察对象不存在" in response.content.decode()
    assert SupervisionVisit.objects.count() == 2


@pytest.mark.django_db
def test_the_demo_has_2023_visits_with_late_and_overdue_rectifications_and_reports(demo_db):
    county = Unit.objects.get(code="430771")
    visits = SupervisionVisit.objects.filter(year=2023)
    assert visits.count() == 4
    assert {v.inspected.kind for v in visits} == {Unit.Kind.DEPARTMENT, Unit.Kind.TOWNSHIP}
    year = Period.year(2023)
    assert compute_figure("supervision.visits", county, year).result.value == 4
    assert compute_figure("supervision.findings", county, year).result.value == 5
    assert compute_figure("supervision.rectifications_overdue", county, year).result.value == 2
    overdue_now = Rectification.objects.filter(year=2023, state="issued").get()
    assert overdue_now.unit.short_name == "自然资源局"
    reports = UnitReport.objects.filter(year=2023)
    assert reports.count() == Unit.objects.filter(parent=county, kind__in=(Unit.Kind.DEPARTMENT,
                                                                           Unit.Kind.TOWNSHIP)).count()
    assert reports.filter(state="requested").get().unit.short_name == "信访局"
    assert [r.unit.short_name for r in reports if r.late] == ["政务服务中心"]
    received = compute_figure("supervision.unit_reports_received", county, year).result.value
    rate = compute_figure("supervision.unit_reports_on_time_rate", county, year).result
    assert received == reports.count() - 1 and (rate.numerator, rate.denominator) == (reports.count() - 2,
                                                                                      reports.count())
    today = timezone.localdate()
    assert SupervisionVisit.objects.filter(state="planned", planned_on__gte=today).count() <= 1
    current = UnitReport.objects.filter(year=today.year - 1)
    assert current.filter(state="requested").exists() and current.exclude(state="requested").count() == 3

