"""Headline figures of the 法治建设考核 stream (spec §20), for the annual report's placeholders.

Only approved (审定) results count: a scoring run still open to objections is not a figure."""

from __future__ import annotations

from decimal import Decimal

from fazhi.indicators.registry import Indicator, Result, register
from fazhi.streams.assessment.models import ScoreSheet
from fazhi.streams.assessment.workflow import FROZEN


def _sheets(units, period):
    return ScoreSheet.objects.filter(unit__in=units, scheme__state__in=FROZEN,
                                     year__gte=period.start.year, year__lte=period.end.year)


def units_scored(units, period) -> Result:
    """Units with a score sheet in an approved (审定) assessment of the period's year(s)."""
    return Result.count(_sheets(units, period))


def average_score(units, period) -> Result:
    """Sum of the approved sheets' scores ÷ approved sheets (vetoed units count with 0)."""
    qs = _sheets(units, period)
    scores = list(qs.values_list("score", flat=True))
    value = sum(scores, Decimal(0)) / len(scores) if scores else None
    return Result(value=value, records=qs)


def vetoed(units, period) -> Result:
    """Approved sheets vetoed by an 一票否决 item."""
    return Result.count(_sheets(units, period).filter(vetoed=True))


register(
    Indicator("assessment.units_scored", "法治建设考核被考核单位数", "个", units_scored),
    Indicator("assessment.average_score", "法治建设考核平均得分", "分", average_score, precision=1),
    Indicator("assessment.vetoed", "法治建设考核一票否决单位数", "个", vetoed),
)
