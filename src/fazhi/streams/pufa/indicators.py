"""Indicators of the 普法 stream (issue 16). The 2023 report: "压实“谁执法谁普法”责任制" and
"定期组织人民调解员和法律明白人业务培训" → pufa.responsibility_published_rate, pufa.activities,
pufa.audience, pufa.literates, pufa.literates_per_village and pufa.village_coverage_rate.
"""

from __future__ import annotations

from decimal import Decimal

from fazhi.core.models import Unit
from fazhi.indicators.registry import Indicator, Result, UnitGroups, register
from fazhi.streams.pufa import rules
from fazhi.streams.pufa.models import Activity, LegalLiterate, ResponsibilityItem


def _held(units, period):
    return Activity.objects.filter(unit__in=units, state__in=rules.HELD, held_on__gte=period.start,
                                   held_on__lte=period.end)


def _of_kind(units, kinds):
    ids = [u.pk for u in units]
    return Unit.objects.filter(pk__in=ids, kind__in=kinds, is_active=True)


def _roster(units, period):
    return LegalLiterate.on_roster(period.end).filter(unit__in=_of_kind(units, (Unit.Kind.VILLAGE,)))


def activities(units, period) -> Result:
    """普法 activities held (已开展) in the period."""
    return Result.count(_held(units, period))


def audience(units, period) -> Result:
    """Sum of the audience counts of the 普法 activities held in the period."""
    return Result.total(_held(units, period), "audience_count")


def literates(units, period) -> Result:
    """法律明白人 on the roster of the villages and communities at the end of the period."""
    return Result.count(_roster(units, period))


def literates_per_village(units, period) -> Result:
    """法律明白人 on the roster at the end of the period ÷ villages and communities."""
    roster = _roster(units, period)
    people, villages = roster.count(), _of_kind(units, (Unit.Kind.VILLAGE,)).count()
    value = Decimal(people) / villages if villages else None  # rounded (half up) where it is shown
    return Result(value=value, numerator=people, denominator=villages, records=roster)


def village_coverage_rate(units, period) -> Result:
    """Villages and communities with at least one 法律明白人 on the roster at the end of the period ÷
    villages and communities."""
    roster = _roster(units, period)
    return Result.ratio(roster.values("unit").distinct(), _of_kind(units, (Unit.Kind.VILLAGE,)), records=roster)


def _published(responsible, period):
    return ResponsibilityItem.objects.filter(
        unit__in=responsible, state__in=rules.PUBLISHED, year__gte=period.start.year, year__lte=period.end.year,
        published_on__lte=period.end)


def responsibility_published_rate(units, period) -> Result:
    """Departments with a published (已公布) 普法责任清单 item of the period's year(s), published by
    the end of the period ÷ departments (谁执法谁普法)."""
    responsible = _of_kind(units, rules.RESPONSIBLE_KINDS)
    items = _published(responsible, period)
    return Result.ratio(items.values("unit").distinct(), responsible, records=items)


def responsibility_published_rate_by_unit(groups: UnitGroups, period) -> dict[int, Result]:
    """``responsibility_published_rate`` of each unit: the government's departments and their
    published items read once."""
    responsible = groups.universe.filter(kind__in=rules.RESPONSIBLE_KINDS, is_active=True)
    return groups.coverage(responsible, _published(responsible, period).values_list("unit_id", flat=True))


register(
    Indicator("pufa.activities", "开展普法活动次数", "次", activities),
    Indicator("pufa.audience", "普法活动受众人次", "人次", audience),
    Indicator("pufa.literates", "法律明白人人数", "人", literates),
    Indicator("pufa.literates_per_village", "村（社区）平均法律明白人人数", "人", literates_per_village, precision=2),
    Indicator("pufa.village_coverage_rate", "法律明白人村（社区）覆盖率", "%", village_coverage_rate, precision=1),
    Indicator("pufa.responsibility_published_rate", "普法责任清单公布率", "%", responsibility_published_rate,
              precision=1, grouped=responsibility_published_rate_by_unit),
)
