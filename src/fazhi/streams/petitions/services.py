"""Business rules of the petition stream that are more than one field: the statutory
deadlines derived from a petition's dates, and the approved extension of the handling period."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError

from fazhi.core import scope
from fazhi.core.deadlines import (
    deadline_extend,
    deadline_meet,
    deadline_pause,
    deadline_resume,
    deadline_set,
    deadlines_of,
)
from fazhi.core.ledger import record_update
from fazhi.streams.petitions import rules
from fazhi.streams.petitions.workflow import RANK

KEYS = (rules.DISPOSE, rules.ACCEPT, rules.HANDLE, rules.REVIEW, rules.RE_EXAM)
HEARING = "听证"


def _desired(p) -> dict[str, tuple[date, date | None]]:  # noqa: ANN001
    """Deadline key -> (start, met on) for the steps the petition has reached."""
    rank = RANK.get(p.state, 0)
    wanted: dict[str, tuple[date, date | None]] = {}
    if p.registered_on:  # 第二十二条: register and route/assign within 15 days
        wanted[rules.DISPOSE] = (p.registered_on, p.first_disposal if rank >= RANK["routed"] else None)
    if p.routed_on and rank >= RANK["routed"]:  # 第二十三条: acceptance notice within 15 days of receipt
        wanted[rules.ACCEPT] = (p.routed_on, p.acceptance_on if rank >= RANK["handling"] else None)
    if p.acceptance_on and rank >= RANK["handling"] and p.state != "not_accepted":  # 第三十四条
        wanted[rules.HANDLE] = (p.acceptance_on, p.replied_on if rank >= RANK["replied"] else None)
    if p.review_requested_on and rank >= RANK["review"]:  # 第三十五条
        wanted[rules.REVIEW] = (p.review_requested_on, p.review_answered_on if rank >= RANK["reviewed"] else None)
    if p.re_exam_requested_on and rank >= RANK["re_exam"]:  # 第三十六条
        wanted[rules.RE_EXAM] = (p.re_exam_requested_on,
                                 p.re_exam_answered_on if rank >= RANK["re_examined"] else None)
    return wanted


def sync_deadlines(p) -> None:  # noqa: ANN001
    """Make the petition's Deadline rows a function of its state and dates: each step reached
    gets its statutory period, the approved extension (+30 days, once), the hearing pause of
    复核, and is met on the date the step was done. Steps not reached have no deadline."""
    wanted = _desired(p)
    for existing in deadlines_of(p):
        if existing.key in KEYS and existing.key not in wanted:
            existing.delete()
    for key, (start, met_on) in wanted.items():
        deadline = deadline_set(record=p, rule=rules.rule(key), start=start)
        if key == rules.HANDLE and p.extension_approved_on:
            deadline = deadline_extend(deadline=deadline, days=rules.EXTENSION_DAYS, approved_by=p.extension_approver,
                                       on=p.extension_approved_on, reason=p.extension_reason, max_extensions=1)
        if key == rules.RE_EXAM and p.hearing_from:
            deadline = deadline_pause(deadline=deadline, on=p.hearing_from, reason=HEARING)
            if p.hearing_to:
                deadline = deadline_resume(deadline=deadline, on=p.hearing_to)
        if met_on:
            deadline_meet(deadline=deadline, on=met_on)


def petition_extend(petition, *, by, approver: str, on: date, reason: str):  # noqa: ANN001, ANN201
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
