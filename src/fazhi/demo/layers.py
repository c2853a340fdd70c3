"""The demo's later years (issue 17): the seed year's records of a stream replayed into the
previous full year and into the current year up to today, so the cockpit, the dashboard and the
current year's draft show real work.

A county does about the same work every year, so a later year repeats the seed year's calendar:
each record of ``SEED_YEAR`` (and the rows hanging from it in the same app) is copied with its
dates moved by whole weeks (weekdays stay weekdays) into the target year. In the current year only
what has happened by ``timezone.localdate()`` is kept: a record that starts after today is not
copied (so the volume follows the part of the year elapsed), and a record whose later steps fall
after today stops at the last step reached (``Step``): its state goes back to that step's, the
later dates and their results are emptied, and its deadlines run (``core.deadlines.sync_many``), a
few of them overdue, so reminders show. Nothing is ever dated after today.

Rows are written in bulk, one model at a time (the demo must stay fast); every copy is a function
of the seed rows and the target year, so a second run finds its first copy and adds nothing.
Streams call ``replay(app_label, ...)`` at the end of their ``demo.load``; this module knows no
stream (it reads the app's models from the app registry).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.apps import apps
from django.db import models
from django.utils import timezone

from fazhi.core.deadlines import sync_many

SEED_YEAR = 2023  # the year of the seed report, whose figures the demo reproduces exactly


@dataclass(frozen=True)
class Step:
    """One step of a record's life: the date it was taken on, the state it leaves the record in,
    and the fields it fills (emptied with the date when the step is after today)."""

    on: str
    state: str
    fills: tuple[str, ...] = ()


@dataclass
class Lifecycle:
    """A model's steps in order. ``start``: the field dating the record's beginning (a record
    beginning after today is not copied); None: the first step's; "": none (the record exists as
    soon as its parent does, e.g. a task of a plan). ``initial``: the state of a record none of
    whose steps is reached by today."""

    steps: tuple[Step, ...]
    start: str | None = None
    initial: str = ""


def layer_years(today: date | None = None) -> tuple[int, ...]:
    """The years the demo fills besides the seed year: the previous full year and the current one."""
    today = today or timezone.localdate()
    return tuple(y for y in (today.year - 1, today.year) if y > SEED_YEAR)


def week_shift(year: int) -> timedelta:
    """Whole weeks from the seed year's 1 January to ``year``'s, rounded: dates keep their weekday."""
    days = (date(year, 1, 1) - date(SEED_YEAR, 1, 1)).days
    return timedelta(weeks=round(days / 7))


SEED_YEAR_IN_TEXT = re.compile(rf"(?<![0-9]){SEED_YEAR}(?![0-9])")
# codes with check characters, digests and contact data keep their characters
KEPT_TEXT = re.compile(r"code|credit|hash|sha|seed|id_number|phone")
LAST_NUMBER = re.compile(r"[0-9]+(?=[^0-9]*$)")


def _year_text(field: models.Field, value: str, year: int) -> str:
    """The seed year written in a text (a document number, a title, a query code such as
    JB2023-0007) as the target year."""
    if KEPT_TEXT.search(field.name):
        return value
    return SEED_YEAR_IN_TEXT.sub(str(year), value)


def _date_fields(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields
            if isinstance(f, models.DateField) and not (f.auto_now or f.auto_now_add)]


def _unique_text_fields(model: type[models.Model]) -> set[str]:
    """Text fields that take part in a uniqueness rule (a copy must differ in them)."""
    names = {f.name for f in model._meta.concrete_fields if f.unique and isinstance(f, models.CharField)}
    groups = [*model._meta.unique_together,
              *(c.fields for c in model._meta.constraints if getattr(c, "fields", None))]
    for group in groups:
        fields = [model._meta.get_field(n) for n in group]
        if not any(isinstance(f, models.DateField) or f.name == "year" for f in fields):
            names |= {f.name for f in fields if isinstance(f, models.CharField)}
    return names


def _app_models(app_label: str) -> list[type[models.Model]]:
    """The app's models, parents before the rows that point to them."""
    pending = list(apps.get_app_config(app_label).get_models())
    ordered: list[type[models.Model]] = []
    while pending:
        for model in pending:
            parents = {f.related_model for f in model._meta.concrete_fields
                       if f.is_relation and f.related_model is not model and f.related_model in pending}
            if not parents:
                ordered.append(model)
                pending.remove(model)
                break
        else:  # a cycle: keep the declared order
            ordered += pending
            break
    return ordered


