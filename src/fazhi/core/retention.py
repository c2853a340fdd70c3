"""Retention of personal data (PIPL art. 19, 47): a closed case keeps its personal data only for
the retention period; after it the personal fields are replaced by masked values.

A record is *closed* when its state is one of its workflow's ``final`` states; its closing date is
the model's ``retention_closing_field`` when it declares one, else ``updated_at`` (every update
and transition sets it, so for a closed record it is the day it was closed or last corrected).

The period is ``FAZHI_RETENTION_YEARS`` (default 10 — [U] left to the operator's archive rules),
overridable per stream or per model with ``FAZHI_RETENTION_YEARS_BY_MODEL``, e.g.
``{"petitions": 5, "mediation.mediationcase": 3}`` (a model label wins over its stream).

Anonymising writes the masked values straight to the table (an ID number masked to asterisks
would no longer pass the record's own validation, which is the point), bumps the record's
``version`` so that an open edit form refuses a stale save, and writes one ``AuditEvent`` per
record naming the fields — never their values. Running it again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.apps import apps
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from fazhi.core import audit, privacy
from fazhi.core.config import setting
from fazhi.core.ledger import Record

DEFAULT_YEARS = 10
PLACEHOLDER = "（已匿名化）"


def _mask_all(value: str) -> str:
    return "*" * len(value)


# Retention is stronger than public masking: numbers go entirely, a name keeps its surname
# (as in published judgments), an address its township, an e-mail its domain.
ANONYMISERS = {
    "id_number": _mask_all,
    "phone": _mask_all,
    "ip": _mask_all,
    "account": privacy.mask_account,
    "name": privacy.mask_name,
    "names": privacy.mask_names,
    "address": privacy.mask_address,
    "email": privacy.mask_email,
}


def anonymise_value(kind: str, value: str) -> str:
    """The retained form of a personal value; a fixed point (anonymising it again changes nothing)."""
    if not value:
        return value
    return ANONYMISERS.get(kind, _mask_all)(value)


def retention_years(model) -> int:
    overrides = setting("FAZHI_RETENTION_YEARS_BY_MODEL", {}) or {}
    for key in (model._meta.label_lower, model._meta.app_label):
        if key in overrides:
            return int(overrides[key])
    return int(setting("FAZHI_RETENTION_YEARS", DEFAULT_YEARS))


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def covered_models() -> list:
    """Ledger models that hold personal data and know when a record is closed."""

    return [m for m in apps.get_models()
            if issubclass(m, Record) and m.personal_fields and m.workflow is not None and m.workflow.final]


def closing_field(model) -> str:
    return getattr(model, "retention_closing_field", "") or "updated_at"


def due_records(model, today: date | None = None):
    """Closed records of ``model`` whose closing date is older than the retention period."""
    today = today or timezone.localdate()
    cutoff = _years_before(today, retention_years(model))
    name = closing_field(model)
    f = model._meta.get_field(name)
    if f.get_internal_type() == "DateTimeField":
        limit = timezone.make_aware(datetime.combine(cutoff, time.min))
    else:
        limit = cutoff
    return model.objects.filter(state__in=model.workflow.final, **{f"{name}__lt": limit}).order_by("pk")


def pending_changes(record) -> dict[str, str]:
    """{field: anonymised value} for the personal fields still holding an original value."""
    changes = {}
    for name, kind in type(record).personal_fields.items():
        value = getattr(record, name)
        if isinstance(value, str) and value:
            new = anonymise_value(kind, value)
            if new != value:
                changes[name] = new
    return changes


@dataclass
class ModelReport:
    label: str
    title: str
    years: int
    due: int = 0  # closed records past the period
    anonymised: int = 0  # records changed now (or, in a dry run, that would be)
    fields: set[str] = field(default_factory=set)


def anonymise(*, dry_run: bool = False, today: date | None = None, by=None) -> list[ModelReport]:
    """Anonymise every covered model's due records; return what was (or would be) done."""
    reports = []
    for model in covered_models():
        rep = ModelReport(model._meta.label_lower, str(model._meta.verbose_name_plural), retention_years(model))
        for record in due_records(model, today).iterator(chunk_size=500):
            rep.due += 1
            changes = pending_changes(record)
            if not changes:
                continue
            rep.anonymised += 1
            rep.fields |= set(changes)
            if not dry_run:
                _apply(record, changes, rep.years, by)
        reports.append(rep)
    return reports


def _apply(record, changes: dict[str, str], years: int, by) -> None:
    model = type(record)
    with transaction.atomic():
        model.objects.filter(pk=record.pk).update(**changes, version=F("version") + 1)
        record.refresh_from_db()  # the event's object_repr is built from the anonymised values
        labels = "、".join(str(model._meta.get_field(n).verbose_name) for n in sorted(changes))
        audit.record(
            action=audit.Action.UPDATE, actor=by, obj=record, actor_name="" if by else "系统（保存期限）",
            after={name: PLACEHOLDER for name in sorted(changes)},
            note=f"个人信息匿名化：办结超过{years}年（{labels}）",
        )
