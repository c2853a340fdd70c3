"""Business rules of the normative stream beyond a generic save: the 补正 pauses of a review's
period (taken by the 退回补正 / 补正后重新送审 steps; a review may go round several times, so the
pauses live on the deadline row) and the annual filing catalogue. The periods themselves are
declared on the models (``tracked``)."""

from __future__ import annotations

from datetime import date

from fazhi.core.deadlines import deadline_pause, deadline_resume, deadlines_of
from fazhi.core.models import Deadline
from fazhi.streams.normative import rules
from fazhi.streams.normative.rules import FILED_STATES

SUPPLEMENT_REASON = "退回补正"


def _deadline(record, key: str) -> Deadline | None:
    return deadlines_of(record).filter(key=key).first()


def pause_review(review, on: date) -> None:
    """Materials returned for supplement: the days from ``on`` are not counted (spec §0.1:
    补正 periods are excluded from the count)."""
    deadline = _deadline(review, rules.REVIEW_KEY)
    if deadline is not None and deadline.met_on is None:
        deadline_pause(deadline=deadline, on=on, reason=SUPPLEMENT_REASON)


def resume_review(review, on: date) -> None:
    """Supplemented materials received on ``on`` (the last day not counted); counting resumes the next day."""
    deadline = _deadline(review, rules.REVIEW_KEY)
    if deadline is not None and any(not p.get("end") for p in deadline.pauses):
        deadline_resume(deadline=deadline, on=on)


def filing_on_time(document) -> bool | None:
    """Whether the document was filed within its filing period; None while it is not filed."""
    deadline = _deadline(document, rules.FILING_KEY)
    if deadline is None:
        return None
    if deadline.met_on is not None:
        return deadline.met_on <= deadline.due
    return None


def filing_catalogue(documents, year: int):
    """The documents filed in ``year``, in filing order: the annual filing catalogue that is
    published with the documents' full text (spec §9.6; 政府信息公开条例 第二十条)."""
    return documents.filter(state__in=FILED_STATES, filed_on__year=year).order_by("filed_on", "doc_no")
