"""Units and published annual reports over the API.

Units are listed as far as the caller may read records (the codes other systems need to
report against); published reports are public information and need no credentials — the
same reports, with the figures frozen at publication, as the portal's archive /gk/reports/.
"""

# No ``from __future__ import annotations``: ninja reads the view signatures at runtime.

from typing import Any, Literal

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, NinjaAPI, Path, Query, Schema

from fazhi.api.ledgers import ERROR_RESPONSES, MAX_ID, MAX_OFFSET, MAX_YEAR, MIN_YEAR, NO_NUL, error_responses
from fazhi.core import scope
from fazhi.core.models import Unit
from fazhi.reports.models import AnnualReport

MAX_LIMIT = 500


KIND_TEXT = "单位类型：" + "；".join(f"{v}={label}" for v, label in Unit.Kind.choices)


def text(title: str, description: str = "") -> Any:
    """A field of an answer with its Chinese title and description."""
    return Field(..., title=title, description=description or title)


class UnitOut(Schema):
    model_config = {"title": "单位"}
    code: str = text("单位代码")
    name: str = text("名称")
    short_name: str = text("简称")
    kind: str = text("单位类型代码", KIND_TEXT)
    kind_label: str = text("单位类型")
    parent_code: str | None = text("上级单位代码", "上级单位代码（最上级为空）")
    is_active: bool = text("在用", "是否在用（撤销的单位为 false）")


class Page(Schema):
    count: int = text("总条数", "符合条件的总条数")
    limit: int = text("每页条数")
    offset: int = text("跳过的条数")


class UnitPage(Page):
    model_config = {"title": "单位列表"}
    results: list[UnitOut] = text("本页单位")


class ReportOut(Schema):
    model_config = {"title": "年度报告"}
    id: int = text("报告 id")
    unit_code: str = text("报告单位代码")
    unit_name: str = text("报告单位名称")
    year: int = text("年度")
    title: str = text("标题")
    published_at: str = text("发布时间", "发布时间（ISO 8601）")
    html_url: str = text("网页地址")
    docx_url: str = text("Word 文档地址")
    pdf_url: str = text("PDF 地址")


class ReportPage(Page):
    model_config = {"title": "年度报告列表"}
    results: list[ReportOut] = text("本页报告")


class ReportDetail(ReportOut):
    model_config = {"title": "年度报告详情"}
    figures: dict[str, Any] = text("指标数据", "发布时冻结的指标数据（指标代码 → 数值及说明）")


UNIT_ORDERING = {"code": "code", "name": "name", "path": "path"}
UnitOrdering = Literal[tuple(v for name in UNIT_ORDERING for v in (name, f"-{name}"))]
UnitKind = Literal[tuple(Unit.Kind.values)]


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
              kind: UnitKind | None = Query(None, title="单位类型", description=KIND_TEXT),  # noqa: B008
              parent: str | None = Query(None, max_length=32, pattern=NO_NUL, title="上级单位代码",
                                         description="上级单位代码（只列直属下级）"),
              q: str | None = Query(None, max_length=100, pattern=NO_NUL, title="关键词",
                                    description="名称或代码关键词"),
              ordering: UnitOrdering = Query("path", title="排序",  # noqa: B008
                                             description="排序：code、name、path，前加 - 为倒序"),
              limit: int = Query(100, ge=1, le=MAX_LIMIT, title="每页条数", description=f"每页条数（最多 {MAX_LIMIT}）"),
              offset: int = Query(0, ge=0, le=MAX_OFFSET, title="跳过的条数", description="跳过的条数")):
        user = request.auth
        scope.require(user, "records.read")
        qs = scope.units_for(user, "records.read").select_related("parent")
        if kind:
            qs = qs.filter(kind=kind)
        if parent:
            qs = qs.filter(parent__code=parent)
        if q and q.strip():
            qs = qs.filter(Q(name__icontains=q.strip()) | Q(code__startswith=q.strip()))
        name = ordering.lstrip("-")
        qs = qs.order_by(("-" if ordering.startswith("-") else "") + UNIT_ORDERING[name], "pk")
        rows = [{"code": u.code, "name": u.name, "short_name": u.short_name, "kind": u.kind,
                 "kind_label": u.get_kind_display(), "parent_code": u.parent.code if u.parent_id else None,
                 "is_active": u.is_active} for u in qs[offset:offset + limit]]
        return {"count": qs.count(), "limit": limit, "offset": offset, "results": rows}

    def published():
        return AnnualReport.objects.filter(state=AnnualReport.State.PUBLISHED).select_related("unit")

    @api.get("/reports/", response=ReportPage, auth=None, tags=["年度报告（公开）"], summary="已发布的年度报告",
             operation_id="reports_list", openapi_extra={"responses": error_responses(422)})
    def reports(request,
                year: int | None = Query(None, ge=MIN_YEAR, le=MAX_YEAR, title="年度", description="年度"),
                unit: str | None = Query(None, max_length=32, pattern=NO_NUL, title="报告单位代码",
                                         description="报告单位代码"),
                limit: int = Query(50, ge=1, le=MAX_LIMIT, title="每页条数", description=f"每页条数（最多 {MAX_LIMIT}）"),
                offset: int = Query(0, ge=0, le=MAX_OFFSET, title="跳过的条数", description="跳过的条数")):
        qs = published()
        if year is not None:
            qs = qs.filter(year=year)
        if unit:
            qs = qs.filter(unit__code=unit)
        qs = qs.order_by("-year", "unit__path", "pk")
        return {"count": qs.count(), "limit": limit, "offset": offset,
                "results": [_report(r) for r in qs[offset:offset + limit]]}

    @api.get("/reports/{id}/", response=ReportDetail, auth=None, tags=["年度报告（公开）"],
             summary="年度报告及发布时冻结的指标数据", operation_id="reports_get",
             openapi_extra={"responses": error_responses(404, 422)})
    def report(request, id: int = Path(..., ge=1, le=MAX_ID, title="报告 id", description="年度报告的 id")):
        found = get_object_or_404(published(), pk=id)
        return {**_report(found), "figures": (found.snapshot or {}).get("figures", {})}
