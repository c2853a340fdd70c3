from __future__ import annotations

from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "fazhi.indicators"
    label = "indicators"
    verbose_name = "指标"
    # the district leader lands on the cockpit (core.views.home asks core.registry.role_home)
    role_homes = {"leader": "fazhi.indicators.views.cockpit"}

    def ready(self) -> None:
        # Connects the receivers that drop closed-year snapshots and the cached figures on every
        # audited change: they must listen in every process that writes, not only in readers.
        from fazhi.indicators import freshness, snapshots  # noqa: F401
