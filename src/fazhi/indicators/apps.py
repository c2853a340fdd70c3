from __future__ import annotations

from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "fazhi.indicators"
    label = "indicators"
    verbose_name = "指标"
    # the district leader lands on the cockpit (core.views.home asks core.registry.role_home)
    role_homes = {"leader": "fazhi.indicators.views.cockpit"}

    def ready(self) -> None:
        # Connects the receiver that drops closed-year snapshots on every audited change: it
        # must listen in every process that writes, not only in those that read a roll-up.
        from fazhi.indicators import snapshots  # noqa: F401
