"""Deadlines of plan tasks (spec §8.2, §16: set locally by the plan or special action).

A task's deadline is the date the plan fixes. Whether a deadline that falls on a statutory
holiday or rest day moves to the next working day is a local choice [U]: the setting
``FAZHI_PLANS_DAY_RULE`` is "calendar_strict" (default: the plan's date stands) or
"calendar_roll" (moved to the first working day after, as for statutory "日" periods).
A 督办 (supervision) sets a required completion date, kept as a second deadline.
"""

from __future__ import annotations

from datetime import date, timedelta

from fazhi.core.deadlines import CALENDAR_ROLL, CALENDAR_STRICT, DeadlineRule, configured_day_rule

DAY_RULE_SETTING = "FAZHI_PLANS_DAY_RULE"
TASK = "plans_task"
SUPERVISION = "plans_supervision"


def day_rule() -> str:
    return configured_day_rule(DAY_RULE_SETTING, CALENDAR_STRICT, (CALENDAR_STRICT, CALENDAR_ROLL))


def task_start(issued_on: date | None, deadline: date) -> date:
    """The day the task's period counts from: the plan's issue date, or the day before the
    deadline when the plan has none (the period is then one day, ending on the deadline)."""
    if issued_on and issued_on < deadline:
        return issued_on
    return deadline - timedelta(days=1)


def task_rule(plan_title: str, start: date, deadline: date) -> DeadlineRule:
    return DeadlineRule(TASK, "任务完成时限", (deadline - start).days, day_rule(),
                        f"《{plan_title}》确定的完成时限"[:200])


def supervision_rule(start: date, required_by: date) -> DeadlineRule:
    return DeadlineRule(SUPERVISION, "督办限期完成", max((required_by - start).days, 0), day_rule(),
                        "督办通知要求的限期完成日期")
