"""Indicators of the 涉企行政检查 stream (issue 16: 无事不扰)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count

from fazhi.indicators.registry import Indicator, Result, UnitGroups, register
from fazhi.streams.checks.models import COUNTED_STATES, BusinessInspection
from fazhi.streams.checks.rules import per_entity_year


def _registered(units, period):
    return BusinessInspection.objects.filter(unit__in=units, state__in=COUNTED_STATES,
                                             planned_on__gte=period.start, planned_on__lte=period.end)


def registered(units, period) -> Result:
    """Inspections registered (with a 检查码) whose planned date falls in the period, done ones included."""
    return Result.count(_registered(units, period))


def done(units, period) -> Result:
    """Inspections carried out (登记完成) in the period."""
    return Result.count(BusinessInspection.objects.filter(unit__in=units, state="done",
                                                          done_on__gte=period.start, done_on__lte=period.end))


def entities_over_cap(units, period) -> Result:
    """Entities inspected by these units in the period that were inspected more often in one year, by
    all units together, than the 无事不扰 cap (FAZHI_CHECKS_PER_ENTITY_YEAR) allows."""
    mine = _registered(units, period)
    pairs = {(c, d.year) for c, d in mine.values_list("credit_code", "planned_on")}
    over = set()
    for year in {y for _, y in pairs}:
        codes = [c for c, y in pairs if y == year]
        rows = (BusinessInspection.objects.filter(credit_code__in=codes, planned_on__year=year,
                                                  state__in=COUNTED_STATES)
                .values("credit_code").annotate(n=Count("id")).filter(n__gt=per_entity_year()))
        over |= {r["credit_code"] for r in rows}
    return Result(value=len(over), records=mine.filter(credit_code__in=over))


def entities_over_cap_by_unit(groups: UnitGroups, period) -> dict[int, Result]:
    """``entities_over_cap`` of each unit: the government's inspections read once, the entities
    over the cap found once per year (among those the government inspected)."""
    mine = _registered(groups.universe, period)
    rows = groups.collect((unit, (code, day.year))
                          for unit, code, day in mine.order_by().values_list("unit_id", "credit_code", "planned_on"))
    over: set[tuple[str, int]] = set()
    for year in sorted({y for pairs in rows.values() for _, y in pairs}):
        found = (BusinessInspection.objects.filter(
            credit_code__in=mine.filter(planned_on__year=year).values("credit_code"), planned_on__year=year,
            state__in=COUNTED_STATES).values("credit_code").annotate(n=Count("id")).filter(n__gt=per_entity_year()))
        over |= {(r["credit_code"], year) for r in found}
    results = {}
    for unit, pairs in rows.items():
        codes = {code for code, year in pairs if (code, year) in over}
        results[unit] = Result(value=len(codes), record_count=sum(1 for code, _ in pairs if code in codes))
    return results


def per_entity_average(units, period) -> Result:
    """Registered inspections ÷ distinct entities inspected (by 统一社会信用代码) in the period."""
    qs = _registered(units, period)
    total = qs.count()
    entities = qs.values("credit_code").distinct().count()
    value = Decimal(total) / entities if entities else None  # rounded (half up) where it is shown
    return Result(value=value, numerator=total, denominator=entities, records=qs)


register(
    Indicator("checks.registered", "登记涉企行政检查次数", "次", registered),
    Indicator("checks.done", "实施涉企行政检查次数", "次", done),
    Indicator("checks.entities_over_cap", "超出年度检查频次上限的企业数", "家", entities_over_cap,
              grouped=entities_over_cap_by_unit),
    Indicator("checks.per_entity_average", "企业平均受检次数", "次", per_entity_average, precision=2),
)
