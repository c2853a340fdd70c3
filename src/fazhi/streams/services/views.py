"""Pages of the 政务服务 stream: the service item catalogue and the 好差评 ledger.

The item page lists the item's recent ratings; the public catalogue page of the portal
reads ``services.published_catalogue``.
"""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.core import scope
from fazhi.core.ledger_views import Ledger
from fazhi.streams.services import rules
from fazhi.streams.services.importers import ITEM_IMPORT, RATING_IMPORT
from fazhi.streams.services.models import ServiceItem, ServiceRating

RECENT_RATINGS = 20


class ItemLedger(Ledger):
    def detail_names(self, record) -> list[str]:
        names = super().detail_names(record)
        return names if record.state == "withdrawn" else [n for n in names if n not in ("withdrawn_on",)]

    def extra_context(self, request, record) -> dict[str, Any]:
        """The item's recent ratings; raters are always masked here (the rating's own page
        shows them in full to those allowed, and records that view)."""
        ratings = record.ratings.order_by("-rated_on", "-id")
        rows = [(r, RATINGS.display(r, "level"), RATINGS.display(r, "channel"),
                 RATINGS.display(r, "rater_name", masked=True)) for r in ratings[:RECENT_RATINGS]]
        return {"ratings": rows, "rating_count": ratings.count(),
                "bad_count": ratings.filter(level__in=rules.bad_levels()).count(),
                "can_rate": scope.can(request.user, "records.write", record.unit)}


class RatingLedger(Ledger):
    def visible(self, user):
        return super().visible(user).select_related("item")


ITEMS = ItemLedger(
    model=ServiceItem,
    namespace="services:items",
    title="政务服务事项清单",
    detail_template="services/item_detail.html",
    form_fields=["code", "name", "item_type", "legal_basis", "legal_limit_days", "promised_limit_days",
                 "online_level", "max_visits", "high_frequency", "in_centre", "one_window", "service_phone",
                 "guide_url", "published_on", "withdrawn_on", "withdraw_reason"],
    list_columns=["year", "code", "name", "item_type", "unit", "online_level", "max_visits", "one_window", "state"],
    export_columns=["year", "code", "name", "item_type", "unit", "legal_basis", "legal_limit_days",
                    "promised_limit_days", "online_level", "max_visits", "high_frequency", "in_centre",
                    "one_window", "service_phone", "published_on", "withdrawn_on", "state"],
    search_fields=["code", "name", "legal_basis"],
    filter_fields=["item_type", "online_level", "high_frequency", "in_centre", "one_window"],
    date_field="published_on",
    import_spec=ITEM_IMPORT,
    unit_label="实施部门",
)

RATINGS = RatingLedger(
    model=ServiceRating,
    namespace="services:ratings",
    title="好差评台账",
    form_fields=["rating_no", "item_code", "rated_on", "level", "channel", "real_name", "rater_name",
                 "rater_phone", "comment", "verification", "rectification", "rectified_on", "callback_on",
                 "callback_result"],
    detail_fields=["rating_no", "item_code", "item", "rated_on", "level", "channel", "real_name", "rater_name",
                   "rater_phone", "comment", "verification", "rectification", "rectified_on", "callback_on",
                   "callback_result"],
    list_columns=["rating_no", "rated_on", "item_code", "level", "channel", "rater_name", "unit", "state"],
    export_columns=["rating_no", "year", "rated_on", "item_code", "item", "level", "channel", "real_name",
                    "rater_name", "rater_phone", "comment", "rectification", "rectified_on", "callback_on",
                    "callback_result", "unit", "state"],
    search_fields=["rating_no", "item_code", "comment"],
    filter_fields=["level", "channel", "real_name"],
    widgets={name: forms.Textarea(attrs={"rows": 3}) for name in ("comment", "verification", "rectification")},
    date_field="rated_on",
    import_spec=RATING_IMPORT,
)
