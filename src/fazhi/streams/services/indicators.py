"""Indicators of the 政务服务 stream (spec §3.5, §19 SVC-1/SVC-2, §20.3).

Catalogue figures describe the catalogue in force at the end of the period: the items of
that year's catalogue published by then and not withdrawn (``services.in_catalogue``).
The exact official denominator of 网上可办率 is [U]; here it is every item of the catalogue.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, F, OuterRef, Sum

from fazhi.core.models import Deadline
from fazhi.indicators.registry import Indicator, Result, rate, register
from fazhi.streams.services import rules
from fazhi.streams.services.models import ONLINE_LEVELS, SATISFIED_LEVELS, ServiceItem, ServiceRating
from fazhi.streams.services.services import in_catalogue

RECTIFIED_STATES = ("rectified", "called_back")


def _items(units, period):
    return in_catalogue(ServiceItem.objects.filter(unit__in=units), period.end)


def _ratio(qs, part) -> Result:
    return Result.ratio(part, qs, records=part)


def online_rate(units, period) -> Result:
    """SVC-1 网上可办率: items handleable online (全程网办 or 网上预审) ÷ catalogue items."""
    qs = _items(units, period)
    return _ratio(qs, qs.filter(online_level__in=ONLINE_LEVELS))


def full_online_rate(units, period) -> Result:
    qs = _items(units, period)
    return _ratio(qs, qs.filter(online_level="full"))


def one_window_items(units, period) -> Result:
    """"80个事项可一窗委托办理": catalogue items handled through the one-window channel."""
    return Result.count(_items(units, period).filter(one_window=True))


def one_window_departments(units, period) -> Result:
    """"12个部门进驻": units with at least one one-window item."""
    qs = _items(units, period).filter(one_window=True)
    return Result(value=qs.values("unit").distinct().count(), records=qs)


def one_visit_rate(units, period) -> Result:
    """"一次办" rate: items needing at most one visit ÷ catalogue items (spec §3.5 [D])."""
    qs = _items(units, period)
    return _ratio(qs, qs.filter(max_visits__lte=1))


def high_frequency_one_visit_rate(units, period) -> Result:
    """"高频事项实现最多跑一次": high-frequency items needing at most one visit ÷ high-frequency items."""
    qs = _items(units, period).filter(high_frequency=True)
    return _ratio(qs, qs.filter(max_visits__lte=1))


def centre_rate(units, period) -> Result:
    """进驻率: items handled at the government service centre ÷ catalogue items."""
    qs = _items(units, period)
    return _ratio(qs, qs.filter(in_centre=True))


def time_compression_rate(units, period) -> Result:
    """承诺时限压缩率 = 1 − Σ promised ÷ Σ statutory, over items with both limits (working days);
    numerator = days saved, denominator = statutory days."""
    qs = _items(units, period).filter(legal_limit_days__gt=0, promised_limit_days__isnull=False)
    sums = qs.aggregate(legal=Sum("legal_limit_days"), saved=Sum(F("legal_limit_days") - F("promised_limit_days")))
    legal, saved = sums["legal"] or 0, sums["saved"] or 0
    return Result(value=rate(saved, legal), numerator=saved, denominator=legal, records=qs)


def _ratings(units, period):
    return ServiceRating.objects.filter(unit__in=units, rated_on__gte=period.start, rated_on__lte=period.end)


def _bad(units, period):
    return _ratings(units, period).filter(level__in=rules.bad_levels())


def ratings(units, period) -> Result:
    return Result.count(_ratings(units, period))


def satisfaction_rate(units, period) -> Result:
    """满意率: 非常满意 + 满意 + 基本满意 ÷ ratings."""
    qs = _ratings(units, period)
    return _ratio(qs, qs.filter(level__in=SATISFIED_LEVELS))


def bad_ratings(units, period) -> Result:
    return Result.count(_bad(units, period))


def rectification_rate(units, period) -> Result:
    """SVC-2 差评整改率: bad ratings rectified ÷ bad ratings received in the period."""
    qs = _bad(units, period)
    return _ratio(qs, qs.filter(state__in=RECTIFIED_STATES))


def timely_rectification_rate(units, period) -> Result:
    """差评按期整改率: rectified within the rectification deadline ÷ bad ratings rectified."""
    rectified = _bad(units, period).filter(state__in=RECTIFIED_STATES)
    met = Deadline.objects.filter(content_type=ContentType.objects.get_for_model(ServiceRating), key=rules.RECTIFY,
                                  object_id=OuterRef("pk"), met_on__isnull=False, met_on__lte=F("due"))
    return _ratio(rectified, rectified.filter(Exists(met)))


def callback_rate(units, period) -> Result:
    """实名差评回访率 (target 100%, 德州 [P16b]): real-name bad ratings called back ÷ real-name bad ratings."""
    qs = _bad(units, period).filter(real_name=True)
    return _ratio(qs, qs.filter(state="called_back"))


register(
    Indicator("services.online_rate", "政务服务事项网上可办率", "%", online_rate, precision=2),
    Indicator("services.full_online_rate", "政务服务事项全程网办率", "%", full_online_rate, precision=2),
    Indicator("services.one_window_departments", "一窗委托办理进驻部门数", "个", one_window_departments),
    Indicator("services.one_window_items", "一窗委托办理事项数", "个", one_window_items),
    Indicator("services.one_visit_rate", "“最多跑一次”事项占比", "%", one_visit_rate, precision=1),
    Indicator("services.high_frequency_one_visit_rate", "高频事项“最多跑一次”实现率", "%",
              high_frequency_one_visit_rate, precision=1),
    Indicator("services.centre_rate", "事项进驻政务服务中心比例", "%", centre_rate, precision=1),
    Indicator("services.time_compression_rate", "承诺时限压缩率", "%", time_compression_rate, precision=1),
    Indicator("services.ratings", "好差评评价数", "件", ratings),
    Indicator("services.satisfaction_rate", "好差评满意率", "%", satisfaction_rate, precision=2),
    Indicator("services.bad_ratings", "差评数", "件", bad_ratings),
    Indicator("services.rectification_rate", "差评整改率", "%", rectification_rate, precision=1),
    Indicator("services.timely_rectification_rate", "差评按期整改率", "%", timely_rectification_rate, precision=1),
    Indicator("services.callback_rate", "实名差评回访率", "%", callback_rate, precision=1),
)
