"""Indicators of the 行政执法案件 stream (行政执法三项制度; issue 16).

- cases.opened: cases filed (立案) in the period.
- cases.legal_review_rate: 重大 cases decided in the period with a 法制审核 before the decision ÷
  重大 cases decided in the period (target 100%).
- cases.closed_on_time_rate: 行政处罚 cases closed in the period whose decision met the 办案期限
  (90 days from 立案 plus approved extensions) ÷ 行政处罚 cases closed in the period.
- cases.av_record_coverage_rate: steps that need an audio-visual record (rules.av_steps) and
  have one ÷ such steps reached by the cases filed in the period.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import F

from fazhi.core.models import Deadline
from fazhi.indicators.registry import Indicator, Result, rate, register
from fazhi.streams.cases import rules
from fazhi.streams.cases.models import CaseRecordEntry, EnforcementCase, Kind
from fazhi.streams.cases.workflow import DECIDED


def _filed(units, period):
    return EnforcementCase.objects.filter(unit__in=units, filed_on__gte=period.start, filed_on__lte=period.end)


def opened(units, period) -> Result:
    """Cases filed (立案) in the period."""
    return Result.count(_filed(units, period))


def legal_review_rate(units, period) -> Result:
    """重大 cases decided in the period with a 法制审核 on or before the decision date ÷ 重大 cases
    decided in the period (target 100%)."""
    qs = EnforcementCase.objects.filter(unit__in=units, major=True, state__in=DECIDED,
                                        decided_on__gte=period.start, decided_on__lte=period.end)
    reviewed = qs.filter(reviewed_on__isnull=False, reviewed_on__lte=F("decided_on"))
    return Result.ratio(reviewed, qs, records=qs)


def closed_on_time_rate(units, period) -> Result:
    """行政处罚 cases closed in the period decided within the 办案期限 (90 days from 立案 plus approved
    extensions) ÷ 行政处罚 cases closed in the period."""
    qs = EnforcementCase.objects.filter(unit__in=units, kind=Kind.PENALTY, state="closed",
                                        closed_on__gte=period.start, closed_on__lte=period.end)
    on_time = Deadline.objects.filter(content_type=ContentType.objects.get_for_model(EnforcementCase),
                                      key=rules.LIMIT, met_on__isnull=False, met_on__lte=F("due")).values("object_id")
    return Result.ratio(qs.filter(pk__in=on_time), qs, records=qs)


def av_record_coverage_rate(units, period) -> Result:
    """Steps that need an audio-visual record (现场调查取证, 直接送达, 行政强制执行; setting
    FAZHI_CASES_AV_STEPS) and have one ÷ such steps reached by the cases filed in the period."""
    cases = list(_filed(units, period))
    have = set(CaseRecordEntry.objects.filter(case__in=[c.pk for c in cases], kind=CaseRecordEntry.Kind.AV)
               .values_list("case_id", "step"))
    needed = covered = 0
    behind = []
    for case in cases:
        steps = [step for step, kind, _ in case.required_records() if kind == CaseRecordEntry.Kind.AV]
        if steps:
            behind.append(case.pk)
        needed += len(steps)
        covered += sum(1 for step in steps if (case.pk, step) in have)
    records = EnforcementCase.objects.filter(pk__in=behind)
    return Result(value=rate(covered, needed), numerator=covered, denominator=needed, records=records)


register(
    Indicator("cases.opened", "行政执法案件立案数", "件", opened),
    Indicator("cases.legal_review_rate", "重大执法决定法制审核率", "%", legal_review_rate, precision=1,
              target=Decimal(100)),
    Indicator("cases.closed_on_time_rate", "行政处罚案件结案按期率", "%", closed_on_time_rate, precision=1),
    Indicator("cases.av_record_coverage_rate", "执法全过程音像记录覆盖率", "%", av_record_coverage_rate, precision=1),
)
