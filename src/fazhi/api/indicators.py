"""Indicators over the API: the registry, and one figure for a unit and year."""

# No ``from __future__ import annotations``: ninja reads the view signatures at runtime.


from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from ninja import NinjaAPI, Path, Query, Schema

from fazhi.api.errors import ApiValidationError
from fazhi.api.ledgers import ERROR_RESPONSES, MAX_YEAR, MIN_YEAR, NO_NUL, RECORD_ERRORS, error_responses
from fazhi.api.public import text
from fazhi.core import scope
from fazhi.core.models import Unit
from fazhi.core.units import counties
from fazhi.indicators.engine import compute_figure
from fazhi.indicators.registry import Period, load_all

CAPABILITIES = ("dashboard.view", "records.read")


class IndicatorOut(Schema):
    model_config = {"title": "指标"}
    key: str = text("指标代码")
    label: str = text("指标名称")
    unit: str = text("计量单位")
    precision: int = text("小数位数")
    version: int = text("口径版本", "指标口径的版本号（口径变更时递增）")


class FigureOut(Schema):
    model_config = {"title": "指标值"}
    key: str = text("指标代码")
    label: str = text("指标名称")
    unit_code: str = text("单位代码")
    unit_name: str = text("单位名称")
    year: int = text("年度")
    value: int | float | None = text("数值", "数值：计数为整数，比率为小数；无法计算时为空")
    numerator: int | None = text("分子", "比率的分子（计数为空）")
    denominator: int | None = text("分母", "比率的分母（计数为空）")
    display: str = text("显示值", "按指标精度和计量单位格式化的数值")
    measure: str = text("计量单位")
    version: int = text("口径版本", "指标口径的版本号")


def _may(user, unit=None) -> bool:
    return any(scope.can(user, cap, unit) for cap in CAPABILITIES)


def mount(api: NinjaAPI) -> None:
    @api.get("/indicators/", response=list[IndicatorOut], tags=["指标"], openapi_extra={"responses": ERROR_RESPONSES},
             summary="指标目录", operation_id="indicators_list")
    def indicator_list(request):
        if not _may(request.auth):
            raise PermissionDenied
        return [{"key": key, "label": ind.label, "unit": ind.unit, "precision": ind.precision,
                 "version": ind.version} for key, ind in sorted(load_all().items())]

    @api.get("/indicators/{key}/", response=FigureOut, tags=["指标"],
             summary="某单位某年度的指标值", operation_id="indicators_get",
             openapi_extra={"responses": error_responses(*RECORD_ERRORS)})
    def indicator_get(request,
                      key: str = Path(..., max_length=100, title="指标代码", description="指标代码，见指标目录"),
                      unit: str | None = Query(None, max_length=32, pattern=NO_NUL, title="单位代码",
                                               description="单位代码（含下级单位），缺省为全区；不存在的代码返回 422"),
                      year: int | None = Query(None, ge=MIN_YEAR, le=MAX_YEAR, title="年度",
                                               description="年度，缺省为本年")):
        user = request.auth
        if not _may(user):
            raise PermissionDenied
        if key not in load_all():
            raise Http404
        if unit:
            found = Unit.objects.filter(code=unit).first()
            if found is None:
                raise ApiValidationError({"unit": ["单位代码不存在"]})
        else:
            found = counties().order_by("pk").first()
            if found is None:
                raise Http404
        if not _may(user, found):
            raise PermissionDenied
        year = year or timezone.localdate().year
        figure = compute_figure(key, found, Period.year(year))
        return {"key": key, "label": figure.indicator.label, "unit_code": found.code, "unit_name": found.name,
                "year": year, "value": figure.number, "numerator": figure.result.numerator,
                "denominator": figure.result.denominator, "display": figure.display,
                "measure": figure.indicator.unit, "version": figure.indicator.version}
