"""Business rules of the petition stream that are more than one field: the approved extension
of the handling period (the deadlines themselves are declared on the model)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError

from fazhi.core import scope
from fazhi.core.ledger import record_update


def petition_extend(petition, *, by, approver: str, on: date, reason: str):
    """Extend the handling period by 30 days, once, with the approval of the unit's head
    (信访工作条例 第三十四条: 经本机关、单位负责人批准，延长期限不得超过30日)."""
    scope.require(by, "records.approve", petition.unit)
    if petition.state != "handling":
        raise ValidationError("只有已受理、正在办理的信访件可以延期")
    if petition.extension_approved_on:
        raise ValidationError("该信访件已延期一次；延长期限不得超过30日（信访工作条例 第三十四条）")
    if not approver.strip() or not reason.strip():
        raise ValidationError("延期须写明批准人和延期理由")
    return record_update(petition, by=by, expected_version=petition.version, extension_approved_on=on,
                         extension_approver=approver.strip(), extension_reason=reason.strip())
