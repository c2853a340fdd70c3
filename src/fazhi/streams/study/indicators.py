"""Indicators of the study stream (spec §2.5)."""

from __future__ import annotations

from fazhi.indicators.registry import Indicator, Result, Tally, register
from fazhi.streams.study.models import StudySession

HELD_STATES = ("held", "filed", "closed")


def _held(units, period):
    return StudySession.objects.filter(
        unit__in=units, state__in=HELD_STATES, held_on__gte=period.start, held_on__lte=period.end)


def topic_sessions(units, period) -> Result:
    """专题研究法治工作 sessions held in the period ("区党委会专题研究法治建设工作4次")."""
    return Result.count(_held(units, period).filter(kind=StudySession.Kind.TOPIC))


def sessions_held(units, period) -> Result:
    return Result.count(_held(units, period))


def attendance_rate(units, period) -> Result:
    qs = _held(units, period).filter(members__gt=0, attendees__isnull=False)
    return Result.ratio(Tally(qs, "attendees"), Tally(qs, "members"), records=qs)


register(
    Indicator("study.topic_sessions", "专题研究法治工作次数", "次", topic_sessions),
    Indicator("study.sessions_held", "学法及专题研究次数", "次", sessions_held),
    Indicator("study.attendance_rate", "学法出席率", "%", attendance_rate, precision=1),
)
