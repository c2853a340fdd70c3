"""The city's read-only API (issue 18): its counties' submissions, the figures side by side with
the city total, each submission's text — for the 市委依法治市办's session or token (``city.view``),
computed in reports/submissions.py exactly as the city's pages show them."""

# No ``from __future__ import annotations``: ninja reads the view signatures at runtime.

import hmac
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from ninja import NinjaAPI, Path, Query, Schema

from fazhi.api.errors import Conflict
from fazhi.api.ledgers import ERROR_RESPONSES
from fazhi.api.public import text
from fazhi.core import scope
from fazhi.core.models import Unit
from fazhi.reports import submissions
from fazhi.reports.models import Submission


class SubmissionStatus(Schema):
    model_config = {"title": "区县报送情况"}
    county_code: str = text("区县代码")
    county_name: str = text("区县名称")
    submitted: bool = text("是否已报送")
    on_time: bool | None = text("是否按期报送（未报送且未到期时为空）")
    on_time_label: str = text("按期情况")
    first_submitted_at: str | None = text("首次报送时间")
    id: int | None = text("最新报送编号")
    version: int | None = text("最新报送版本")
    submitted_at: str | None = text("最新报送时间")
    state: str | None = text("报送状态")
    receipt_no: str | None = text("回执编号")
    sha256: str | None = text("报送内容的SHA-256")


class StatusOut(Schema):
    model_config = {"title": "各区县报送情况"}
    year: int = text("年度")
    due: str = text("市级规定的报送截止日")
    results: list[SubmissionStatus] = text("各区县报送情况")


class FigureTotal(Schema):
    model_config = {"title": "全市合计"}
    value: float | int | None = text("全市合计值（比率按分子之和÷分母之和）")
    numerator: int | None = text("全市分子合计")
    denominator: int | None = text("全市分母合计")
    display: str = text("全市合计（按报告格式）")
    note: str = text("说明")


class FigureRowOut(Schema):
    model_config = {"title": "指标对照行"}
    key: str = text("指标代码")
    label: str = text("指标名称")
    unit: str = text("计量单位")
    counties: dict[str, dict[str, Any] | None] = text("各区县报送的数据（按区县代码）")
    city_total: FigureTotal = text("全市合计")


class FiguresOut(Schema):
    model_config = {"title": "各区县数据对照"}
    year: int = text("年度")
    counties: list[str] = text("区县代码（列顺序）")
    results: list[FigureRowOut] = text("各项指标")


class SubmissionOut(Schema):
    model_config = {"title": "区县报送的年度报告"}
    id: int = text("报送编号")
    county_code: str = text("区县代码")
    county_name: str = text("区县名称")
    year: int = text("年度")
    version: int = text("版本")
    title: str = text("报告标题")
    sections: list[dict[str, Any]] = text("报告正文（按章节）")
    figures: dict[str, Any] = text("报告引用的数据（含分子分母）")
    sha256: str = text("报送内容的SHA-256")
    submitted_at: str = text("报送时间")
    state: str = text("报送状态")
    receipt_no: str = text("回执编号")


class PackageIn(Schema):
    model_config = {"title": "报送包"}
    format: str = text("报送包格式")
    content: dict[str, Any] = text("报送内容（正文和数据）")
    sha256: str = text("报送内容的SHA-256")
    signature: str = text("令牌签名（HMAC-SHA256）")


class ReceiptOut(Schema):
    model_config = {"title": "报送回执"}
    id: int = text("报送编号")
    county_code: str = text("区县代码")
    year: int = text("年度")
    version: int = text("版本")
    sha256: str = text("报送内容的SHA-256")
    receipt_no: str = text("回执编号")
    received_at: str | None = text("签收时间")


def _iso(value) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def _number(value):
    """A count stays an integer, a rate (Decimal) becomes a float."""
    return value if value is None or isinstance(value, int) else float(value)


def hmac_equal(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode("ascii", "replace"), (b or "").encode("ascii", "replace"))


