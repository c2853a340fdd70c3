from __future__ import annotations

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "fazhi.core"
    label = "core"
    verbose_name = "平台核心"

    def ready(self) -> None:
        from fazhi.core import signals  # noqa: F401
