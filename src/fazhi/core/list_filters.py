"""The active filters of a staff list, shown as removable chips (issue 19, narrow screens).

A list page folds its filter form behind one 筛选 button on a phone; what is filtered must stay
visible at every width, so each filter with a value becomes a chip "label：value" whose link is
the same list without that filter (sort kept, page dropped). The template is
``core/_filters.html``; the pages pass their ``request.GET`` and either a bound form
(``chips_of_form``) or the fields they read by hand (``chips``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.http import QueryDict

# Query keys that are not filters: the sort order, the page, the export switches.
NOT_FILTERS = frozenset({"sort", "page", "format", "public"})


@dataclass(frozen=True)
class Chip:
    label: str
    value: str
    remove: str  # the query string of the list without this filter


def _without(query: QueryDict, name: str) -> str:
    rest = query.copy()
    for key in (name, "page"):
        rest.pop(key, None)
    return rest.urlencode()


def chips(query: QueryDict, fields: list[tuple[str, str, dict | None]]) -> list[Chip]:
    """One chip per field (name, label, {value: shown} or None) with a non-blank value in ``query``."""
    found = []
    for name, label, shown in fields:
        if name in NOT_FILTERS:
            continue
        raw = query.get(name, "").strip()
        if not raw:
            continue
        value = str(shown.get(raw, raw)) if shown else raw
        found.append(Chip(str(label), value, _without(query, name)))
    return found


def _shown(field: forms.Field) -> dict | None:
    """What a choice field shows for each value."""
    if isinstance(field, forms.ChoiceField):
        return {str(k): v for k, v in field.choices if not isinstance(v, (list, tuple))}
    return None


def chips_of_form(query: QueryDict, form: forms.Form) -> list[Chip]:
    """Chips of a filter form bound to ``query``: the labels and choice names of its fields.

    A model drop-down is looked up only for the value given, not listed whole."""
    fields = []
    for name, field in form.fields.items():
        raw = query.get(name, "").strip()
        if not raw:
            continue
        if isinstance(field, forms.ModelChoiceField):
            obj = field.queryset.filter(pk=raw).first() if raw.isdigit() else None
            fields.append((name, field.label or name, {raw: str(obj)} if obj is not None else None))
        else:
            fields.append((name, field.label or name, _shown(field)))
    return chips(query, fields)