class _Copier:
    def __init__(self, year: int, today: date, lifecycles: dict[str, Lifecycle]) -> None:
        self.year, self.today, self.lifecycles = year, today, lifecycles
        self.shift = week_shift(year)
        self.last = min(today, date(year, 12, 31))
        self.copies: dict[type[models.Model], dict[int, models.Model]] = {}
        self.cut: dict[type[models.Model], set[int]] = {}  # seed rows not copied (after today)
        self.taken: dict[tuple[type[models.Model], str], set[str]] = {}
        self.done: set[type[models.Model]] = set()  # copied by an earlier run

    def _moved(self, value):
        if isinstance(value, datetime):
            return value + self.shift
        if isinstance(value, date):
            return value + self.shift
        return value

    def copy_of(self, row: models.Model, *, has_year: bool) -> models.Model | None:
        model = type(row)
        new = copy.copy(row)
        new.pk = None
        new.id = None
        new._state = models.base.ModelState()
        # the rows it points to in the same app are their copies (a row whose parent was not
        # copied is not copied either)
        for f in model._meta.concrete_fields:
            if f.is_relation and f.related_model in self.copies:
                old = getattr(row, f.attname)
                if old is None:
                    continue
                if f.related_model is model:  # a chain within one kind (a redraw) starts afresh
                    setattr(new, f.attname, None)
                    continue
                parent = self.copies[f.related_model].get(old)
                if parent is not None:
                    setattr(new, f.attname, parent.pk)
                elif old in self.cut.get(f.related_model, ()):
                    return None  # its parent has not happened yet
                # else: a row of another year (a register entry) stays linked as it is
        for f in _date_fields(model):
            setattr(new, f.attname, self._moved(getattr(row, f.attname)))
        if has_year:
            new.year = self.year
        unique = _unique_text_fields(model)
        for f in model._meta.concrete_fields:
            if isinstance(f, models.CharField | models.TextField) and not f.choices:
                value = getattr(new, f.attname)
                if isinstance(value, str) and value:
                    moved = _year_text(f, value, self.year)
                    if f.name in unique:
                        moved = self._free(model, f, value, moved)
                    setattr(new, f.attname, moved)
        return self._cut(new)

    def _free(self, model: type[models.Model], f: models.Field, value: str, moved: str) -> str:
        """A value of a unique text field no row holds yet: the copy's number (a document
        number's last figure raised by 100 until free), or the value marked with the year."""
        taken = self.taken.get((model, f.name))
        if taken is None:
            taken = self.taken[(model, f.name)] = set(model.objects.values_list(f.attname, flat=True))
        if moved == value:
            moved = f"{value[:(f.max_length or 200) - 5]}-{self.year}"
        while moved in taken:
            number = LAST_NUMBER.search(moved)
            if number is None:
                moved = f"{moved}-{self.year}"
                continue
            moved = f"{moved[:number.start()]}{int(number.group()) + 100}{moved[number.end():]}"
        taken.add(moved)
        return moved

    def _start(self, row: models.Model) -> date | None:
        life = self.lifecycles.get(type(row).__name__)
        name = life.start if life and life.start is not None else (life.steps[0].on if life else None)
        if name == "":
            return None
        if name is None:
            dated = [getattr(row, f.attname) for f in _date_fields(type(row))
                     if getattr(row, f.attname) and not self._planned(f)]
            value = min((d.date() if isinstance(d, datetime) else d for d in dated), default=None)
        else:
            value = getattr(row, name)
        return value.date() if isinstance(value, datetime) else value

    def _cut(self, row: models.Model) -> models.Model | None:
        """The record as it stands today: None when it starts after today (or outside the year of
        a year-bound record), else its steps up to today."""
        model = type(row)
        start = self._start(row)
        if start is not None and (start > self.last or (hasattr(row, "year") and start.year != self.year
                                                         and start < date(self.year, 1, 1))):
            return None
        life = self.lifecycles.get(model.__name__)
        if life is not None:
            reached = life.initial or None
            for i, step in enumerate(life.steps):
                on = getattr(row, step.on)
                on_day = on.date() if isinstance(on, datetime) else on
                if on_day is not None and on_day > self.today:
                    for later in life.steps[i:]:
                        setattr(row, later.on, None)
                        for name in later.fills:
                            f = model._meta.get_field(name)
                            setattr(row, f.attname, None if f.null else f.get_default())
                    if reached is not None:
                        row.state = reached
                    break
                if on_day is not None:
                    reached = step.state
        # any other date after today: an unfinished fact is empty, a required one means the row
        # has not happened yet
        for f in _date_fields(model):
            value = getattr(row, f.attname)
            day = value.date() if isinstance(value, datetime) else value
            if day is not None and day > self.today and not self._planned(f):
                if not f.null:
                    return None
                setattr(row, f.attname, None)
        return row

    @staticmethod
    def _planned(f: models.Field) -> bool:
        """Dates that are plans or limits, not facts (a deadline may lie ahead)."""
        return any(w in f.name for w in ("due", "deadline", "until", "planned", "required_by", "valid",
                                          "period_end", "accept_", "completion", "hearing_to"))


