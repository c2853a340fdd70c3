"""Which units a user may read or change, from their role memberships.

A capability granted with scope ``ALL`` covers every unit; with scope ``UNIT`` it covers
the membership's unit and its sub-units (a township clerk sees the township's villages).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from fazhi.accounts.roles import ALL, CAPABILITIES
from fazhi.core.models import Unit

DENIED_MESSAGE = "您没有权限访问该单位的数据"


def _grants(user, capability: str) -> list[tuple[str, Unit]]:  # noqa: ANN001
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    found = []
    for membership in user.active_memberships():
        scope = CAPABILITIES.get(membership.role, {}).get(capability)
        if scope:
            found.append((scope, membership.unit))
    return found


def has_capability(user, capability: str) -> bool:  # noqa: ANN001
    return bool(_grants(user, capability))


def has_role(user, *roles: str) -> bool:  # noqa: ANN001
    return getattr(user, "is_authenticated", False) and bool(user.roles() & set(roles))


def covers_all(user, capability: str) -> bool:  # noqa: ANN001
    return any(scope == ALL for scope, _ in _grants(user, capability))


def units_for(user, capability: str) -> QuerySet[Unit]:  # noqa: ANN001
    """The units on which ``user`` holds ``capability``."""
    grants = _grants(user, capability)
    if any(scope == ALL for scope, _ in grants):
        return Unit.objects.all()
    if not grants:
        return Unit.objects.none()
    condition = Q()
    for _, unit in grants:
        condition |= Q(path__startswith=unit.path)
    return Unit.objects.filter(condition)


def can(user, capability: str, unit: Unit | None = None) -> bool:  # noqa: ANN001
    for scope, granted in _grants(user, capability):
        if scope == ALL or unit is None or unit.path.startswith(granted.path):
            return True
    return False


def require(user, capability: str, unit: Unit | None = None) -> None:  # noqa: ANN001
    if not can(user, capability, unit):
        raise PermissionDenied(DENIED_MESSAGE)


def filter_records(qs: QuerySet, user, capability: str = "records.read") -> QuerySet:  # noqa: ANN001
    """Restrict a ledger queryset (records with a ``unit``) to what ``user`` may see."""
    if covers_all(user, capability):
        return qs
    return qs.filter(unit__in=units_for(user, capability))
