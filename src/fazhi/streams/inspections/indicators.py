"""Indicators of the 双随机、一公开 stream (spec §6.5, §19 INS-1/INS-2)."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q

from fazhi.core.models import Deadline
from fazhi.indicators.registry import Indicator, Result, register
from fazhi.streams.inspections import rules
from fazhi.streams.inspections.models import (
    PROBLEM_OUTCOMES,
    Entity,
    InspectionResult,
    InspectionTask,
)

DONE = ("entered", "published")
COMPLETED_TASKS = ("results_entered", "published", "closed")


def _inspected(units, period):
    """Results of current draws whose inspection took place in the period."""
    return InspectionResult.objects.filter(
        unit__in=units, state__in=DONE, inspected_on__gte=period.start, inspected_on__lte=period.end)


def inspection_ratio(units, period) -> Result:
    """INS-1 抽查比例: distinct entities inspected ÷ entities in the register (target ≥ 5%)."""
    qs = _inspected(units, period)
    inspected = qs.values("credit_code").distinct()
    register_size = Entity.objects.filter(unit__in=units, state="active").values("credit_code").distinct()
    return Result.ratio(inspected, register_size, records=qs)


def tasks_completed(units, period) -> Result:
    """Tasks whose inspections ended in the period and whose results are entered or published."""
    qs = InspectionTask.objects.filter(unit__in=units, state__in=COMPLETED_TASKS,
                                       period_end__gte=period.start, period_end__lte=period.end)
    return Result.count(qs)


def timely_publication_rate(units, period) -> Result:
    """INS-2: results published within 20 working days of the inspection ÷ inspections completed."""
    qs = _inspected(units, period)
    ct = ContentType.objects.get_for_model(InspectionResult)
    on_time_ids = Deadline.objects.filter(content_type=ct, key=rules.PUBLISH_KEY, met_on__isnull=False,
                                          met_on__lte=F("due")).values("object_id")
    on_time = qs.filter(state="published", pk__in=on_time_ids)
    return Result.ratio(on_time, qs, records=on_time)


def publication_rate(units, period) -> Result:
    """Results published ÷ inspections completed."""
    qs = _inspected(units, period)
    published = qs.filter(state="published")
    return Result.ratio(published, qs, records=published)


def problem_rate(units, period) -> Result:
    """Inspections that found a problem ÷ inspections completed."""
    qs = _inspected(units, period)
    problems = qs.filter(result__in=PROBLEM_OUTCOMES)
    return Result.ratio(problems, qs, records=problems)


def joint_share(units, period) -> Result:
    """Joint tasks (部门联合抽查) ÷ all tasks starting in the period (cancelled ones left out)."""
    qs = InspectionTask.objects.filter(unit__in=units, period_start__gte=period.start,
                                       period_start__lte=period.end).exclude(state="cancelled")
    joint = qs.filter(Q(plan__joint=True))
    return Result.ratio(joint, qs, records=joint)


register(
    Indicator("inspections.inspection_ratio", "随机抽查比例", "%", inspection_ratio, precision=1),
    Indicator("inspections.tasks_completed", "完成抽查任务数", "个", tasks_completed),
    Indicator("inspections.timely_publication_rate", "抽查结果按时公示率", "%", timely_publication_rate, precision=1),
    Indicator("inspections.publication_rate", "抽查结果公示率", "%", publication_rate, precision=1),
    Indicator("inspections.problem_rate", "抽查问题发现率", "%", problem_rate, precision=1),
    Indicator("inspections.joint_share", "部门联合抽查占比", "%", joint_share, precision=1),
)
