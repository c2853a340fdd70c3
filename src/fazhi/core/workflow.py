"""Declarative state machines with guarded transitions.

A stream declares its ``Workflow`` once (states, initial state, transitions); every state
change goes through ``transition()``, which checks the source state, the actor's
capability on the record's unit and the guard, then saves and writes the audit event in
one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from fazhi.core import audit, scope


class TransitionError(ValidationError):
    """A transition that is not allowed now; its message is shown to the user."""


Guard = Callable[[models.Model], str | None]
Effect = Callable[[models.Model, object], None]


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


@dataclass
class Workflow:
    states: dict[str, str]
    initial: str
    transitions: list[Transition] = field(default_factory=list)
    final: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
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

    def available(self, record: models.Model, user=None) -> list[Transition]:  # noqa: ANN001
        """Transitions the record's state allows (and, with ``user``, that the user may take)."""
        return [
            t for t in self.transitions
            if record.state in t.source
            and (user is None or scope.can(user, t.capability, record.unit))
        ]


def transition(record: models.Model, name: str, *, by, note: str = "") -> models.Model:  # noqa: ANN001
    """Move ``record`` through transition ``name``, or raise ``TransitionError``."""
    workflow: Workflow = type(record).workflow
    t = workflow.get(name)
    with transaction.atomic():
        locked = type(record).objects.select_for_update().get(pk=record.pk)
        if locked.state not in t.source:
            raise TransitionError(
                f"当前状态为“{workflow.label(locked.state)}”，不能执行“{t.label}”"
            )
        if not scope.can(by, t.capability, locked.unit):
            raise TransitionError("您没有权限办理该环节")
        reason = t.guard(locked) if t.guard else None
        if reason:
            raise TransitionError(reason)
        before = locked.state
        locked.state = t.target
        locked.updated_by = by
        locked.updated_at = timezone.now()
        locked.version += 1
        locked.save()
        if t.effect:
            t.effect(locked, by)
        audit.record(
            action=audit.Action.TRANSITION, actor=by, obj=locked,
            before={"state": before}, after={"state": t.target},
            note=f"{t.label}{'：' + note if note else ''}",
        )
    record.refresh_from_db()
    return record
