"""Declarative state machines with guarded transitions.

A stream declares its ``Workflow`` once (states, initial state, transitions); every state
change goes through ``transition()``, which checks the source state, the actor's
capability on the record's unit and the guard, then saves and writes the audit event in
one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import signals
from django.utils import timezone

from fazhi.core import audit, scope
from fazhi.core.deadlines import sync as sync_deadlines
from fazhi.core.deadlines import sync_many as sync_deadlines_many
from fazhi.core.notifications import notify


class TransitionError(ValidationError):
    """A transition that is not allowed now; its message is shown to the user."""


Guard = Callable[[models.Model], str | None]
Effect = Callable[[models.Model, object], None]
Tell = Callable[[models.Model], tuple[str, str]]


@dataclass(frozen=True)
class Transition:
    name: str
    source: tuple[str, ...]
    target: str
    label: str
    capability: str = "records.write"
    guard: Guard | None = None  # returns a Chinese reason when the transition must not happen
    effect: Effect | None = None  # runs inside the transaction after the state is set
    confirm: str = ""  # question shown before the user commits
    style: str = "primary"
    # (message, url) for the citizen or company who filed the record online: it arrives in their
    # account (我的办件) when this step is taken. Staff-entered records have no such submitter.
    tell_submitter: Tell | None = None
    # The effect over many records at once (transition_many), when the stream offers it: it must
    # do what ``effect`` does to each record (and set the same values on the instances given).
    bulk_effect: Callable[[list, object], None] | None = None


@dataclass
class Workflow:
    """A stream's state machine. ``states`` is the stream's ``TextChoices`` of states (value and
    Chinese label), e.g. ``class ComplaintState(models.TextChoices)``; a plain dict is accepted too."""

    states: dict[str, str] | type[models.TextChoices]
    initial: str
    transitions: list[Transition] = field(default_factory=list)
    final: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if isinstance(self.states, type):  # the TextChoices class: its members, in order
            self.state_class = self.states
            self.states = dict(self.states.choices)
        # members are kept as their plain values: records, audit rows and JSON see "routed"
        self.initial = str(self.initial)
        self.final = frozenset(str(s) for s in self.final)
        self.transitions = [replace(t, source=tuple(str(s) for s in t.source), target=str(t.target))
                            for t in self.transitions]
        names = [t.name for t in self.transitions]
        assert len(names) == len(set(names)), "duplicate transition names"
        for t in self.transitions:
            assert t.target in self.states and set(t.source) <= set(self.states), t.name
        assert self.initial in self.states

    @property
    def choices(self) -> list[tuple[str, str]]:
        return list(self.states.items())

    def label(self, state: str) -> str:
        return self.states.get(state, state)

    def get(self, name: str) -> Transition:
        for t in self.transitions:
            if t.name == name:
                return t
        raise TransitionError("不存在该办理环节")

    def available(self, record: models.Model, user=None) -> list[Transition]:
        """Transitions the record's state allows (and, with ``user``, that the user may take)."""
        return [
            t for t in self.transitions
            if record.state in t.source
            and (user is None or scope.can(user, t.capability, record.unit, record))
        ]


def refusal(t: Transition, locked: models.Model, by, may=None) -> str | None:
    """Why ``by`` may not take ``t`` on ``locked`` now (state, capability, guard), or None.
    ``may(record) -> bool`` answers the capability when the caller has it cached."""
    if locked.state not in t.source:
        return f"当前状态为“{type(locked).workflow.label(locked.state)}”，不能执行“{t.label}”"
    if not (may(locked) if may else scope.can(by, t.capability, locked.unit, locked)):
        return "您没有权限办理该环节"
    return t.guard(locked) if t.guard else None


