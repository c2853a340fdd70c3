"""Statutory deadlines: rules, and the computation that a user can retrace.

A ``DeadlineRule`` says how a period is counted ("20 working days from receipt",
政府信息公开条例 第三十三条). ``compute_due`` applies it to a start date, skipping the
days of any pause (e.g. third-party consultation) and adding approved extensions.
``deadline_set`` / ``deadline_pause`` / ``deadline_resume`` / ``deadline_extend`` keep the
result on a ``Deadline`` row attached to the record, with everything needed to explain it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.utils import timezone

from fazhi.core import bulk, calendar
from fazhi.core.config import setting
from fazhi.core.models import Deadline

WORKING = Deadline.Rule.WORKING
CALENDAR_ROLL = Deadline.Rule.CALENDAR_ROLL
CALENDAR_STRICT = Deadline.Rule.CALENDAR_STRICT

DUE_SOON_WORKING_DAYS = 3


@dataclass(frozen=True)
class DeadlineRule:
    key: str
    label: str
    days: int
    rule: str
    basis: str


def configured_day_rule(name: str, default: str,
                        allowed: Sequence[str] = (CALENDAR_ROLL, CALENDAR_STRICT, WORKING)) -> str:
    """How "日" is counted where a stream leaves it to a setting (``name``), checked against ``allowed``."""
    value = setting(name, default)
    if value not in allowed:
        raise ImproperlyConfigured(f"{name} must be {' or '.join(allowed)}")
    return value


def table_rule(table: dict[str, tuple[str, int, str]], key: str, day_rule: str) -> DeadlineRule:
    """The rule ``key`` of a stream's table {key: (label, days, legal basis)} under ``day_rule``."""
    label, days, basis = table[key]
    return DeadlineRule(key, label, days, day_rule, basis)


@dataclass(frozen=True)
class Pause:
    start: date
    end: date | None = None  # None: still paused
    reason: str = ""

    def span(self, today: date) -> tuple[date, date]:
        """The days not counted; an open pause runs until ``today`` (at least its first day)."""
        return self.start, self.end or max(self.start, today)


@dataclass
class DueDate:
    due: date
    confirmed: bool
    steps: list[str] = field(default_factory=list)
    rolled_from: date | None = None  # the period's last day, when it fell on a rest day
    unconfirmed_years: tuple[int, ...] = ()


def _cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _unit(rule: str) -> str:
    return "个工作日" if rule == WORKING else "日"


def _count(rule: str, start: date, total: int, spans: list[tuple[date, date]]) -> tuple[date, set[int]]:
    """The last day of a ``total``-day period after ``start``, and the unconfirmed years it used."""
    if rule != WORKING and not spans:  # calendar days without pauses: every day counts
        return start + timedelta(days=total), set()
    d, counted, unconfirmed = start, 0, set()
    while counted < total:
        d += timedelta(days=1)
        if any(first <= d <= last for first, last in spans):
            continue
        if rule == WORKING:
            if not calendar.is_confirmed(d):
                unconfirmed.add(d.year)
            if not calendar.is_workday(d):
                continue
        counted += 1
    return d, unconfirmed


def _roll(end: date) -> tuple[date, set[int]]:
    """The first working day on or after ``end``, and the unconfirmed years that decided it."""
    due = calendar.next_workday(end)
    years = {end.year + i for i in range(due.year - end.year + 1)}
    return due, {y for y in years if calendar.year_source(y) == "unconfirmed"}


def compute_due(rule: str, start: date, days: int, pauses: Sequence[Pause] = (), extra_days: int = 0,
                *, today: date | None = None) -> DueDate:
    """Due date of a period of ``days`` (+ ``extra_days`` of extensions) counted after ``start``.

    The start day is never counted, nor are the days of a pause. An open pause (no end)
    is taken to run until ``today`` (default: the local date), so the due date shown for a
    paused deadline is the one it would have if counting resumed tomorrow.
    """
    if days < 0 or extra_days < 0:
        raise ValueError("天数不能为负数")
    pauses = list(pauses)
    spans = [p.span(today or timezone.localdate()) for p in pauses]
    end, unconfirmed = _count(rule, start, days + extra_days, spans)
    due, rolled_from = end, None
    if rule == CALENDAR_ROLL:
        due, unconfirmed = _roll(end)
        rolled_from = end if due != end else None
    result = DueDate(due=due, confirmed=not unconfirmed, rolled_from=rolled_from,
                     unconfirmed_years=tuple(sorted(unconfirmed)))
    extension_steps = [f"经批准延长{extra_days}{_unit(rule)}"] if extra_days else []
    result.steps = _explain(rule, start, days, extension_steps, pauses, result)
    return result


