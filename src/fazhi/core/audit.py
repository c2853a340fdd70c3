"""Audit events: written by services inside the transaction of the change they record."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models.fields.files import FieldFile
from django.dispatch import Signal

from fazhi.core import context, ratelimit
from fazhi.core.config import setting
from fazhi.core.models import AuditEvent, Unit

Action = AuditEvent.Action

# Sent with ``events=[AuditEvent, …]`` once events are written, inside the change's transaction:
# whatever is derived from the records (indicator snapshots of closed years) drops what they touch.
recorded = Signal()


_PLAIN = frozenset({str, int, bool, float, type(None)})


def _jsonable(value: Any) -> Any:
    if type(value) in _PLAIN:  # most values: nothing to convert (checked first, imports snapshot every row)
        return value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, FieldFile):  # an uploaded file is recorded by its stored name
        return value.name or ""
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The concrete field values of ``obj`` as JSON-ready data (FKs as their ids)."""
    names = fields or [f.attname for f in obj._meta.concrete_fields]
    return {name: _jsonable(getattr(obj, name)) for name in names}


# Bookkeeping fields every ledger record carries; an audit row records what the user changed.
BOOKKEEPING = frozenset({"version", "created_at", "updated_at", "created_by_id", "updated_by_id"})


def editable_snapshot(obj: models.Model) -> dict[str, Any]:
    """``snapshot`` without the bookkeeping fields."""
    return {k: v for k, v in snapshot(obj).items() if k not in BOOKKEEPING}


def diff(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    changed = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in changed}, {k: after.get(k) for k in changed}


def record(**fields: Any) -> AuditEvent:
    """Write one audit event (the keyword arguments of ``build``). Call inside the transaction
    of the change."""
    event = build(**fields)
    event.save()
    recorded.send(sender=AuditEvent, events=[event])
    return event


def record_many(events: list[AuditEvent]) -> None:
    """Write events built with ``build`` in one insert (bulk writers), inside their change's transaction."""
    AuditEvent.objects.bulk_create(events, batch_size=2000)
    recorded.send(sender=AuditEvent, events=events)


def build(
    *,
    action: str,
    actor=None,
    obj: models.Model | None = None,
    unit: Unit | None = None,
    before: dict | None = None,
    after: dict | None = None,
    note: str = "",
    actor_name: str = "",
) -> AuditEvent:
    """The unsaved event ``record`` would write: bulk writers (imports) build many and insert
    them with ``AuditEvent.objects.bulk_create`` in the transaction of their change."""
    if unit is None and obj is not None:
        unit = obj if isinstance(obj, Unit) else getattr(obj, "unit", None)
        if not isinstance(unit, Unit):
            unit = None
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent(
        actor=actor if authenticated else None,
        actor_name=actor_name or (actor.get_username() if authenticated else "匿名"),
        unit=unit,
        address=context.current().address,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        before=_jsonable(before) if before else None,
        after=_jsonable(after) if after else None,
        note=note[:500],
    )


def history_of(obj: models.Model) -> models.QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).select_related("actor")


# -- refused access --------------------------------------------------------------------------
# Probing (opening other units' records, guessing ids, hammering a limit) must be visible to the
# audit administrator, but a flood must not fill the table: each account (or address, when
# anonymous) leaves at most FAZHI_AUDIT_DENIED_PER_MINUTE rows a minute, and all anonymous
# callers together at most ANONYMOUS_TOTAL_FACTOR times that.

DENIED_PER_MINUTE = 20
ANONYMOUS_TOTAL_FACTOR = 10
REFUSALS = {403: "无权访问", 404: "记录不存在或无权查看", 429: "请求过于频繁"}
RECORD_KWARGS = ("pk", "id")  # URL arguments that make a page a record's page


def denied_per_minute() -> int:

    return int(setting("FAZHI_AUDIT_DENIED_PER_MINUTE", DENIED_PER_MINUTE))


def is_audited_refusal(request, status: int) -> bool:
    """403 and 429 anywhere; 404 only on a record's page (an unknown id or one out of scope),
    not on any mistyped address."""
    if status not in REFUSALS:
        return False
    if status != 404:
        return True
    match = getattr(request, "resolver_match", None)
    return match is not None and any(k in match.kwargs for k in RECORD_KWARGS)


def record_refusal(request, status: int) -> AuditEvent | None:
    """Write an ``access.denied`` event for a refused request, within the per-minute cap;
    None when the request is not an audited refusal or the cap is used up."""

    if not is_audited_refusal(request, status):
        return None
    limit = denied_per_minute()
    who = ratelimit.request_key(request)
    count = ratelimit.hit_count("audit.denied", who, window=60)
    if count > limit:
        return None
    user = getattr(request, "user", None)
    anonymous = user is None or not user.is_authenticated
    if anonymous and not ratelimit.hit("audit.denied|anonymous", "all", limit=limit * ANONYMOUS_TOTAL_FACTOR,
                                       window=60):
        return None
    note = f"{REFUSALS[status]}（{status}）：{request.method} {request.path}"
    if count == limit:
        note += f"。本分钟内已达{limit}条上限，其后的拒绝访问不再逐条记录"
    return record(action=Action.ACCESS_DENIED, actor=user, note=note)
