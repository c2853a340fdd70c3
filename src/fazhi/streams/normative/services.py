"""Keeping each record's statutory deadlines in step with its dates and state.

``sync_review_deadline`` and ``sync_filing_deadline`` are idempotent: they are called after
every save through the ledger services (``Record.after_save``), from transition effects,
and by the demo loader.
"""

from __future__ import annotations

from datetime import date

from fazhi.core.deadlines import deadline_meet, deadline_pause, deadline_resume, deadline_set, deadlines_of
from fazhi.core.models import Deadline
from fazhi.streams.normative import rules

REVIEW_ISSUED_STATES = ("opinion_issued", "feedback", "closed")
PUBLISHED_STATES = ("published", "filed", "accepted", "correction_required", "corrected", "revoked", "repealed")
FILED_STATES = ("filed", "accepted", "correction_required", "corrected", "revoked", "repealed")
SUPPLEMENT_REASON = "退回补正"


def _deadline(record, key: str) -> Deadline | None:  # noqa: ANN001
    deadline = deadlines_of(record).filter(key=key).first()
    if deadline is not None and deadline.unit_id != record.unit_id:
        # The record moved to another unit: its reminders go to the new unit's staff.
        deadline.unit_id = record.unit_id
        deadline.save(update_fields=["unit"])
    return deadline


def _meet(deadline: Deadline, on: date | None) -> None:
    """Mark met on ``on``, or reopen when ``on`` is None."""
    if on is not None and deadline.met_on != on:
        deadline_meet(deadline=deadline, on=on)
    elif on is None and deadline.met_on is not None:
        deadline.met_on = None
        deadline.save(update_fields=["met_on"])


def sync_review_deadline(review) -> Deadline | None:  # noqa: ANN001
    """The review period runs from the receipt date (not counted) and is met on the opinion
    date (规范性文件: 15 working days, 国办发〔2018〕115号 [U]; other kinds only when configured)."""
    existing = _deadline(review, rules.REVIEW_KEY)
    rule = rules.review_rule(review.kind)
    if rule is None or review.received_on is None or review.state == "withdrawn":
        if existing is not None:
            existing.delete()
        return None
    if existing is None or existing.start != review.received_on:
        existing = deadline_set(record=review, rule=rule, start=review.received_on)
    issued = review.state in REVIEW_ISSUED_STATES
    _meet(existing, review.opinion_on if issued else None)
    return existing


def pause_review(review, on: date) -> None:  # noqa: ANN001
    """Materials returned for supplement: the days from ``on`` are not counted (spec §0.1:
    补正 periods are excluded from the count)."""
    deadline = _deadline(review, rules.REVIEW_KEY)
    if deadline is not None and deadline.met_on is None:
        deadline_pause(deadline=deadline, on=on, reason=SUPPLEMENT_REASON)


def resume_review(review, on: date) -> None:  # noqa: ANN001
    """Supplemented materials received on ``on`` (the last day not counted); counting resumes the next day."""
    deadline = _deadline(review, rules.REVIEW_KEY)
    if deadline is not None and any(not p.get("end") for p in deadline.pauses):
        deadline_resume(deadline=deadline, on=on)


def sync_filing_deadline(document) -> Deadline | None:  # noqa: ANN001
    """Once published, the document must be filed with the superior body within the filing
    period counted from the publication date (rules.filing_rule); met on the filing date."""
    existing = _deadline(document, rules.FILING_KEY)
    if document.state not in PUBLISHED_STATES or document.published_on is None:
        if existing is not None:
            existing.delete()
        return None
    if existing is None or existing.start != document.published_on:
        existing = deadline_set(record=document, rule=rules.filing_rule(), start=document.published_on)
    filed = document.state in FILED_STATES
    _meet(existing, document.filed_on if filed else None)
    return existing


def filing_on_time(document) -> bool | None:  # noqa: ANN001
    """Whether the document was filed within its filing period; None while it is not filed."""
    deadline = _deadline(document, rules.FILING_KEY)
    if deadline is None:
        return None
    if deadline.met_on is not None:
        return deadline.met_on <= deadline.due
    return None


def filing_catalogue(documents, year: int):  # noqa: ANN001, ANN201
    """The documents filed in ``year``, in filing order: the annual filing catalogue that is
    published with the documents' full text (spec §9.6; 政府信息公开条例 第二十条)."""
    return documents.filter(state__in=FILED_STATES, filed_on__year=year).order_by("filed_on", "doc_no")
