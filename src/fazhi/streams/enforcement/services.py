"""Business rules of the enforcement stream beyond generic create/update/transition:
keeping the disclosure and withdrawal clocks of a decision in step with its dates."""

from __future__ import annotations

from fazhi.core import deadlines
from fazhi.core.models import Deadline
from fazhi.streams.enforcement import rules

DISCLOSED_STATES = ("published", "withdrawn")


def _existing(record, key: str) -> Deadline | None:  # noqa: ANN001
    return deadlines.deadlines_of(record).filter(key=key).first()


def _ensure(record, rule: deadlines.DeadlineRule, start) -> Deadline:  # noqa: ANN001
    """The deadline of ``rule`` counted from ``start``; restarted only if its rule or start changed."""
    current = _existing(record, rule.key)
    if current is None or current.start != start or current.days != rule.days or current.rule != rule.rule:
        current = deadlines.deadline_set(record=record, rule=rule, start=start)
    return current


def _meet(deadline: Deadline, on) -> None:  # noqa: ANN001
    if on is None:
        if deadline.met_on is not None:
            deadline.met_on = None
            deadline.save(update_fields=["met_on"])
    elif deadline.met_on != on:
        deadlines.deadline_meet(deadline=deadline, on=on)


def sync_decision_deadlines(decision) -> None:  # noqa: ANN001
    """Disclosure: 7 working days (licences, penalties) or 20 working days (others) from the
    decision date, met on the disclosure date once the decision is published. Withdrawal: 3 days
    from the date the decision was reversed, only for a published decision; met on withdrawal."""
    disclosure = _ensure(decision, rules.disclosure_rule(decision.decision_type), decision.decided_on)
    _meet(disclosure, decision.disclosed_on if decision.state in DISCLOSED_STATES else None)
    withdrawal = _existing(decision, rules.WITHDRAWAL_KEY)
    if decision.reversed_on and decision.state in DISCLOSED_STATES:
        withdrawal = _ensure(decision, rules.WITHDRAWAL, decision.reversed_on)
        _meet(withdrawal, decision.withdrawn_on if decision.state == "withdrawn" else None)
    elif withdrawal is not None:
        withdrawal.delete()
