"""What the portal publishes from the records: the annual report archive (frozen at publication)
and the 双随机 results and draws, with inspectors' names masked."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from fazhi.reports.models import AnnualReport, ReportSection
from fazhi.reports.render import chinese_fonts
from fazhi.streams.inspections.models import Draw, InspectionResult

pytestmark = pytest.mark.django_db


@pytest.fixture
def reports(county):
    published = AnnualReport.objects.create(
        unit=county, year=2023, title="常德市西洞庭管理区管理委员会关于2023年度法治政府建设工作情况的报告",
        state=AnnualReport.State.PUBLISHED, published_at=timezone.now(),
        snapshot={"figures": {"study.topic_sessions": {"value": 4, "display": "4次", "label": "专题研究"}}})
    ReportSection.objects.create(report=published, order=1, unit=county, text="区党委会专题研究法治建设工作{{ study.topic_sessions|value }}次。")
    draft = AnnualReport.objects.create(unit=county, year=2024, title="2024年度报告（草稿）")
    return published, draft


def test_the_archive_lists_only_published_reports_and_serves_them_in_three_formats(client, reports):
    published, draft = reports
    html = client.get("/gk/reports/").content.decode()
    assert published.title in html and draft.title not in html
    page = client.get(f"/gk/reports/{published.pk}/").content.decode()
    assert "专题研究法治建设工作4次" in page
    assert client.get(f"/gk/reports/{draft.pk}/").status_code == 404
    docx = client.get(f"/gk/reports/{published.pk}/download.docx")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    pdf = client.get(f"/gk/reports/{published.pk}/download.pdf")
    if chinese_fonts():
        assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF"
    else:  # no PDF of boxes: the reader is told which fonts are missing
        assert pdf.status_code == 503 and "请下载Word版本" in pdf.content.decode()
    assert "法治政府建设年度报告" in client.get("/gk/").content.decode()


def test_inspection_results_are_public_with_masked_inspectors_and_a_credit_link(client, county):
    call_command("fazhi_demo", streams="inspections")
    published = InspectionResult.objects.filter(state="published")
    assert published.exists()
    sample = published.first()
    html = client.get("/gk/inspections/", {"q": sample.credit_code}).content.decode()
    assert sample.entity_name in html and "creditchina.gov.cn" in html
    full_names = [n for n in sample.inspectors_display.split("、") if n]
    assert full_names and not any(name in html for name in full_names)
    assert re.search(r"[\u4e00-\u9fff]某", html)


def test_every_executed_draw_is_listed_with_its_public_data(client, county):
    call_command("fazhi_demo", streams="inspections")
    html = client.get("/gk/inspections/draws/").content.decode()
    draw = Draw.objects.filter(executed_at__isnull=False).first()
    assert draw.task.title in html and f"/s/inspections/draws/{draw.pk}/public.json" in html
    assert client.get(f"/s/inspections/draws/{draw.pk}/public.json").status_code == 200
