"""Indicators over the API: the registry, and one figure for a unit and year."""

# No ``from __future__ import annotations``: ninja reads the view signatures at runtime.


from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from ninja import NinjaAPI, Query, Schema

from fazhi.api.errors import ApiValidationError
from fazhi.api.ledgers import ERROR_RESPONSES
from fazhi.core import scope
from fazhi.core.models import Unit
from fazhi.core.units import counties
from fazhi.indicators.engine import compute_figure
from fazhi.indicators.registry import Period, load_all

CAPABILITIES = ("dashboard.view", "records.read")


class IndicatorOut(Schema):
    key: str
    label: str
    unit: str
    precision: int
    version: int


class FigureOut(Schema):
    key: str
    label: str
    unit_code: str
    unit_name: str
    year: int
    value: int | float | None  # counts are integers, rates floats
    numerator: int | None
    denominator: int | None
    display: str
    measure: str
    version: int


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

    @api.get("/indicators/{key}/", response=FigureOut, tags=["指标"], openapi_extra={"responses": ERROR_RESPONSES},
             summary="某单位某年度的指标值", operation_id="indicators_get")
    def indicator_get(request, key: str,
                      unit: str | None = Query(None, description="单位代码（含下级单位），缺省为全区"),
                      year: int | None = Query(None, ge=2000, le=2100, description="年度，缺省为本年")):
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
