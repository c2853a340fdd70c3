"""The portal's archive of published annual reports (/gk/reports/): HTML, .docx and PDF, always
rendered from the figures frozen at publication, so the public copy never changes afterwards."""

from __future__ import annotations

import logging
from urllib.parse import quote

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils.safestring import mark_safe

from fazhi.reports import render as rr
from fazhi.reports.models import AnnualReport

app_name = "gk_reports"
logger = logging.getLogger(__name__)
PDF_UNAVAILABLE = "PDF版本暂时无法生成（服务器未安装中文字体），请下载Word版本。"

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _published():
    return AnnualReport.objects.filter(state=AnnualReport.State.PUBLISHED).select_related("unit")


def archive(request):
    page = Paginator(_published().order_by("-year", "unit__path"), 20).get_page(request.GET.get("page"))
    return render(request, "reports/public/archive.html", {"page": page})


def detail(request, pk: int):
    report = get_object_or_404(_published(), pk=pk)
    return render(request, "reports/public/detail.html", {
        "report": report, "body": mark_safe(rr.body_html(report, links=False)),  # escaped by the renderer
    })


def download(request, pk: int, fmt: str):
    report = get_object_or_404(_published(), pk=pk)
    if fmt not in FORMATS:
        raise Http404
    try:
        data = rr.docx_bytes(report) if fmt == "docx" else rr.pdf_bytes(report)
    except rr.MissingCJKFont as exc:  # no PDF of boxes: the visitor is sent to the Word copy, the admin told why
        logger.error("%s", exc)
        return HttpResponse(PDF_UNAVAILABLE, status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(data, content_type=FORMATS[fmt])
    name = f"{report.year}年度{report.kind_name}-{report.unit.short_name or report.unit.name}.{fmt}"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


urlpatterns = [
    path("", archive, name="archive"),
    path("<int:pk>/", detail, name="detail"),
    path("<int:pk>/download.<str:fmt>", download, name="download"),
]
