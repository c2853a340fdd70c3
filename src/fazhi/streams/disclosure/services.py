"""Writes of the 依申请公开 stream that the generic pages cannot express."""

from __future__ import annotations

from django.db import transaction

from fazhi.core import scope
from fazhi.core.ledger import record_update
from fazhi.core.workflow import TransitionError, transition
from fazhi.streams.disclosure.models import DisclosureRequest


def extend_reply(record: DisclosureRequest, *, by, days: int, reason: str) -> DisclosureRequest:  # noqa: ANN001
    """The head of the GIP work unit approves one extension of at most 20 working days
    (政府信息公开条例 第三十三条第二款); the approver and date are kept on the record and on
    the reply deadline. Everything or nothing is saved."""
    scope.require(by, "records.approve", record.unit)
    if record.extension_approver:
        raise TransitionError("答复期限只能延长一次（政府信息公开条例 第三十三条第二款）")
    with transaction.atomic():
        record = record_update(record, by=by, extension_days=days, extension_reason=reason.strip())
        return transition(record, "extend", by=by, note=f"延长{days}个工作日：{reason.strip()}")
