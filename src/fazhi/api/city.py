"""The city's read-only API (issue 18): its counties' submissions, the figures side by side with
the city total, each submission's text — for the 市委依法治市办's session or token (``city.view``),
computed in reports/submissions.py exactly as the city's pages show them."""

# No ``from __future__ import annotations``: ninja reads the view signatures at runtime.

import hmac
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from ninja import NinjaAPI, Query, Schema

from fazhi.api.errors import Conflict
from fazhi.api.ledgers import ERROR_RESPONSES
from fazhi.core import scope
from fazhi.core.models import Unit
from fazhi.reports import submissions
from fazhi.reports.models import Submission


class SubmissionStatus(Schema):
    county_code: str
    county_name: str
    submitted: bool
    on_time: bool | None
    on_time_label: str
    first_submitted_at: str | None
    id: int | None
    version: int | None
    submitted_at: str | None
    state: str | None
    receipt_no: str | None
    sha256: str | None


class StatusOut(Schema):
    year: int
    due: str
    results: list[SubmissionStatus]


class FigureTotal(Schema):
    value: float | int | None
    numerator: int | None
    denominator: int | None
    display: str
    note: str


class FigureRowOut(Schema):
    key: str
    label: str
    unit: str
    counties: dict[str, dict[str, Any] | None]
    city_total: FigureTotal


class FiguresOut(Schema):
    year: int
    counties: list[str]
    results: list[FigureRowOut]


class SubmissionOut(Schema):
    id: int
    county_code: str
    county_name: str
    year: int
    version: int
    title: str
    sections: list[dict[str, Any]]
    figures: dict[str, Any]
    sha256: str
    submitted_at: str
    state: str
    receipt_no: str


class PackageIn(Schema):
    format: str
    content: dict[str, Any]
    sha256: str
    signature: str


class ReceiptOut(Schema):
    id: int
    county_code: str
    year: int
    version: int
    sha256: str
    receipt_no: str
    received_at: str | None


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
    def city_submissions(request, year: int = Query(..., ge=2000, le=2100, description="年度")):
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
    def city_figures(request, year: int = Query(..., ge=2000, le=2100, description="年度")):
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
    def city_submission(request, id: int):
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
