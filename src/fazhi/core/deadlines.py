"""Statutory deadlines: rules, and the computation that a user can retrace.

A ``DeadlineRule`` says how a period is counted ("20 working days from receipt",
政府信息公开条例 第三十三条). ``compute_due`` applies it to a start date, skipping the
days of any pause (e.g. third-party consultation) and adding approved extensions.
``deadline_set`` / ``deadline_pause`` / ``deadline_resume`` / ``deadline_extend`` keep the
result on a ``Deadline`` row attached to the record, with everything needed to explain it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from fazhi.core import calendar
from fazhi.core.models import Deadline

WORKING = Deadline.Rule.WORKING
CALENDAR_ROLL = Deadline.Rule.CALENDAR_ROLL
CALENDAR_STRICT = Deadline.Rule.CALENDAR_STRICT


@dataclass(frozen=True)
class DeadlineRule:
    key: str
    label: str
    days: int
    rule: str
    basis: str


@dataclass(frozen=True)
class Pause:
    start: date
    end: date | None = None  # None: still paused
    reason: str = ""

    def covers(self, d: date) -> bool:
        return self.start <= d and (self.end is None or d <= self.end)


@dataclass
class DueDate:
    due: date
    confirmed: bool
    steps: list[str] = field(default_factory=list)


def _is_paused(d: date, pauses: list[Pause]) -> bool:
    return any(p.covers(d) for p in pauses)


def compute_due(rule: str, start: date, days: int, pauses: list[Pause] = (), extra_days: int = 0) -> DueDate:
    """Due date of a period of ``days`` (+ ``extra_days`` of extensions) counted after ``start``.

    Days inside a pause do not count. The start day is never counted. An open pause
    (no end) leaves the due date as it would be if the pause ended today's last counted day;
    callers show such a deadline as paused.
    """
    pauses = list(pauses)
    total = days + extra_days
    d = start
    counted = 0
    confirmed = calendar.is_confirmed(start)
    while counted < total:
        d += timedelta(days=1)
        if _is_paused(d, pauses):
            continue
        if rule == WORKING:
            confirmed = confirmed and calendar.is_confirmed(d)
            if not calendar.is_workday(d):
                continue
        counted += 1
    if rule == CALENDAR_ROLL:
        rolled = calendar.next_workday(d)
        confirmed = confirmed and all(
            calendar.is_confirmed(d + timedelta(days=i)) for i in range((rolled - d).days + 1)
        )
        d = rolled
    elif rule == WORKING:
        confirmed = confirmed and calendar.is_confirmed(d)
    return DueDate(due=d, confirmed=confirmed, steps=_explain(rule, start, days, extra_days, pauses, d))


def _explain(rule: str, start: date, days: int, extra: int, pauses: list[Pause], due: date) -> list[str]:
    unit = "个工作日" if rule == WORKING else "日"
    steps = [f"自{start:%Y年%m月%d日}次日起算{days}{unit}"]
    if extra:
        steps.append(f"经批准延长{extra}{unit}")
    for p in pauses:
        end = f"{p.end:%Y年%m月%d日}" if p.end else "至今"
        steps.append(f"{p.start:%Y年%m月%d日}—{end}期间不计入（{p.reason or '中止'}）")
    if rule == CALENDAR_ROLL:
        steps.append("期满日为法定节假日或休息日的，以其后第一个工作日为期满日")
    steps.append(f"到期日：{due:%Y年%m月%d日}")
    return steps


def pauses_of(deadline: Deadline) -> list[Pause]:
    return [
        Pause(date.fromisoformat(p["start"]), date.fromisoformat(p["end"]) if p.get("end") else None, p.get("reason", ""))
        for p in deadline.pauses
    ]


def _recompute(deadline: Deadline) -> Deadline:
    extra = sum(int(e["days"]) for e in deadline.extensions)
    result = compute_due(deadline.rule, deadline.start, deadline.days, pauses_of(deadline), extra)
    deadline.due = result.due
    deadline.confirmed = result.confirmed
    return deadline


def explain(deadline: Deadline) -> list[str]:
    extra = sum(int(e["days"]) for e in deadline.extensions)
    return compute_due(deadline.rule, deadline.start, deadline.days, pauses_of(deadline), extra).steps


@transaction.atomic
def deadline_set(*, record: models.Model, rule: DeadlineRule, start: date) -> Deadline:
    """Attach (or restart) ``rule`` on ``record`` counting from ``start``."""
    ct = ContentType.objects.get_for_model(record)
    deadline, _ = Deadline.objects.get_or_create(
        content_type=ct, object_id=record.pk, key=rule.key,
        defaults={"unit": record.unit, "label": rule.label, "rule": rule.rule, "days": rule.days, "basis": rule.basis,
                  "start": start, "due": start},
    )
    deadline.unit = record.unit
    deadline.label, deadline.rule, deadline.days, deadline.basis = rule.label, rule.rule, rule.days, rule.basis
    deadline.start, deadline.pauses, deadline.extensions, deadline.met_on = start, [], [], None
    _recompute(deadline).save()
    return deadline


@transaction.atomic
def deadline_pause(*, deadline: Deadline, on: date, reason: str) -> Deadline:
    if any(not p.get("end") for p in deadline.pauses):
        raise ValueError("该期限已处于中止状态")
    deadline.pauses = [*deadline.pauses, {"start": on.isoformat(), "end": None, "reason": reason}]
    _recompute(deadline).save()
    return deadline


@transaction.atomic
def deadline_resume(*, deadline: Deadline, on: date) -> Deadline:
    """End the open pause: ``on`` is the last day not counted."""
    open_pauses = [p for p in deadline.pauses if not p.get("end")]
    if not open_pauses:
        raise ValueError("该期限未中止")
    if on < date.fromisoformat(open_pauses[0]["start"]):
        raise ValueError("恢复日期不能早于中止日期")
    open_pauses[0]["end"] = on.isoformat()
    _recompute(deadline).save()
    return deadline


@transaction.atomic
def deadline_extend(*, deadline: Deadline, days: int, approved_by: str, on: date, reason: str,
                    max_extensions: int | None = None) -> Deadline:
    if days <= 0:
        raise ValueError("延长天数必须大于0")
    if max_extensions is not None and len(deadline.extensions) >= max_extensions:
        raise ValueError(f"该期限最多延长{max_extensions}次")
    deadline.extensions = [
        *deadline.extensions,
        {"days": days, "approved_by": approved_by, "on": on.isoformat(), "reason": reason},
    ]
    _recompute(deadline).save()
    return deadline


def deadline_meet(*, deadline: Deadline, on: date) -> Deadline:
    deadline.met_on = on
    deadline.save(update_fields=["met_on"])
    return deadline


def deadlines_of(record: models.Model) -> models.QuerySet[Deadline]:
    ct = ContentType.objects.get_for_model(record)
    return Deadline.objects.filter(content_type=ct, object_id=record.pk).order_by("due")


def status(deadline: Deadline, today: date) -> str:
    """'met', 'overdue', 'due_soon' (3 working days or fewer left), 'paused' or 'open'."""
    if deadline.met_on:
        return "met" if deadline.met_on <= deadline.due else "met_late"
    if any(not p.get("end") for p in deadline.pauses):
        return "paused"
    if today > deadline.due:
        return "overdue"
    if calendar.working_days_between(today, deadline.due) <= 3:
        return "due_soon"
    return "open"
