"""The stream registry: every stream's AppConfig carries a ``manifest``; core loops over them.

Core never imports a stream by name. The navigation, the home pages, and later the
dashboard, report, portal, API and import machinery all read ``streams()``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.apps import apps
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class MenuEntry:
    label: str
    url_name: str
    capability: str = "records.read"
    roles: frozenset[str] | None = None  # None: any role holding the capability


@dataclass(frozen=True)
class PublicSection:
    """A section of the public portal a stream serves (执法公示, 政务服务事项 …) or a form a
    signed-in citizen can submit (申请政府信息公开 …). ``url_name`` is in the stream's public
    namespace, e.g. "gk_services:catalogue"."""

    label: str
    url_name: str
    description: str = ""
    icon: str = "bi-journal-text"  # a Bootstrap Icons class
    for_citizens: bool = False  # a form that needs a signed-in citizen or company


@dataclass(frozen=True)
class MyItem:
    """One of a citizen's own requests as "我的办件" lists it."""

    tracking_no: str
    kind: str  # "依申请公开", "问题举报" …
    title: str
    status: str
    submitted_on: date | None = None
    due: Any = None  # the statutory reply deadline: a Deadline row (or a date); shown with core.deadlines.due_text
    url: str = ""


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
    public: tuple[PublicSection, ...] = ()  # sections and forms of the public portal
    public_urls: str = ""  # dotted module whose urlpatterns are mounted at /gk/<key>/ (app_name "gk_<key>")
    public_prefix: str = ""  # mount the public pages at /gk/<public_prefix>/ instead (a short public address)
    my_items: str = ""  # dotted path of fn(user) -> list[MyItem]: the citizen's own requests in this stream
    api: str = ""  # dotted path of mount(api): endpoints beyond the generic ledger ones (/api/v1/<key>/…)
    # dotted path of fn(units, year) -> dict: part 三 of the 政府信息公开工作年度报告 over those units
    # ({"columns": [{key, label}], "rows": [{key, label, level, heading, cells: {column: n}}]}), read by reports/gip.py
    gip_report: str = ""
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


def menu_for(user) -> list[tuple[StreamManifest, list[MenuEntry]]]:
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


def public_sections() -> list[tuple[str, PublicSection]]:
    """(owner label, section) for every stream's portal sections, then those of apps built on the
    streams (the annual report archive), which declare ``AppConfig.public``."""
    found = [(m.label, section) for m in streams() for section in m.public]
    for cfg in apps.get_app_configs():
        if not isinstance(getattr(cfg, "manifest", None), StreamManifest):
            found += [(str(cfg.verbose_name), section) for section in getattr(cfg, "public", ())]
    return found


def my_items_for(user) -> list[MyItem]:
    """Every stream's requests of a citizen or company, newest first."""
    items: list[MyItem] = []
    for m in streams():
        if m.my_items:
            items.extend(import_string(m.my_items)(user))
    return sorted(items, key=lambda i: (i.submitted_on or date.min, i.tracking_no), reverse=True)


def role_home(role: str):
    """The view an app serves as a role's home page, else None.

    An app (never core) declares ``AppConfig.role_homes = {role: "dotted.path.to.view"}``: the
    district leader's home is the cockpit of the indicators app, which core cannot import."""
    for cfg in apps.get_app_configs():
        dotted = getattr(cfg, "role_homes", {}).get(role)
        if dotted:
            return import_string(dotted)
    return None


@dataclass(frozen=True)
class YearStatus:
    """Where one piece of a year's work stands (the annual report, the assessment), for the cockpit."""

    label: str  # "2025年度法治政府建设报告"
    status: str  # a Chinese state label: "已发布", "未开始" …
    done: bool = False
    url: str = ""
    note: str = ""


def year_statuses(unit, years: list[int]) -> list[YearStatus]:
    """Every app's statuses of ``years`` for ``unit`` (a county): each app config (stream or not)
    may name ``year_status`` = dotted path of fn(unit, years) -> list[YearStatus]."""
    found: list[YearStatus] = []
    for cfg in apps.get_app_configs():
        dotted = getattr(cfg, "year_status", "")
        if dotted:
            found.extend(import_string(dotted)(unit, years))
    return found
