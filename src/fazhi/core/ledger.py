"""The abstract ledger record and the generic write services every stream uses.

``record_create`` / ``record_update`` / ``record_delete`` check the actor's scope, validate
the whole record, save, and write the audit event (before → after) in one transaction.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from fazhi.core import audit, scope
from fazhi.core.deadlines import Tracked
from fazhi.core.deadlines import sync as sync_deadlines

CONFLICT_MESSAGE = "该记录已被他人修改，请刷新后重新编辑"
NUL_MESSAGE = "内容中不能包含空字符"
STALE_VERSION = -1  # what a missing or garbled version counts as: never a record's version


def submitted_version(value: Any) -> int:
    """The version an edit form says its page was read at. Every edit must carry it: a missing,
    empty or garbled value counts as a stale page, so the save is refused with
    ``CONFLICT_MESSAGE`` rather than skipping the stale-edit check."""
    if isinstance(value, bool):
        return STALE_VERSION
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return STALE_VERSION


class Record(models.Model):
    """A row of a stream's ledger (台账): owned by a unit, in a year, in a workflow state."""

    unit = models.ForeignKey("core.Unit", verbose_name="承办单位", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField("年度", db_index=True)
    state = models.CharField("状态", max_length=30, db_index=True)
    version = models.PositiveIntegerField("版本", default=1, editable=False)
    created_at = models.DateTimeField("登记时间", auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+", editable=False)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="更新人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+", editable=False)
    # The record's statutory deadlines; deleted together with the record.
    deadlines = GenericRelation("core.Deadline")

    # Set by each stream: its Workflow, {field: masking kind} for personal data (kinds in
    # core.privacy.MASKERS), and the URL namespace of its pages when it is not the app label
    # (a stream with several ledgers nests them: "mediation:committees").
    workflow: ClassVar[Any] = None
    # The statutory deadlines the record carries (core.deadlines.Tracked), kept in step by core
    # after every create, update and transition.
    tracked: ClassVar[tuple[Tracked, ...]] = ()
    personal_fields: ClassVar[dict[str, str]] = {}
    url_namespace: ClassVar[str] = ""
    # Records only the system creates (a scoring run, a draw): the API offers no create or batch for them.
    generated_only: ClassVar[bool] = False

    class Meta:
        abstract = True

    def get_absolute_url(self) -> str:

        return reverse(f"{self.url_namespace or self._meta.app_label}:detail", args=[self.pk])

    def after_save(self, *, by, created: bool, changes: dict[str, Any]) -> None:
        """Hook run inside the write's transaction after every create/update through the
        services — e.g. to (re)start statutory deadlines when a date field changed.
        ``changes`` maps each changed field to its new value (all fields on create)."""

    def clean_fields(self, exclude=None) -> None:
        """Django's field checks, and no NUL character in any text: PostgreSQL cannot store one,
        and a form never sends one, so it can only come from a crafted request (API fuzzing)."""
        errors: dict = {}
        try:
            super().clean_fields(exclude)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        for f in self._meta.concrete_fields:
            value = getattr(self, f.attname, None)
            if isinstance(value, str) and "\x00" in value and not (exclude and f.name in exclude):
                errors.setdefault(f.name, []).append(ValidationError(NUL_MESSAGE, code="null_characters_not_allowed"))
        if errors:
            raise ValidationError(errors)

    @property
    def state_label(self) -> str:
        return self.workflow.label(self.state) if self.workflow else self.state


def record_create(model: type[Record], *, by, unit, **fields: Any) -> Record:
    scope.require(by, "records.write", unit, model)
    return _create(model, by=by, unit=unit, **fields)


def record_issue(model: type[Record], *, by, unit, capability: str, **fields: Any) -> Record:
    """A record the coordinating office opens in another unit's ledger (a 整改 task after a
    督察 finding, a request for the unit's annual report): ``capability`` on ``unit`` (e.g.
    ``reports.manage``, held for every unit) stands in for ``records.write``; the record is
    validated, saved and audited exactly like ``record_create``."""
    scope.require(by, capability, unit, model)
    return _create(model, by=by, unit=unit, **fields)


def record_submit(model: type[Record], *, by, unit, **fields: Any) -> Record:
    """A request a citizen or company files from the portal (依申请公开, 问题举报 …): the public
    may address any unit, so no staff scope is checked; the record is validated, saved and
    audited exactly like ``record_create``, with the account as its ``created_by``."""

    if not getattr(by, "is_authenticated", False) or not by.is_public_user:
        raise PermissionDenied("请使用公众账号提交")
    return _create(model, by=by, unit=unit, **fields)


def _create(model: type[Record], *, by, unit, **fields: Any) -> Record:
    with transaction.atomic():
        record = model(unit=unit, created_by=by, updated_by=by, **fields)
        if not record.state and model.workflow:
            record.state = model.workflow.initial
        record.full_clean()
        record.save()
        after = audit.editable_snapshot(record)
        record.after_save(by=by, created=True, changes=after)
        sync_deadlines(record)
        audit.record(action=audit.Action.CREATE, actor=by, obj=record, after=after)
    return record


def record_update(record: Record, *, by, expected_version: int | None = None, **changes: Any) -> Record:
    """Apply ``changes``; with ``expected_version``, refuse if someone saved in between."""
    scope.require(by, "records.write", record.unit, record)
    with transaction.atomic():
        current = type(record).objects.select_for_update().get(pk=record.pk)
        if expected_version is not None and current.version != expected_version:
            raise ValidationError(CONFLICT_MESSAGE, code="conflict")
        before = audit.editable_snapshot(current)
        for name, value in changes.items():
            setattr(current, name, value)
        if "unit" in changes:
            scope.require(by, "records.write", current.unit, current)
        current.updated_by = by
        current.updated_at = timezone.now()
        current.version += 1
        current.full_clean()
        current.save()
        old, new = audit.diff(before, audit.editable_snapshot(current))
        current.after_save(by=by, created=False, changes=new)
        sync_deadlines(current)
        if new:
            audit.record(action=audit.Action.UPDATE, actor=by, obj=current, before=old, after=new)
    return current


def record_delete(record: Record, *, by) -> None:
    scope.require(by, "records.write", record.unit, record)
    with transaction.atomic():
        audit.record(action=audit.Action.DELETE, actor=by, obj=record, before=audit.editable_snapshot(record))
        record.delete()
