"""Writes of the 依申请公开 stream that the generic pages cannot express."""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from fazhi.core import ratelimit, scope
from fazhi.core.config import setting
from fazhi.core.ledger import record_submit, record_update
from fazhi.core.workflow import TransitionError, transition
from fazhi.streams.disclosure import rules
from fazhi.streams.disclosure.models import ApplicantType, Channel, DisclosureRequest


def extend_reply(record: DisclosureRequest, *, by, days: int, reason: str) -> DisclosureRequest:
    """The head of the GIP work unit approves one extension of at most 20 working days
    (政府信息公开条例 第三十三条第二款); the approver and date are kept on the record and on
    the reply deadline. Everything or nothing is saved."""
    scope.require(by, "records.approve", record.unit)
    if record.extension_approver:
        raise TransitionError("答复期限只能延长一次（政府信息公开条例 第三十三条第二款）")
    with transaction.atomic():
        record = record_update(record, by=by, extension_days=days, extension_reason=reason.strip())
        return transition(record, "extend", by=by, note=f"延长{days}个工作日：{reason.strip()}")


def reply_due(record: DisclosureRequest):
    """The statutory reply deadline as it stands (after pauses, extension or a 补正 restart): the
    Deadline row, whose ``due`` may still be provisional (``confirmed``; core.deadlines.due_text)."""
    keys = (rules.REPLY_AFTER_SUPPLEMENT.key, rules.REPLY.key)
    found = {d.key: d for d in record.deadlines.all() if d.key in keys}
    return next((found[k] for k in keys if k in found), None)


def request_submit(*, by, request=None, unit, applicant_name: str, applicant_phone: str,
                   information: str, applicant_id_number: str = "", applicant_credit_code: str = "",
                   applicant_address: str = "", requested_form: str = "", delivery_method: str = "",
                   ) -> DisclosureRequest:
    """A request filed online by a signed-in citizen or company (条例 第二十九条). Filing on the
    platform is the confirmation both sides give, so it is received the same day (第三十一条
    第三项) and the 20-working-day reply period starts at once. Rate-limited per account and per
    address; a refused or invalid request writes nothing."""
    if request is not None:
        ratelimit.require_public_form("disclosure", request, per_hour=setting("FAZHI_DISCLOSURE_PUBLIC_PER_HOUR", 5))
    today = timezone.localdate()
    kind = ApplicantType.OTHER_ORG if by.kind == by.Kind.COMPANY else ApplicantType.NATURAL
    for _ in range(5):
        number = f"WS{today:%Y%m%d}-{secrets.token_hex(3).upper()}"
        try:
            with transaction.atomic():
                return record_submit(
                    DisclosureRequest, by=by, unit=unit, year=today.year, request_no=number, channel=Channel.ONLINE,
                    submitted_on=today, confirmed_on=today, applicant_type=kind,
                    applicant_name=applicant_name.strip(), applicant_phone=applicant_phone.strip(),
                    applicant_id_number=applicant_id_number if kind == ApplicantType.NATURAL else "",
                    applicant_credit_code=applicant_credit_code if kind != ApplicantType.NATURAL else "",
                    applicant_address=applicant_address.strip(), information=information.strip(),
                    requested_form=requested_form, delivery_method=delivery_method)
        except IntegrityError:  # the random number was taken: draw another
            continue
    raise ValidationError("系统繁忙，请稍后再试")
