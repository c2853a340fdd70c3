"""Indicators of the workforce register (spec §12.3 [D]).

A person or team counts for a period when in service at ANY time in it: appointed on or
before the period's last day and not left before its first day (documented in ``rules``).
"""

from __future__ import annotations

from django.db.models import Q

from fazhi.indicators.registry import Indicator, Result, register
from fazhi.streams.workforce.models import Member


def serving(units, period):
    return Member.objects.filter(unit__in=units, appointed_on__lte=period.end).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=period.start))


def _count(kind: str):
    def compute(units, period) -> Result:
        return Result.count(serving(units, period).filter(kind=kind))

    return compute


def members(units, period) -> Result:
    return Result.count(serving(units, period))


K = Member.Kind
register(
    Indicator("workforce.advisor_teams", "聘请法律顾问团队数", "个", _count(K.ADVISOR_TEAM)),
    Indicator("workforce.supervision_experts", "执法监督专家人数", "人", _count(K.SUPERVISION_EXPERT)),
    Indicator("workforce.instructors", "通用法律执法教员人数", "人", _count(K.INSTRUCTOR)),
    Indicator("workforce.public_lawyers", "公职律师人数", "人", _count(K.PUBLIC_LAWYER)),
    Indicator("workforce.legal_qualification_holders", "持有法律职业资格证书人数", "人", _count(K.QUALIFIED)),
    Indicator("workforce.supervisors", "执法监督员人数", "人", _count(K.SUPERVISOR)),
    Indicator("workforce.members", "法治队伍在册总数", "人", members),
)