def _pause_step(p: Pause) -> str:
    reason = p.reason or "中止"
    if p.end is None:
        return f"自{_cn(p.start)}起中止计算（{reason}），尚未恢复，暂按今日恢复推算"
    return f"{_cn(p.start)}至{_cn(p.end)}不计入期限（{reason}）"


def _explain(rule: str, start: date, days: int, extension_steps: list[str], pauses: list[Pause],
             result: DueDate) -> list[str]:
    strict = "，期满日遇节假日不顺延" if rule == CALENDAR_STRICT else ""
    steps = [f"自{_cn(start)}次日起算{days}{_unit(rule)}{strict}", *extension_steps]
    steps += [_pause_step(p) for p in pauses]
    if result.rolled_from:
        steps.append(f"期满日{_cn(result.rolled_from)}为法定节假日或休息日，顺延至其后第一个工作日")
    if result.unconfirmed_years:
        years = "、".join(str(y) for y in result.unconfirmed_years)
        steps.append(f"{years}年节假日安排尚未录入，按周一至周五推算，到期日可能变化")
    steps.append(f"到期日：{_cn(result.due)}")
    return steps


def pauses_of(deadline: Deadline) -> list[Pause]:
    return [
        Pause(date.fromisoformat(p["start"]), date.fromisoformat(p["end"]) if p.get("end") else None, p.get("reason", ""))
        for p in deadline.pauses
    ]


def _extra_days(deadline: Deadline) -> int:
    return sum(int(e["days"]) for e in deadline.extensions)


def _extension_step(deadline: Deadline, extension: dict) -> str:
    on = _cn(date.fromisoformat(extension["on"]))
    reason = f"（{extension['reason']}）" if extension.get("reason") else ""
    return f"{on}经{extension['approved_by']}批准延长{extension['days']}{_unit(deadline.rule)}{reason}"


def _due_of(deadline: Deadline, today: date | None = None) -> DueDate:
    return compute_due(deadline.rule, deadline.start, deadline.days, pauses_of(deadline), _extra_days(deadline),
                       today=today)


def _recompute(deadline: Deadline) -> Deadline:
    result = _due_of(deadline)
    deadline.due = result.due
    deadline.confirmed = result.confirmed
    return deadline


def explain(deadline: Deadline, today: date | None = None) -> list[str]:
    """How the due date was reached, step by step, starting from the legal basis."""
    result = _due_of(deadline, today)
    extension_steps = [_extension_step(deadline, e) for e in deadline.extensions]
    steps = _explain(deadline.rule, deadline.start, deadline.days, extension_steps, pauses_of(deadline), result)
    return [f"法律依据：{deadline.basis}", *steps]


@transaction.atomic
def recompute_for_year(year: int) -> int:
    """After ``year``'s schedule changed: recompute the open deadlines it may affect.

    Returns how many due dates (or confirmations) changed.
    """
    first, last = date(year, 1, 1), date(year, 12, 31)
    affected = (Deadline.objects.select_for_update().filter(met_on__isnull=True, start__lte=last)
                .exclude(rule=CALENDAR_STRICT)
                .filter(models.Q(due__gte=first) | models.Q(confirmed=False)))
    changed = 0
    for deadline in affected:
        before = (deadline.due, deadline.confirmed)
        if (_recompute(deadline).due, deadline.confirmed) != before:
            deadline.save(update_fields=["due", "confirmed"])
            changed += 1
    return changed


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


def _require_open(deadline: Deadline) -> None:
    if deadline.met_on:
        raise ValueError("该期限已办结")


