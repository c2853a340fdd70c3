"""Units and published annual reports over the API.

Units are listed as far as the caller may read records (the codes other systems need to
report against); published reports are public information and need no credentials — the
same reports, with the figures frozen at publication, as the portal's archive /gk/reports/.
"""

# No ``from __future__ import annotations``: ninja reads the view signatures at runtime.

from typing import Any

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import NinjaAPI, Query, Schema

from fazhi.api.errors import ApiValidationError
from fazhi.api.ledgers import ERROR_RESPONSES
from fazhi.core import scope
from fazhi.core.models import Unit
from fazhi.reports.models import AnnualReport

MAX_LIMIT = 500


class UnitOut(Schema):
    code: str
    name: str
    short_name: str
    kind: str
    kind_label: str
    parent_code: str | None
    is_active: bool


class UnitPage(Schema):
    count: int
    limit: int
    offset: int
    results: list[UnitOut]


class ReportOut(Schema):
    id: int
    unit_code: str
    unit_name: str
    year: int
    title: str
    published_at: str
    html_url: str
    docx_url: str
    pdf_url: str


class ReportPage(Schema):
    count: int
    limit: int
    offset: int
    results: list[ReportOut]


class ReportDetail(ReportOut):
    figures: dict[str, Any]


UNIT_ORDERING = {"code": "code", "name": "name", "path": "path"}


def _report(report: AnnualReport) -> dict:
    return {"id": report.pk, "unit_code": report.unit.code, "unit_name": report.unit.name, "year": report.year,
            "title": report.title, "published_at": report.published_at.isoformat() if report.published_at else "",
            "html_url": reverse("gk_reports:detail", args=[report.pk]),
            "docx_url": reverse("gk_reports:download", args=[report.pk, "docx"]),
            "pdf_url": reverse("gk_reports:download", args=[report.pk, "pdf"])}


def mount(api: NinjaAPI) -> None:
    @api.get("/", auth=None, include_in_schema=False)
    def index(request):
        """A short index instead of a 404: where the documentation is, and every resource path."""
        schema = api.get_openapi_schema(path_prefix="/api/v1")
        return {
            "name": api.title, "version": api.version,
            "docs": "/api/v1/docs", "openapi": "/api/v1/openapi.json",
            "authentication": "工作人员会话，或 Authorization: Bearer fz_…（安全管理员签发的接口令牌）",
            "resources": sorted(schema.get("paths", {})),
        }

    @api.get("/units/", response=UnitPage, tags=["单位"], openapi_extra={"responses": ERROR_RESPONSES},
             summary="可查看的单位（组织机构）", operation_id="units_list")
    def units(request,
              kind: str | None = Query(None, description="单位类型：government/department/township/village/external"),
              parent: str | None = Query(None, max_length=32, description="上级单位代码（只列直属下级）"),
              q: str | None = Query(None, max_length=100, description="名称或代码关键词"),
              ordering: str = Query("path", description="排序：code、name、path，前加 - 为倒序"),
              limit: int = Query(100, ge=1, le=MAX_LIMIT, description=f"每页条数（最多 {MAX_LIMIT}）"),
              offset: int = Query(0, ge=0, le=10_000_000, description="跳过的条数")):
        user = request.auth
        scope.require(user, "records.read")
        qs = scope.units_for(user, "records.read").select_related("parent")
        if kind:
            if kind not in Unit.Kind.values:
                raise ApiValidationError({"kind": ["单位类型不存在"]})
            qs = qs.filter(kind=kind)
        if parent:
            qs = qs.filter(parent__code=parent)
        if q and q.strip():
            qs = qs.filter(Q(name__icontains=q.strip()) | Q(code__startswith=q.strip()))
        name = ordering.lstrip("-")
        if name not in UNIT_ORDERING:
            raise ApiValidationError({"ordering": ["不支持按该字段排序"]})
        qs = qs.order_by(("-" if ordering.startswith("-") else "") + UNIT_ORDERING[name], "pk")
        rows = [{"code": u.code, "name": u.name, "short_name": u.short_name, "kind": u.kind,
                 "kind_label": u.get_kind_display(), "parent_code": u.parent.code if u.parent_id else None,
                 "is_active": u.is_active} for u in qs[offset:offset + limit]]
        return {"count": qs.count(), "limit": limit, "offset": offset, "results": rows}

    def published():
        return AnnualReport.objects.filter(state=AnnualReport.State.PUBLISHED).select_related("unit")

    @api.get("/reports/", response=ReportPage, auth=None, tags=["年度报告（公开）"], summary="已发布的年度报告",
             operation_id="reports_list")
    def reports(request,
                year: int | None = Query(None, ge=2000, le=2100, description="年度"),
                unit: str | None = Query(None, max_length=32, description="报告单位代码"),
                limit: int = Query(50, ge=1, le=MAX_LIMIT, description=f"每页条数（最多 {MAX_LIMIT}）"),
                offset: int = Query(0, ge=0, le=10_000_000, description="跳过的条数")):
        qs = published()
        if year is not None:
            qs = qs.filter(year=year)
        if unit:
            qs = qs.filter(unit__code=unit)
        qs = qs.order_by("-year", "unit__path", "pk")
        return {"count": qs.count(), "limit": limit, "offset": offset,
                "results": [_report(r) for r in qs[offset:offset + limit]]}

    @api.get("/reports/{id}/", response=ReportDetail, auth=None, tags=["年度报告（公开）"],
             summary="年度报告及发布时冻结的指标数据", operation_id="reports_get")
    def report(request, id: int):
        found = get_object_or_404(published(), pk=id)
        return {**_report(found), "figures": (found.snapshot or {}).get("figures", {})}