def replay(app_label: str, *, lifecycles: Sequence[tuple[str, Lifecycle]] = (),
           skip: Iterable[str] = (), today: date | None = None) -> dict[int, int]:
    """Copy the app's seed-year rows into each of ``layer_years``; returns rows written per year.
    ``lifecycles``: (model name, its steps) for the models with a workflow; ``skip``: model names
    not to copy (registers that are not yearly, rows another step of the demo writes)."""
    today = today or timezone.localdate()
    skip = set(skip)
    written: dict[int, int] = {}
    for year in layer_years(today):
        copier = _Copier(year, today, dict(lifecycles))
        written[year] = 0
        for model in _app_models(app_label):
            if model.__name__ in skip:
                continue
            has_year = any(f.name == "year" for f in model._meta.concrete_fields)
            if any(f.is_relation and f.related_model in copier.done for f in model._meta.concrete_fields):
                copier.done.add(model)
                continue
            if has_year:
                seed = model.objects.filter(year=SEED_YEAR)
            else:
                links = [f for f in model._meta.concrete_fields
                         if f.is_relation and f.related_model in copier.copies and f.related_model is not model]
                if not links:
                    continue
                seed = model.objects.filter(**{f"{links[0].name}__in": list(copier.copies[links[0].related_model])})
            pairs, cut = [], set()
            copier.copies.setdefault(model, {})  # rows linking to their own kind see the earlier copies
            for row in seed.order_by("pk"):
                new = copier.copy_of(row, has_year=has_year)
                if new is None:
                    cut.add(row.pk)
                else:
                    pairs.append((row.pk, new))
            copier.cut[model] = cut
            if not pairs:
                continue
            if _already(model, pairs[0][1]):
                copier.done.add(model)
                continue
            made = model.objects.bulk_create([new for _pk, new in pairs], batch_size=500)
            copier.copies[model] = {old: new for (old, _), new in zip(pairs, made, strict=True)}
            written[year] += len(made)
            if getattr(model, "tracked", ()):
                sync_many(made)
    return written


def _already(model: type[models.Model], first: models.Model) -> bool:
    """Whether this copy was made by an earlier run (its dates, unit and year are found)."""
    lookup = {f.attname: getattr(first, f.attname) for f in _date_fields(model)
              if getattr(first, f.attname) is not None}
    for name in ("unit_id", "year"):
        if hasattr(first, name):
            lookup[name] = getattr(first, name)
    for f in model._meta.concrete_fields:
        if f.is_relation and getattr(first, f.attname) is not None and f.related_model is not model:
            lookup[f.attname] = getattr(first, f.attname)
    return model.objects.filter(**lookup).exists()
