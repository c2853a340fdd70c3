"""Rules the domain spec marks unconfirmed ([U]) are settings with a documented default.

A stream reads them with ``setting("FAZHI_<STREAM>_<RULE>", default)``; a deployment
overrides them in the environment-configured settings (``FAZHI_RULES`` JSON) or in tests
with ``settings.FAZHI_<STREAM>_<RULE> = …``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings


def setting(name: str, default: Any) -> Any:
    if hasattr(settings, name):
        return getattr(settings, name)
    return getattr(settings, "FAZHI_RULES", {}).get(name, default)