@transaction.atomic
def deadline_pause(*, deadline: Deadline, on: date, reason: str) -> Deadline:
    """Stop the clock from ``on`` (the first day not counted) until ``deadline_resume``."""
    _require_open(deadline)
    if any(not p.get("end") for p in deadline.pauses):
        raise ValueError("该期限已处于中止状态")
    if on < deadline.start:
        raise ValueError("中止日期不能早于起算日")
    if any(on <= date.fromisoformat(p["end"]) for p in deadline.pauses):
        raise ValueError("中止日期应在上次恢复日期之后")
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
    deadline.pauses = [p if p.get("end") else {**p, "end": on.isoformat()} for p in deadline.pauses]
    _recompute(deadline).save()
    return deadline


@transaction.atomic
def deadline_extend(*, deadline: Deadline, days: int, approved_by: str, on: date, reason: str,
                    max_extensions: int | None = None) -> Deadline:
    _require_open(deadline)
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
    if on < deadline.start:
        raise ValueError("办结日期不能早于起算日")
    deadline.met_on = on
    deadline.save(update_fields=["met_on"])
    return deadline


PROVISIONAL_NOTE = "暂定：相关年度的法定节假日安排尚未公布，按周一至周五推算，公布后以确认的日期为准"


def due_text(deadline: Deadline | date | None) -> str:
    """How a due date reads to a person, citizens included: "2027年1月1日", followed by
    "（暂定：…）" while a counted day falls in a year whose holiday schedule is not confirmed
    (the date is recomputed when the schedule is entered)."""
    if deadline is None:
        return ""
    day = deadline.due if isinstance(deadline, Deadline) else deadline
    text = _cn(day)
    if isinstance(deadline, Deadline) and not deadline.confirmed:
        text += f"（{PROVISIONAL_NOTE}）"
    return text


def deadlines_of(record: models.Model) -> models.QuerySet[Deadline]:
    ct = ContentType.objects.get_for_model(record)
    return Deadline.objects.filter(content_type=ct, object_id=record.pk).order_by("due")


def status(deadline: Deadline, today: date) -> str:
    """'met', 'met_late', 'paused', 'overdue', 'due_soon' (3 working days or fewer left) or 'open'."""
    if deadline.met_on:
        return "met" if deadline.met_on <= deadline.due else "met_late"
    if any(not p.get("end") for p in deadline.pauses):
        return "paused"
    if today > deadline.due:
        return "overdue"
    if calendar.working_days_between(today, deadline.due) <= DUE_SOON_WORKING_DAYS:
        return "due_soon"
    return "open"


# -- deadlines declared on the model ------------------------------------------------------------

Value = str | Callable[[models.Model], object] | None


def _read(record: models.Model, source: Value) -> object:
    """A declared value: a field name (dotted for a relation: "plan.issued_on"), a function of
    the record, or None."""
    if source is None:
        return None
    if callable(source):
        return source(record)
    value: object = record
    for part in source.split("."):
        value = getattr(value, part, None) if value is not None else None
    return value


@dataclass(frozen=True)
class Tracked:
    """One statutory deadline a record carries, declared on the model (``Record.tracked``):

    * ``rule``: the ``DeadlineRule``, or a function of the record returning one (rules that depend
      on a setting or on the record, e.g. 7 or 20 working days by decision type);
    * ``start``: the date the period counts from — a field name or a function; no date, no deadline;
    * ``met``: the date that meets it — a field name or a function;
    * ``met_in``: the states in which ``met`` counts (empty: any state);
    * ``when``: a further condition for the deadline to exist (e.g. only bad ratings);
    * ``pauses``: a function returning the record's ``Pause`` list (e.g. 补正 periods kept on
      the record); without it, pauses entered by ``deadline_pause`` on the row are kept;
    * ``extensions``: likewise for approved extensions kept on the record, as ``Extension``s.

    Core keeps every declared deadline in step with the record after each create, update and
    transition (``sync``): the row is created, restarted when its start moves, recomputed when
    its rule changes, met or reopened, and deleted when it no longer applies. Extensions
    approved with ``deadline_extend`` live on the row and survive a sync unless the start moves
    (unless the record declares them with ``extensions``).
    """

    key: str
    rule: DeadlineRule | Callable[[models.Model], DeadlineRule | None]
    start: Value
    met: Value = None
    met_in: tuple[str, ...] = ()
    when: Callable[[models.Model], bool] | None = None
    pauses: Callable[[models.Model], Sequence[Pause]] | None = None
    extensions: Callable[[models.Model], Sequence[Extension]] | None = None

    def rule_of(self, record: models.Model) -> DeadlineRule | None:
        return self.rule(record) if callable(self.rule) else self.rule

    def start_of(self, record: models.Model) -> date | None:
        if self.when is not None and not self.when(record):
            return None
        return _read(record, self.start)  # type: ignore[return-value]

    def met_of(self, record: models.Model) -> date | None:
        if self.met_in and getattr(record, "state", None) not in self.met_in:
            return None
        return _read(record, self.met)  # type: ignore[return-value]


