"""Which units a user may read or change, from their role memberships.

A capability granted with scope ``UNIT`` covers the membership's unit and its sub-units (a
township clerk sees the township's villages). Scope ``ALL`` covers the whole government the
membership belongs to: in a database of one county, every unit (outside bodies included);
in a database of several counties (a province), the subtree of the nearest county-level (or
higher) government above the membership's unit — a county's 依法治区办 and leaders read their
county, a province's read the province.
"""

from __future__ import annotations

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet

from fazhi.core.models import Unit
from fazhi.core.roles import ALL, CAPABILITIES, STREAM_BOUND
from fazhi.core.units import nearest_in, path_prefixes

DENIED_MESSAGE = "您没有权限访问该单位的数据"


# Where a check applies: a stream key, a ledger model (class or record) or a queryset's model; None:
# anywhere (a field role's grants then count, e.g. for its home page).
Within = str | type[Model] | Model | None


def _field_roles(within: Within) -> frozenset[str] | None:
    """The field roles the stream of ``within`` names (StreamManifest.field_roles); None when
    ``within`` says nothing or is no stream's (core's own pages)."""
    if within is None:
        return None
    label = within if isinstance(within, str) else within._meta.app_label
    try:
        manifest = getattr(apps.get_app_config(label), "manifest", None)
    except LookupError:
        return None
    return getattr(manifest, "field_roles", None)


def bound_out(within: Within) -> frozenset[str]:
    """The field roles whose grants do not hold ``within`` a stream (those it does not name)."""
    here = _field_roles(within)
    return frozenset() if here is None else STREAM_BOUND - here


def _grants(user, capability: str, within: Within = None) -> list[tuple[str, Unit | None]]:
    """(scope, unit the scope starts at) per membership granting ``capability``; the unit is
    None for ``ALL`` over every unit. Within a stream, a field role grants only where the
    stream names it (core.roles.STREAM_BOUND)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    shut = bound_out(within)
    found = []
    for membership in user.active_memberships():
        if membership.role in shut:
            continue
        scope = CAPABILITIES.get(membership.role, {}).get(capability)
        if scope:
            found.append((scope, _reach(user, membership.unit) if scope == ALL else membership.unit))
    return found


def _reach(user, unit: Unit) -> Unit | None:
    """Where an ``ALL`` grant at ``unit`` reaches: None (every unit) when the database holds
    one county-level government, else that government's subtree (the unit's own if none).
    Remembered on the user object, i.e. for one request (a page asks hundreds of times)."""
    cache = user.__dict__.setdefault("_fazhi_reach", {})
    if "governments" not in cache:
        cache["governments"] = Unit.objects.filter(kind=Unit.Kind.GOVERNMENT)[:2].count()
    if cache["governments"] <= 1:
        return None
    if unit.pk not in cache:
        governments = Unit.objects.filter(path__in=path_prefixes(unit.path), kind=Unit.Kind.GOVERNMENT)
        cache[unit.pk] = nearest_in(unit.path, {g.path: g for g in governments}) or unit
    return cache[unit.pk]


def has_capability(user, capability: str, within: Within = None) -> bool:
    return bool(_grants(user, capability, within))


def has_role(user, *roles: str) -> bool:
    return getattr(user, "is_authenticated", False) and bool(user.roles() & set(roles))


def covers_all(user, capability: str, within: Within = None) -> bool:
    return any(granted is None for _, granted in _grants(user, capability, within))


def units_for(user, capability: str, within: Within = None) -> QuerySet[Unit]:
    """The units on which ``user`` holds ``capability``."""
    grants = _grants(user, capability, within)
    if any(granted is None for _, granted in grants):
        # every unit of the one county, outside bodies included; not the city or province above it
        # (nobody's records are theirs: they read what their counties and cities submit)
        return Unit.objects.exclude(kind__in=(Unit.Kind.CITY, Unit.Kind.PROVINCE))
    if not grants:
        return Unit.objects.none()
    condition = Q()
    for _, unit in grants:
        condition |= Q(path__startswith=unit.path)
    return Unit.objects.filter(condition)


def can(user, capability: str, unit: Unit | None = None, within: Within = None) -> bool:
    for _scope, granted in _grants(user, capability, within):
        if granted is None or unit is None or unit.path.startswith(granted.path):
            return True
    return False


def require(user, capability: str, unit: Unit | None = None, within: Within = None) -> None:
    if not can(user, capability, unit, within):
        raise PermissionDenied(DENIED_MESSAGE)


def filter_records(qs: QuerySet, user, capability: str = "records.read") -> QuerySet:
    """Restrict a ledger queryset (records with a ``unit``) to what ``user`` may see."""
    if covers_all(user, capability, qs.model):
        return qs
    return qs.filter(unit__in=units_for(user, capability, qs.model))


def filter_across_streams(qs: QuerySet, user, capability: str = "records.read",
                          app_label: str = "content_type__app_label") -> QuerySet:
    """Restrict rows about records of any stream (open deadlines, with ``unit`` and the record's app
    in ``app_label``) to those on units ``user`` may read in that row's stream: a field role sees
    its own streams' rows only."""
    if not user.roles() & STREAM_BOUND:
        return filter_records(qs, user, capability)
    labels = [c.label for c in apps.get_app_configs() if getattr(c, "manifest", None) is not None]
    condition = ~Q(**{f"{app_label}__in": labels}) & Q(unit__in=units_for(user, capability))
    for label in labels:
        if has_capability(user, capability, label):
            condition |= Q(**{app_label: label}, unit__in=units_for(user, capability, label))
    return qs.filter(condition)


def sees_personal_wherever_reading(user, within: Unit | None = None) -> bool:
    """Does ``user`` hold ``personal.view`` on every unit whose records they read (within the
    subtree of ``within`` when given)? Only then is a personal field unmasked in every row they list."""
    if within is not None and can(user, "personal.view", within):
        return True  # a grant on a unit covers its whole subtree
    views = _grants(user, "personal.view")
    if any(granted is None for _, granted in views):
        return True
    for _scope, read in _grants(user, "records.read"):
        if within is not None and read is not None and not (
                read.path.startswith(within.path) or within.path.startswith(read.path)):
            continue  # this grant reads nothing inside ``within``
        if read is None or not any(read.path.startswith(view.path) for _, view in views):
            return False
    return True


def may_order_by(user, model, name: str, within: Unit | None = None) -> bool:
    """Sorting by a field masked for ``user`` in some listed row would reveal the order of the
    hidden values: a personal field (``model.personal_fields``) sorts only for a user who sees it
    unmasked in every row the list can hold (see ``sees_personal_wherever_reading``)."""
    if name not in (getattr(model, "personal_fields", None) or {}):
        return True
    return sees_personal_wherever_reading(user, within)