def mount(api: NinjaAPI) -> None:
    tags = ["市级汇总（设区的市）"]

    @api.get("/city/submissions/", response=StatusOut, tags=tags, openapi_extra={"responses": ERROR_RESPONSES},
             summary="各区县年度报告报送情况", operation_id="city_submissions_list")
    def city_submissions(request, year: int = Query(..., ge=2000, le=2100, title="年度", description="年度")):
        rows = submissions.status_rows(request.auth, year)
        out = []
        for r in rows:
            sub = r.latest
            out.append({"county_code": r.county.code, "county_name": r.county.name, "submitted": sub is not None,
                        "on_time": r.on_time, "on_time_label": r.on_time_label,
                        "first_submitted_at": _iso(r.first_at), "id": sub.pk if sub else None,
                        "version": sub.version if sub else None, "submitted_at": _iso(sub.submitted_at) if sub else None,
                        "state": sub.state if sub else None, "receipt_no": sub.receipt_no if sub else None,
                        "sha256": sub.sha256 if sub else None})
        return {"year": year, "due": submissions.due_date(year).isoformat(), "results": out}

    @api.get("/city/figures/", response=FiguresOut, tags=tags, openapi_extra={"responses": ERROR_RESPONSES},
             summary="各区县报送数据对照及全市合计（比率按分子分母之和计算）", operation_id="city_figures")
    def city_figures(request, year: int = Query(..., ge=2000, le=2100, title="年度", description="年度")):
        counties, rows = submissions.side_by_side(request.auth, year)
        results = []
        for row in rows:
            total = row.total
            results.append({
                "key": row.key, "label": row.label, "unit": row.unit,
                "counties": {c.code: fig for c, fig in zip(counties, row.by_county, strict=True)},
                "city_total": {"value": _number(total.value) if total else None,
                               "numerator": total.numerator if total else None,
                               "denominator": total.denominator if total else None,
                               "display": row.total_display, "note": row.note}})
        return {"year": year, "counties": [c.code for c in counties], "results": results}

    @api.get("/city/submissions/{id}/", response=SubmissionOut, tags=tags,
             openapi_extra={"responses": ERROR_RESPONSES}, summary="区县报送的年度报告（正文和数据）",
             operation_id="city_submissions_get")
    def city_submission(request, id: int = Path(..., ge=1, le=2**63 - 1, title="报送编号", description="报送编号")):
        counties = submissions.city_counties(request.auth)
        sub = Submission.objects.select_related("county").filter(pk=id, county__in=counties).first()
        if sub is None:
            raise Http404
        return {"id": sub.pk, "county_code": sub.county.code, "county_name": sub.county.name, "year": sub.year,
                "version": sub.version, "title": sub.title, "sections": sub.sections, "figures": sub.figures,
                "sha256": sub.sha256, "submitted_at": _iso(sub.submitted_at), "state": sub.state,
                "receipt_no": sub.receipt_no}

    @api.post("/submissions/", response={201: ReceiptOut}, tags=tags, openapi_extra={"responses": ERROR_RESPONSES},
              summary="区县报送年度报告（报送包：正文、数据、SHA-256、令牌签名），答复回执",
              operation_id="city_submissions_create")
    def submission_receive(request, package: PackageIn):
        token = getattr(request, "api_token", None)
        if token is None:
            raise PermissionDenied("报送须使用市级平台签发给本区县的接口令牌")
        if package.format != submissions.PACKAGE_FORMAT:
            raise ValidationError(f"报送包格式不正确（应为 {submissions.PACKAGE_FORMAT}）")
        if not hmac_equal(submissions.signature_with_hash(package.sha256, token.token_hash), package.signature):
            raise PermissionDenied("报送包签名校验未通过：须由本令牌对应的区县生成")
        county = Unit.objects.filter(code=str(package.content.get("county", ""))).first()
        if county is None or not scope.can(request.auth, "reports.manage", county):
            raise PermissionDenied(f"本令牌不能代表区县“{package.content.get('county', '')}”报送")
        try:
            sub = submissions.receive(package.content, sha256=package.sha256, by=request.auth)
        except ValidationError as exc:
            if getattr(exc, "code", None) == "mismatch":
                raise Conflict("；".join(exc.messages)) from exc
            raise
        return api.create_response(request, {
            "id": sub.pk, "county_code": sub.county.code, "year": sub.year, "version": sub.version,
            "sha256": sub.sha256, "receipt_no": sub.receipt_no, "received_at": _iso(sub.received_at)}, status=201)
