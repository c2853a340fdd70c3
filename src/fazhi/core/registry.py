"""The stream registry: every stream's AppConfig carries a ``manifest``; core loops over them.

Core never imports a stream by name. The navigation, the home pages, and later the
dashboard, report, portal, API and import machinery all read ``streams()``.
"""

from __future__ import annotations

from dataclasses import dataclass
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
    daily: bool = False  # the role's daily action: shown first on its home page (a quick entry)


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
    # also offered inside another stream's public column (its key): the 检查码 check in 执法公示
    column: str = ""


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
class CertificateInfo:
    """An officer's 行政执法证 as the installed register knows it, on the date asked about."""

    number: str
    holder: str  # the officer's name (public under the 行政执法公示制度)
    unit_name: str
    valid: bool  # valid on the date asked about
    status: str  # 有效 / 暂扣 / 注销 / 过期 / 未发证 on that date
    valid_until: date | None = None


@dataclass(frozen=True)
class DecisionNotice:
    """A decision made in one stream that another stream publishes (行政执法决定公示): what the
    publishing stream needs, without either stream importing the other."""

    unit: Any  # the deciding unit (core.Unit)
    doc_no: str
    decision_type: str  # "penalty", "coercion", "licence", "inspection", "other"
    decided_on: date
    matter: str
    basis: str = ""
    content: str = ""
    party_type: str = ""  # "natural", "individual_business", "legal", "other_org"
    party_org: str = ""
    party_credit_code: str = ""
    party_person: str = ""
    party_id_number: str = ""


