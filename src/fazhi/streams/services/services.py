"""Business rules of the 政务服务 stream beyond the generic ledger writes."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from fazhi.streams.services.models import ServiceItem


def in_catalogue(qs: QuerySet[ServiceItem], on: date) -> QuerySet[ServiceItem]:
    """Items of the catalogue of ``on``'s year that were public on ``on``: published on or
    before it and not withdrawn by then."""
    return qs.filter(year=on.year, state__in=("published", "withdrawn"), published_on__lte=on).filter(
        Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=on))


def published_catalogue(*, q: str = "", unit=None, item_type: str = "", online: bool | None = None,
                        on: date | None = None) -> QuerySet[ServiceItem]:
    """The public catalogue (政务服务事项清单, 优化营商环境条例 第三十五条) for the portal:
    the currently published items of the current catalogue year, searchable by code and name."""
    on = on or timezone.localdate()
    qs = ServiceItem.objects.filter(state="published", year__lte=on.year).select_related("unit")
    latest = qs.order_by("-year").values_list("year", flat=True).first()
    qs = qs.filter(year=latest) if latest else qs.none()
    if q:
        qs = qs.filter(Q(code__icontains=q) | Q(name__icontains=q))
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if item_type:
        qs = qs.filter(item_type=item_type)
    if online is not None:
        qs = qs.exclude(online_level="none") if online else qs.filter(online_level="none")
    return qs.order_by("unit__sort_order", "code")
