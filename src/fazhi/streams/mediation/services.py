"""Business rules of people's mediation beyond one field: where a mediator registers cases and
the next registration number by the committee's rule (quick entry, issue 19)."""

from __future__ import annotations

from datetime import date

from fazhi.core import scope
from fazhi.core.models import Unit
from fazhi.streams.mediation import rules
from fazhi.streams.mediation.models import MediationCase, MediationCommittee

NO_COMMITTEE_UNIT = "登记调解案件需要所在单位有人民调解委员会：您的单位尚未登记人民调解委员会"


def quick_units(user) -> list[Unit]:
    """The user's own units that have a mediation committee and where the user may write cases."""
    own = {m.unit.pk: m.unit for m in user.active_memberships()
           if scope.can(user, "records.write", m.unit, MediationCase)}
    with_committee = set(MediationCommittee.objects.filter(unit__in=list(own)).values_list("unit", flat=True))
    return sorted((u for pk, u in own.items() if pk in with_committee), key=lambda u: u.path)


def next_registration_number(unit: Unit, year: int) -> str:
    """The committee's next number of ``year``: one more than the highest number of the unit's
    cases that follow the rule (numbers entered some other way are not counted)."""
    prefix = rules.registration_prefix(year, unit.name)
    numbers = MediationCase.objects.filter(registration_number__startswith=prefix).values_list(
        "registration_number", flat=True)
    highest = max((n for n in (rules.running_number(x, prefix) for x in numbers) if n is not None), default=0)
    return rules.registration_number(year, unit.name, highest + 1)


def default_registration_number(user, unit: Unit, day: date) -> str:
    return next_registration_number(unit, day.year)


def default_mediator(user, unit: Unit, day: date) -> str:
    """The mediator signed in: the account's name without the committee in brackets."""
    name = getattr(user, "display_name", "") or user.get_username()
    return name.split("（")[0].strip()