@dataclass(frozen=True)
class PublishedDecision:
    """Where a decision is published: its record's page and the 公示 due date."""

    url: str
    label: str
    due: date | None
    state: str = ""


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
    # the field roles (core.roles.STREAM_BOUND) whose daily work this stream is: their capabilities
    # hold here and in no stream that does not name them
    field_roles: frozenset[str] = frozenset()
    demo: str = ""  # dotted path of load(county) that adds the stream's demo records (idempotent)
    public: tuple[PublicSection, ...] = ()  # sections and forms of the public portal
    public_urls: str = ""  # dotted module whose urlpatterns are mounted at /gk/<key>/ (app_name "gk_<key>")
    public_prefix: str = ""  # mount the public pages at /gk/<public_prefix>/ instead (a short public address)
    my_items: str = ""  # dotted path of fn(user) -> list[MyItem]: the citizen's own requests in this stream
    api: str = ""  # dotted path of mount(api): endpoints beyond the generic ledger ones (/api/v1/<key>/…)
    # dotted path of fn(units, year) -> dict: part 三 of the 政府信息公开工作年度报告 over those units
    # ({"columns": [{key, label}], "rows": [{key, label, level, heading, cells: {column: n}}]}), read by reports/gip.py
    gip_report: str = ""
    # dotted path of fn(county, year) -> list[core.checklist.Step]: the stream's first-run steps
    # (the year's plan, the assessment scheme …) on the coordinator's home page
    checklist: str = ""
    # dotted module of the stream's benchmark data (`fazhi bench generate`, fazhi.benchdata): per_county(ctx)
    # and/or per_year(ctx, year) run in COUNTY_ORDER / YEAR_ORDER, and reference(q): the stream's figures
    # as SQL aggregates for the benchmark's one-statement reference (q: fazhi.benchdata.reference.Query)
    bench: str = ""
    # dotted path of fn(number, on_date) -> CertificateInfo | None: the 行政执法证 register (one stream
    # provides it); and of fn() -> bool: whether that register holds any certificate yet
    certificate_lookup: str = ""
    certificate_register_in_use: str = ""
    certificate_holders: str = ""  # dotted path of fn(unit, on_date) -> list[CertificateInfo] valid that day
    # dotted path of fn(notice: DecisionNotice, *, by) -> PublishedDecision: creates (or finds) the public
    # disclosure record of a decision made in another stream; and of fn(unit, doc_no) -> PublishedDecision | None
    publish_decision: str = ""
    published_decision: str = ""


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
    from fazhi.core import scope  # here: apps.py modules import this one before the models are ready

    result = []
    roles = user.roles() if getattr(user, "is_authenticated", False) else set()
    for manifest in streams():
        if manifest.roles is not None and not roles & manifest.roles:
            continue
        entries = [
            e for e in manifest.menu
            if scope.has_capability(user, e.capability, within=manifest.key) and (e.roles is None or roles & e.roles)
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


def sections_in(column: str) -> list[PublicSection]:
    """The portal sections other streams offer inside ``column``'s public pages."""
    return [section for m in streams() if m.key != column for section in m.public if section.column == column]


def my_items_for(user) -> list[MyItem]:
    """Every stream's requests of a citizen or company, newest first."""
    items: list[MyItem] = []
    for m in streams():
        if m.my_items:
            items.extend(import_string(m.my_items)(user))
    return sorted(items, key=lambda i: (i.submitted_on or date.min, i.tracking_no), reverse=True)


# -- hooks one stream provides for the others ------------------------------------------------------

def _provider(attr: str):
    for m in streams():
        if getattr(m, attr):
            return import_string(getattr(m, attr))
    return None


def certificate_register_in_use() -> bool:
    """True when a stream provides the 行政执法证 register and it holds certificates. Until then
    (no such stream, or a county that has not entered its officers) callers check the format only."""
    in_use = _provider("certificate_register_in_use")
    return bool(in_use and _provider("certificate_lookup") and in_use())


def find_certificate(number: str, on_date: date) -> CertificateInfo | None:
    """The certificate ``number`` in the installed register, as of ``on_date`` (None: not in it,
    or no register is installed)."""
    lookup = _provider("certificate_lookup")
    return lookup(number.strip().upper(), on_date) if lookup else None


def certificate_holders(unit, on_date: date) -> list[CertificateInfo]:
    """The certificates of ``unit``'s officers (any unit's when None) valid on ``on_date`` (empty
    without a register)."""
    holders = _provider("certificate_holders")
    return holders(unit, on_date) if holders else []


def certificate_holders_through(unit, first: date, last: date) -> list[CertificateInfo]:
    """Certificates of ``unit``'s officers (any unit's when None) valid on ``first`` and not expiring
    before ``last``, one per officer name (who can be put on a case or an inspection over that span)."""
    found: dict[str, CertificateInfo] = {}
    for h in certificate_holders(unit, first):
        if h.valid_until and h.valid_until >= last:
            found.setdefault(h.holder, h)
    return list(found.values())


def certificate_refusals(officers: list[tuple[str, str]], on_date: date, purpose: str) -> list[str]:
    """Chinese refusals for the (name, certificate number) pairs that the register does not hold or
    that are not valid on ``on_date``; none when no register is in use."""
    if not officers or not certificate_register_in_use():
        return []
    problems = []
    for name, number in officers:
        info = find_certificate(number, on_date)
        if info is None:
            problems.append(f"{name}的执法证号“{number}”不在行政执法人员持证台账中，不能{purpose}")
        elif not info.valid:
            problems.append(f"{name}的执法证（{number}）在{on_date:%Y-%m-%d}状态为“{info.status}”，不能{purpose}")
    return problems


def publish_decision(notice: DecisionNotice, *, by) -> PublishedDecision | None:
    """Hand a decision to the stream that publishes decisions (执法决定公示); None when none is installed."""
    publish = _provider("publish_decision")
    return publish(notice, by=by) if publish else None


def published_decision(unit, doc_no: str) -> PublishedDecision | None:
    """The public disclosure record of the decision ``doc_no`` of ``unit``, if any stream holds one."""
    find = _provider("published_decision")
    return find(unit, doc_no) if find and doc_no else None


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