@dataclass(frozen=True)
class Extension:
    """An approved extension of a period, as a record keeps it (its row form: ``deadline_extend``)."""

    days: int
    approved_by: str
    on: date
    reason: str = ""


def _pause_dicts(pauses: Sequence[Pause]) -> list[dict]:
    return [{"start": p.start.isoformat(), "end": p.end.isoformat() if p.end else None, "reason": p.reason}
            for p in pauses]


@transaction.atomic
def sync(record: models.Model) -> list[Deadline]:
    """Bring the record's declared deadlines (``type(record).tracked``) in step with its fields.

    Idempotent: a sync that changes nothing writes nothing. Returns the record's declared rows.
    """
    return sync_many([record]).get(record.pk, [])


_FIELDS = ["unit", "label", "rule", "days", "basis", "start", "due", "pauses", "extensions", "confirmed", "met_on"]


@transaction.atomic
def sync_many(records: Sequence[models.Model]) -> dict[int, list[Deadline]]:
    """``sync`` over records of one model (an imported batch): their deadline rows are read in one
    query and written in at most three (created, changed, deleted). Returns each record's rows."""
    records = [r for r in records if r.pk is not None]
    declared: Sequence[Tracked] = getattr(type(records[0]), "tracked", ()) if records else ()
    if not declared:
        return {}
    ct = ContentType.objects.get_for_model(records[0])
    existing = {(d.object_id, d.key): d for d in Deadline.objects.filter(
        content_type=ct, object_id__in=[r.pk for r in records], key__in=[t.key for t in declared])}
    created, changed, dropped, kept = [], [], [], {}
    counted: dict[tuple, tuple[date, bool]] = {}
    for record in records:
        for spec in declared:
            row = existing.get((record.pk, spec.key))
            start = spec.start_of(record)
            rule = spec.rule_of(record) if start is not None else None
            if rule is None:
                if row is not None:
                    dropped.append(row.pk)
                continue
            fresh = row is None or row.start != start
            if fresh:  # (re)started: as deadline_set does, nothing of the old period is kept
                row = row or Deadline(content_type=ct, object_id=record.pk, key=rule.key)
                row.start, row.pauses, row.extensions, row.met_on = start, [], [], None
            dirty = fresh  # what changed is written once, the due date recomputed once
            if (row.label, row.rule, row.days, row.basis, row.unit_id) != (
                    rule.label, rule.rule, rule.days, rule.basis, record.unit_id):
                row.label, row.rule, row.days, row.basis, row.unit_id = (
                    rule.label, rule.rule, rule.days, rule.basis, record.unit_id)
                dirty = True
            if spec.pauses is not None:
                wanted = _pause_dicts(spec.pauses(record))
                dirty |= wanted != row.pauses
                row.pauses = wanted
            if spec.extensions is not None:
                wanted = [{"days": e.days, "approved_by": e.approved_by, "on": e.on.isoformat(), "reason": e.reason}
                          for e in spec.extensions(record)]
                dirty |= wanted != row.extensions
                row.extensions = wanted
            met = spec.met_of(record)
            if met is not None and met < row.start:
                met = row.start  # a step recorded before the period began meets it on its first day
            dirty |= met != row.met_on
            row.met_on = met
            if dirty:
                if row.pauses or row.extensions:
                    _recompute(row)
                else:  # the same period from the same day ends on the same day: counted once per batch
                    period = (row.rule, row.start, row.days)
                    if period not in counted:
                        counted[period] = _recompute(row).due, row.confirmed
                    row.due, row.confirmed = counted[period]
                (changed if row.pk else created).append(row)
            kept.setdefault(record.pk, []).append(row)
    if dropped:
        Deadline.objects.filter(pk__in=dropped).delete()
    bulk.insert(Deadline, created, batch_size=500)
    Deadline.objects.bulk_update(changed, _FIELDS, batch_size=500)
    return kept
