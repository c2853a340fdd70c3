"""Service-stream helpers: catalogue items and ratings created through the ledger services."""

from __future__ import annotations

from datetime import date

from fazhi.core.ledger import record_create
from fazhi.streams.services.models import ServiceItem, ServiceRating


def new_item(by, unit, **fields) -> ServiceItem:
    values = {"year": 2024, "code": "430771D03XK001", "name": "食品经营许可（新办）", "item_type": "licence",
              "legal_limit_days": 20, "promised_limit_days": 5, "online_level": "full", "max_visits": 0,
              **fields}
    return record_create(ServiceItem, by=by, unit=unit, **values)


def new_rating(by, unit, **fields) -> ServiceRating:
    values = {"year": 2024, "rating_no": "HCP-2024-000001", "item_code": "430771D03XK001",
              "rated_on": date(2024, 9, 30), "level": "satisfied", "channel": "window", "real_name": True,
              "rater_name": "张建国", "rater_phone": "13973601234", **fields}
    return record_create(ServiceRating, by=by, unit=unit, **values)