def transition(record: models.Model, name: str, *, by, note: str = "") -> models.Model:
    """Move ``record`` through transition ``name``, or raise ``TransitionError``."""
    workflow: Workflow = type(record).workflow
    t = workflow.get(name)
    with transaction.atomic():
        locked = type(record).objects.select_for_update().get(pk=record.pk)
        reason = refusal(t, locked, by)
        if reason:
            raise TransitionError(reason)
        before = audit.editable_snapshot(locked)
        locked.state = t.target
        locked.updated_by = by
        locked.updated_at = timezone.now()
        locked.version += 1
        locked.save()
        if t.effect:
            t.effect(locked, by)
        sync_deadlines(locked)
        # The audit row records every field the step changed, those its effect set included
        # (an effect may write with .update(), so the row is read back).
        old, new = audit.diff(before, audit.editable_snapshot(type(locked).objects.get(pk=locked.pk)))
        audit.record(
            action=audit.Action.TRANSITION, actor=by, obj=locked, before=old, after=new,
            note=f"{t.label}{'：' + note if note else ''}",
        )
        if t.tell_submitter:
            _tell_submitter(locked, t)
    record.refresh_from_db()
    return record


def transition_many(model: type[models.Model], pks: list[int], name: str, *, by,
                    note: str = "") -> dict[int, str]:
    """``transition`` for many records of one model at once, all or none: the same checks
    (state, capability, guard) per record, then one write of the state, the step's effect per
    record, the declared deadlines and the audit rows in bulk. Returns {pk: Chinese refusal} and
    changes nothing when any record is refused; {} when every record moved. Call it inside a
    transaction (the caller's rollback undoes what a later step refuses)."""
    t = model.workflow.get(name)
    allowed: dict[int, bool] = {}  # per unit: the capability does not depend on the record

    def may(record) -> bool:
        if record.unit_id not in allowed:
            allowed[record.unit_id] = scope.can(by, t.capability, record.unit, record)
        return allowed[record.unit_id]

    if not _saves_plainly(model):  # its save() or save signals must run: one record at a time
        return _one_by_one(model, pks, name, by=by, note=note)
    with transaction.atomic():
        locked = list(model.objects.select_for_update(of=("self",)).select_related("unit").filter(pk__in=pks))
        refused = {r.pk: reason for r in locked if (reason := refusal(t, r, by, may))}
        refused.update({pk: "记录不存在" for pk in set(pks) - {r.pk for r in locked}})
        if refused:
            return refused
        now = timezone.now()
        before = {}
        for r in locked:
            before[r.pk] = audit.editable_snapshot(r)
            r.state, r.updated_by, r.updated_at, r.version = t.target, by, now, r.version + 1
        # the same values for every record but its version: one UPDATE (bulk_update would build a CASE per row)
        model.objects.filter(pk__in=[r.pk for r in locked]).update(
            state=t.target, updated_by=by, updated_at=now, version=models.F("version") + 1)
        if t.bulk_effect:
            t.bulk_effect(locked, by)
        elif t.effect:
            for r in locked:
                t.effect(r, by)
        sync_deadlines_many(locked)
        after = {r.pk: r for r in model.objects.select_related("unit").filter(pk__in=pks)}
        events = []
        for r in locked:
            old, new = audit.diff(before[r.pk], audit.editable_snapshot(after[r.pk]))
            events.append(audit.build(action=audit.Action.TRANSITION, actor=by, obj=after[r.pk], before=old,
                                      after=new, note=f"{t.label}{'：' + note if note else ''}"))
        audit.record_many(events)
        if t.tell_submitter:
            for r in after.values():
                _tell_submitter(r, t)
    return {}


class _Undo(Exception):
    pass


def _saves_plainly(model: type[models.Model]) -> bool:
    return (model.save is models.Model.save and not signals.pre_save.has_listeners(model)
            and not signals.post_save.has_listeners(model))


def _one_by_one(model: type[models.Model], pks: list[int], name: str, *, by, note: str) -> dict[int, str]:
    refused: dict[int, str] = {}
    try:
        with transaction.atomic():
            for record in model.objects.filter(pk__in=pks).order_by("pk"):
                try:
                    transition(record, name, by=by, note=note)
                except TransitionError as exc:
                    refused[record.pk] = "；".join(exc.messages)
            if refused:
                raise _Undo
    except _Undo:
        pass
    return refused


def _tell_submitter(record: models.Model, t: Transition) -> None:
    """Notify the public account that filed ``record`` (once per record and step)."""
    submitter = getattr(record, "created_by", None)
    if submitter is None or not submitter.is_active or not getattr(submitter, "is_public_user", False):
        return

    title, url = t.tell_submitter(record)
    notify(user=submitter, key=f"submitter:{record._meta.label_lower}:{record.pk}:{t.name}", title=title, url=url)
