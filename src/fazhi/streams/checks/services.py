"""Writes of the 涉企行政检查 stream beyond the generic ledger services: the 检查码 issued at
registration, the coordinator's approval of an inspection beyond the 无事不扰 cap, and the
public look-up of a code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from fazhi.core import audit, scope
from fazhi.core.roles import Role
from fazhi.streams.checks import rules
from fazhi.streams.checks.models import BusinessInspection, new_code, normalise_code

CODE_ATTEMPTS = 5
APPROVERS = "只有法治办统筹人员可以批准超频次检查"


def issue_code(inspection: BusinessInspection) -> str:
    """Stamp the registration time and store a new unique 检查码 (inside the register transition)."""
    for _ in range(CODE_ATTEMPTS):
        code = new_code()
        try:
            with transaction.atomic():
                BusinessInspection.objects.filter(pk=inspection.pk).update(
                    check_code=code, registered_at=timezone.now())
        except IntegrityError:
            continue
        inspection.check_code = code
        return code
    raise ValidationError("检查码生成失败，请重试")


def approve_over_cap(inspection: BusinessInspection, *, by, reason: str) -> BusinessInspection:
    """The coordinator (法治办) allows one more inspection of an entity beyond the yearly cap."""
    if Role.COORDINATOR not in by.roles() or not scope.can(by, "records.read", inspection.unit):
        raise PermissionDenied(APPROVERS)
    reason = (reason or "").strip()
    if len(reason) < 4:
        raise ValidationError("请填写批准理由")
    if inspection.state != "draft":
        raise ValidationError("只有待登记的检查需要批准")
    with transaction.atomic():
        locked = BusinessInspection.objects.select_for_update().get(pk=inspection.pk)
        before = audit.editable_snapshot(locked)
        locked.cap_reason, locked.cap_approved_by, locked.cap_approved_at = reason, by, timezone.now()
        locked.version += 1
        locked.save(update_fields=["cap_reason", "cap_approved_by", "cap_approved_at", "version"])
        old, new = audit.diff(before, audit.editable_snapshot(locked))
        audit.record(action=audit.Action.UPDATE, actor=by, obj=locked, before=old, after=new,
                     note=f"批准超出无事不扰上限的检查：{reason}")
    return locked


@dataclass(frozen=True)
class CodeStatus:
    status: str  # "shown", "unknown", "cancelled", "expired", "not_yet"
    inspection: BusinessInspection | None = None


def lookup(code: str, today: date | None = None) -> CodeStatus:
    """What the public page may say about a 检查码."""
    today = today or timezone.localdate()
    code = normalise_code(code)
    found = (BusinessInspection.objects.filter(check_code=code).exclude(state="draft")
             .select_related("unit").first() if code else None)
    if found is None:
        return CodeStatus("unknown")
    if found.state == "cancelled":
        return CodeStatus("cancelled")
    if (found.planned_on - today).days > rules.reveal_days():
        return CodeStatus("not_yet")
    if (today - found.planned_on).days > rules.valid_days():
        return CodeStatus("expired")
    return CodeStatus("shown", found)

