"""Supervision fixtures: a 2024 督察 of 市场监管局 by 依法治区办 (done), helpers for findings,
and small .pdf/.docx files (real magic bytes) to upload."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core import workflow
from fazhi.core.ledger import record_create, record_update
from fazhi.streams.supervision import services
from fazhi.streams.supervision.models import SupervisionVisit

VISITED = date(2024, 5, 16)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def pdf(name: str = "整改报告.pdf", content: bytes = b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def docx(name: str = "年度报告.docx") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<Types><Override PartName="/word/document.xml" ContentType="'
                         'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        archive.writestr("word/document.xml", "<w:document/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def new_visit(by, office, inspected, **fields) -> SupervisionVisit:
    values = {"year": 2024, "inspected": inspected, "planned_on": VISITED, "team": "李法治、周督察",
              "topics": "行政执法“三项制度”落实情况", **fields}
    return record_create(SupervisionVisit, by=by, unit=office, **values)


def visit_done(visit: SupervisionVisit, by, on: date = VISITED) -> SupervisionVisit:
    visit = record_update(visit, by=by, visited_on=on, summary="查阅执法案卷20卷。")
    return workflow.transition(visit, "done", by=by)


@pytest.fixture
def visit(coordinator, justice_unit, market_unit) -> SupervisionVisit:
    return visit_done(new_visit(coordinator, justice_unit, market_unit), coordinator)


def add_finding(visit, by, **fields):
    values = {"text": "行政处罚决定公示超过规定时限", "category": "enforcement", **fields}
    return services.finding_add(visit, by=by, **values)


def messages_of(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def figure(key: str, unit, year: int = 2024):
    """(value, numerator, denominator) of an indicator for ``unit`` and ``year``."""
    from fazhi.indicators.engine import compute_figure
    from fazhi.indicators.registry import Period

    f = compute_figure(key, unit, Period.year(year))
    return f.result.value, f.result.numerator, f.result.denominator
