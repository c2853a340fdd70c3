"""The stream registry: every stream's AppConfig carries a ``manifest``; core loops over them.

Core never imports a stream by name. The navigation, the home pages, and later the
dashboard, report, portal, API and import machinery all read ``streams()``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps


@dataclass(frozen=True)
class MenuEntry:
    label: str
    url_name: str
    capability: str = "records.read"
    roles: frozenset[str] | None = None  # None: any role holding the capability


@dataclass(frozen=True)
class StreamManifest:
    key: str  # stable identifier, also the prefix of indicator keys ("study")
    label: str  # Chinese name shown to users
    order: int = 100
    description: str = ""
    menu: tuple[MenuEntry, ...] = ()
    ledgers: tuple[str, ...] = ()  # model labels ("study.StudySession")
    indicators: str = ""  # dotted module that registers the stream's indicators
    roles: frozenset[str] | None = None  # roles the stream is meant for; None: all staff roles
    demo: str = ""  # dotted path of load(county) that adds the stream's demo records (idempotent)
    extra: dict = field(default_factory=dict)  # later machinery (import specs, report sections …)


def stream_configs() -> list:
    """The AppConfigs of installed streams, in menu order."""
    found = [cfg for cfg in apps.get_app_configs() if isinstance(getattr(cfg, "manifest", None), StreamManifest)]
    return sorted(found, key=lambda cfg: (cfg.manifest.order, cfg.manifest.key))


def streams() -> list[StreamManifest]:
    return [cfg.manifest for cfg in stream_configs()]


def stream(key: str) -> StreamManifest:
    for m in streams():
        if m.key == key:
            return m
    raise LookupError(key)


def menu_for(user) -> list[tuple[StreamManifest, list[MenuEntry]]]:  # noqa: ANN001
    """The navigation a user sees: each stream with the entries the user may open."""
    from fazhi.core import scope

    result = []
    roles = user.roles() if getattr(user, "is_authenticated", False) else set()
    for manifest in streams():
        if manifest.roles is not None and not roles & manifest.roles:
            continue
        entries = [
            e for e in manifest.menu
            if scope.has_capability(user, e.capability) and (e.roles is None or roles & e.roles)
        ]
        if entries:
            result.append((manifest, entries))
    return result
