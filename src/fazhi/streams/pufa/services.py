"""Reads of the 普法 stream beyond the generic ledger: what the portal shows. Writes are the
generic ones (record_create/record_update, workflow transitions, the Excel import)."""

from __future__ import annotations

from django.db.models import QuerySet

from fazhi.streams.pufa import rules
from fazhi.streams.pufa.models import Activity, ResponsibilityItem


def public_activities(q: str = "") -> QuerySet[Activity]:
    """Activities held and marked public, newest first (no personal data is kept on them)."""
    qs = Activity.objects.filter(state__in=rules.HELD, is_public=True).select_related("unit")
    if q:
        qs = qs.filter(title__icontains=q) | qs.filter(law__icontains=q) | qs.filter(unit__name__icontains=q)
    return qs.order_by("-held_on", "-id")


def published_items(q: str = "") -> QuerySet[ResponsibilityItem]:
    """Published 普法责任清单 items, by year (newest) and unit."""
    qs = ResponsibilityItem.objects.filter(state__in=rules.PUBLISHED).select_related("unit")
    if q:
        qs = qs.filter(law__icontains=q) | qs.filter(content__icontains=q) | qs.filter(unit__name__icontains=q)
    return qs.order_by("-year", "unit__path", "id")
