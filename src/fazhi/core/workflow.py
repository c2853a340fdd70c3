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
from django.utils import timezone

from fazhi.core import audit, scope
from fazhi.core.deadlines import sync as sync_deadlines
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


def transition(record: models.Model, name: str, *, by, note: str = "") -> models.Model:
    """Move ``record`` through transition ``name``, or raise ``TransitionError``."""
    workflow: Workflow = type(record).workflow
    t = workflow.get(name)
    with transaction.atomic():
        locked = type(record).objects.select_for_update().get(pk=record.pk)
        if locked.state not in t.source:
            raise TransitionError(
                f"当前状态为“{workflow.label(locked.state)}”，不能执行“{t.label}”"
            )
        if not scope.can(by, t.capability, locked.unit, locked):
            raise TransitionError("您没有权限办理该环节")
        reason = t.guard(locked) if t.guard else None
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


def _tell_submitter(record: models.Model, t: Transition) -> None:
    """Notify the public account that filed ``record`` (once per record and step)."""
    submitter = getattr(record, "created_by", None)
    if submitter is None or not submitter.is_active or not getattr(submitter, "is_public_user", False):
        return

    title, url = t.tell_submitter(record)
    notify(user=submitter, key=f"submitter:{record._meta.label_lower}:{record.pk}:{t.name}", title=title, url=url)
