"""Indicators of plans and special actions (spec §8.5, §16 [D]).

Tasks of a period are the tasks whose deadline falls in it ("tasks due").
completed_rate = tasks done ÷ tasks due; on_time_rate = tasks done by their deadline ÷
tasks due (spec §8.5 "tasks closed on time ÷ tasks due"); supervised = 督办 records dated
in the period.
"""

from __future__ import annotations

from django.db.models import F

from fazhi.indicators.registry import Indicator, Result, Tally, register
from fazhi.streams.plans.models import Supervision, Task


def _due(units, period):
    return Task.objects.filter(unit__in=units, deadline__gte=period.start, deadline__lte=period.end)


def tasks(units, period) -> Result:
    return Result.count(_due(units, period))


def completed_rate(units, period) -> Result:
    due = _due(units, period)
    done = due.filter(state="done")
    return Result.ratio(done, due, records=done)


def on_time_rate(units, period) -> Result:
    due = _due(units, period)
    on_time = due.filter(state="done", completed_on__lte=F("deadline"))
    return Result.ratio(on_time, due, records=on_time)


def supervised(units, period) -> Result:
    qs = Supervision.objects.filter(task__unit__in=units, supervised_on__gte=period.start,
                                    supervised_on__lte=period.end)
    tasks_ = Task.objects.filter(pk__in=qs.values("task_id"))
    return Result(value=Tally(qs), records=tasks_)


register(
    Indicator("plans.tasks", "计划任务数", "项", tasks),
    Indicator("plans.completed_rate", "计划任务完成率", "%", completed_rate, precision=1),
    Indicator("plans.on_time_rate", "计划任务按期完成率", "%", on_time_rate, precision=1),
    Indicator("plans.supervised", "督办次数", "次", supervised),
)
