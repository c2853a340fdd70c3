"""Business rules of the workforce register beyond a generic save: the adviser teams'
contract periods as deadlines (so lists and ``fazhi remind`` show contracts running out)."""

from __future__ import annotations

from fazhi.core.deadlines import deadline_meet, deadline_set, deadlines_of
from fazhi.streams.workforce import rules


def sync_deadlines(member) -> None:  # noqa: ANN001
    """An adviser team with a contract end has the 聘期届满 deadline, met when it leaves
    (or when its contract period is over and it has left); others have none."""
    wanted = member.kind == member.Kind.ADVISOR_TEAM and member.contract_end is not None
    for existing in deadlines_of(member):
        if existing.key == rules.CONTRACT and not wanted:
            existing.delete()
    if not wanted:
        return
    deadline = deadline_set(record=member, rule=rules.contract_rule(member.appointed_on, member.contract_end),
                            start=member.appointed_on)
    if member.ended_on:
        deadline_meet(deadline=deadline, on=max(member.ended_on, deadline.start))
