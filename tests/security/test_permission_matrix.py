"""Every page of the platform, as every persona, against the declared matrix (tests/security/matrix.py).

The pages are found from the URL configuration, so a new page cannot escape: a URL name with no
rule in the matrix fails ``test_every_url_is_declared``. One test per persona walks all pages and
reports every mismatch at once.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from importlib import import_module
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from fazhi.core.ledger import record_create
from fazhi.core.ledger_views import Ledger
from fazhi.core.registry import streams
from fazhi.core.roles import CAPABILITIES
from tests.security import matrix

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Url:
    key: str  # the URL name, or "route:<route>" for an unnamed pattern
    route: str
    params: tuple[str, ...]
    callback: object

    @property
    def ledger(self) -> Ledger | None:
        target = getattr(inspect.unwrap(self.callback), "__self__", None)
        return target if isinstance(target, Ledger) else None


def _params(pattern) -> list[str]:
    inner = pattern.pattern
    converters = getattr(inner, "converters", None)
    if converters:
        return list(converters)
    regex = getattr(inner, "regex", None)
    return list(regex.groupindex) if regex is not None else []


def _walk(resolver, prefix: str = "", namespaces: tuple = (), params: tuple = ()):
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = namespaces + ((p.namespace,) if p.namespace else ())
            yield from _walk(p, prefix + str(p.pattern), ns, params + tuple(_params(p)))
        elif isinstance(p, URLPattern):
            route = prefix + str(p.pattern)
            key = ":".join((*namespaces, p.name)) if p.name else f"route:{route}"
            yield Url(key, route, params + tuple(_params(p)), p.callback)


def all_urls() -> list[Url]:
    """Every URL of the platform, one per name (a name used twice — the API's GET/POST — counts once)."""
    seen: dict[str, Url] = {}
    for url in _walk(get_resolver()):
        seen.setdefault(url.key, url)
    return list(seen.values())


def stream_keys() -> set[str]:
    return {m.key for m in streams()}


def classified() -> list[tuple[Url, matrix.Rule]]:
    keys = stream_keys()
    return [(url, matrix.rule_for(url.key, keys)) for url in all_urls()]


# -- the matrix covers the URL configuration -------------------------------------------------

def test_every_url_is_declared() -> None:
    undeclared = sorted(url.key for url, rule in classified() if rule is None)
    assert not undeclared, ("these pages have no rule in tests/security/matrix.py (declare who may open them):\n  "
                            + "\n  ".join(undeclared))


def test_every_walked_page_has_its_parameters() -> None:
    missing = []
    for url, rule in classified():
        if rule is None or rule.kind not in ("page", "post_only", "redirect"):
            continue
        absent = set(url.params) - set(rule.kwargs)
        if absent:
            missing.append(f"{url.key} ({url.route}) needs {sorted(absent)}")
    assert not missing, "declare kwargs (or a skip with its reason) for:\n  " + "\n  ".join(missing)


def test_skips_give_a_reason() -> None:
    assert all(rule.reason for rule in matrix.RULES if rule.kind == "skip")


def test_persona_sets_follow_roles() -> None:
    """The persona sets written in matrix.py are what roles.CAPABILITIES grants."""
    for capability, declared in matrix.CAPABILITY_SETS.items():
        holders = {p for p, role in matrix.PERSONA_ROLES.items() if capability in CAPABILITIES.get(role, {})}
        assert holders == set(declared), capability


def test_three_administrators_are_kept_apart_in_the_matrix() -> None:
    """三员分立 as declared: no administrator reaches another's pages, the audit administrator writes nothing."""
    keys = stream_keys()
    for url, rule in classified():
        if rule is None or rule.kind not in ("page", "record"):
            continue
        if url.key in ("core:audit_log", "accounts:roles", "accounts:lockouts", "api_tokens"):
            assert "sysadmin" not in rule.allowed, url.key
        if url.key.startswith("sysadmin:") or url.key == "core:audit_log":
            assert "secadmin" not in rule.allowed, url.key
        if url.key.startswith("sysadmin:") or url.key.endswith((":create", ":update", ":delete", ":import")):
            assert "auditadmin" not in rule.allowed, url.key
    assert matrix.rule_for("core:audit_log", keys).allowed == matrix.AUDITADMIN


def test_the_city_persona_opens_only_the_city_pages_beyond_everyone_s() -> None:
    """The demo's `city` account (市委依法治市办) opens its city pages and 报送省级, and no county ledger,
    record, figure, report, unit list or the audit log: the walk below checks each page as it."""
    keys = stream_keys()
    beyond = {rule.pattern for rule in matrix.RULES
              if "city" in rule.allowed and not rule.allowed >= matrix.SIGNED_IN}
    assert beyond == {"reports:city_status", "reports:city_figures", "reports:city_submit_province"}
    for name in ("core:audit_log", "core:units", "study:list", "study:detail", "mediation:cases:list",
                 "indicators:figures", "reports:list", "reports:dashboard", "reports:province_status"):
        assert "city" not in matrix.rule_for(name, keys).allowed, name


# -- walking the pages -----------------------------------------------------------------------

@pytest.fixture
def world(request, county, market_unit, transport_unit, justice_unit):
    """Every persona, one record of 市场监管局 per ledger in RECORD_FACTORIES, and the kwargs values."""
    users = {p: request.getfixturevalue(p) for p in matrix.PERSONAS if p != "anonymous"}
    records = {}
    for namespace, (dotted, values) in matrix.RECORD_FACTORIES.items():
        module, _, name = dotted.rpartition(".")
        model = getattr(import_module(module), name)
        records[namespace] = record_create(model, by=users["clerk"], unit=market_unit, **values)
    refs = {"@market_code": market_unit.code, "@market_pk": market_unit.pk, "@clerk_pk": users["clerk"].pk}
    return {"users": users, "records": records, "refs": refs}


def _login_paths() -> set[str]:
    return {urlparse(resolve_url(settings.LOGIN_URL)).path, reverse("sysadmin:login")}


def _to_login(response) -> bool:
    return response.status_code in (301, 302, 303, 307, 308) and \
        urlparse(response["Location"]).path in _login_paths()


def _verdict(client, url: str, persona: str, allowed: bool, may_hide: bool) -> str | None:
    """None when the response matches the declaration, else a one-line description."""
    response = client.get(url)
    status = response.status_code
    if allowed:
        if status == 200 or (300 <= status < 400 and not _to_login(response)):
            return None
        where = f" -> {response['Location']}" if 300 <= status < 400 else ""
        return f"{persona} should be allowed: {url} gave {status}{where}"
    if status == 403 or (status == 404 and may_hide):
        return None
    if _to_login(response):
        if persona == "anonymous":
            return None
        # a signed-in user sent to a login page (Django admin does that) must be refused there
        if client.get(response["Location"]).status_code == 403:
            return None
    where = f" -> {response['Location']}" if 300 <= status < 400 else ""
    return f"{persona} should be denied: {url} gave {status}{where}"


def _kwargs(url: Url, rule: matrix.Rule, world: dict) -> dict:
    values = {k: world["refs"].get(v, v) if isinstance(v, str) else v for k, v in rule.kwargs.items()}
    return {k: v for k, v in values.items() if k in url.params}


def _record_kwargs(url: Url, world: dict) -> dict | None:
    """kwargs for a ledger's record page, or None when no record of that ledger was made."""
    namespace = url.key.rpartition(":")[0]
    record = world["records"].get(namespace)
    if record is None:
        return None
    assert url.ledger is not None and url.ledger.model is type(record), url.key
    values = {"pk": record.pk, "name": record.workflow.transitions[0].name}
    return {k: values[k] for k in url.params}


def walk_pages(client, persona: str, world: dict) -> tuple[int, list[str], list[str]]:
    """(pages requested, mismatches, record pages not walked)."""
    walked, errors, not_walked = 0, [], []
    for url, rule in classified():
        if rule is None or rule.kind == "skip":
            continue
        if rule.kind == "record" and url.ledger is not None:
            kwargs = _record_kwargs(url, world)
            if kwargs is None:
                not_walked.append(url.key)
                continue
        else:
            kwargs = _kwargs(url, rule, world)
        path = reverse(url.key, kwargs=kwargs)
        walked += 1
        if rule.kind == "post_only":
            response = client.get(path)
            status = response.status_code
            turned_away = (persona == "anonymous" and _to_login(response)) or \
                (rule.allowed and persona not in rule.allowed and 300 <= status < 400)
            if not (status == 405 or turned_away):
                errors.append(f"{persona}: GET {path} on a POST-only page gave {status}")
            continue
        if rule.kind == "redirect":
            response = client.get(path)
            ok = _to_login(response) if persona == "anonymous" else \
                (300 <= response.status_code < 400 and not _to_login(response))
            if not ok:
                errors.append(f"{persona}: {path} should only redirect, gave {response.status_code}   [{url.key}]")
            continue
        allowed = persona in rule.allowed
        may_hide = rule.kind == "record" or persona in rule.hidden
        error = _verdict(client, path, persona, allowed, may_hide)
        if error:
            errors.append(f"{error}   [{url.key}]")
    return walked, errors, not_walked


def _client_for(client, persona: str, world: dict):
    if persona != "anonymous":
        client.force_login(world["users"][persona], backend="fazhi.accounts.backends.AccountBackend")
    return client


@pytest.mark.parametrize("persona", matrix.PERSONAS)
def test_every_page_as(persona: str, client, world) -> None:
    client = _client_for(client, persona, world)
    walked, errors, _ = walk_pages(client, persona, world)
    assert walked > 150
    assert not errors, f"{len(errors)} of {walked} pages differ from the matrix:\n  " + "\n  ".join(errors)


@pytest.mark.parametrize("persona", matrix.PERSONAS)
def test_ledger_export_as(persona: str, client, world) -> None:
    """?format=xlsx on every ledger list: records.export holders get a workbook, nobody else."""
    client = _client_for(client, persona, world)
    errors, lists = [], [u for u, r in classified() if r is not None and r.pattern == "*:list" and u.ledger]
    assert len(lists) > 40
    for url in lists:
        path = reverse(url.key) + "?format=xlsx"
        allowed = persona in matrix.EXPORT_ALLOWED
        error = _verdict(client, path, persona, allowed, may_hide=False)
        if error:
            errors.append(error)
        elif allowed:
            response = client.get(path)
            if response["Content-Type"] != XLSX:
                errors.append(f"{persona}: {path} is not a workbook ({response['Content-Type']})")
    assert not errors, "\n  ".join(errors)


def test_three_administrators_are_kept_apart_on_the_pages(client, world) -> None:
    """三员分立 on the running site: the system administrator cannot open the audit log nor grant
    roles; the audit administrator cannot open any create/edit page nor /sysadmin/."""
    sysadmin = _client_for(client, "sysadmin", world)
    assert sysadmin.get(reverse("core:audit_log")).status_code == 403
    assert sysadmin.get(reverse("accounts:roles")).status_code == 403
    client.logout()
    auditadmin = _client_for(client, "auditadmin", world)
    checked = 0
    for url, rule in classified():
        if rule is None or not url.key.endswith((":create", ":update")) or url.key.startswith("api-v1:"):
            continue
        kwargs = _record_kwargs(url, world) if "pk" in url.params else {}
        if kwargs is None:
            continue
        response = auditadmin.get(reverse(url.key, kwargs=kwargs))
        if 300 <= response.status_code < 400:  # plans:tasks:create only redirects: the target must refuse
            response = auditadmin.get(response["Location"])
        assert response.status_code == 403, url.key
        checked += 1
    assert checked > 40
    response = auditadmin.get("/sysadmin/")
    assert response.status_code == 403 or (_to_login(response) and
                                           auditadmin.get(response["Location"]).status_code == 403)


def test_leader_reads_a_record_but_cannot_change_it(client, world) -> None:
    leader = _client_for(client, "leader", world)
    record = world["records"]["study"]
    assert leader.get(reverse("study:detail", args=[record.pk])).status_code == 200
    assert leader.get(reverse("study:update", args=[record.pk])).status_code == 403
    assert leader.get(reverse("study:delete", args=[record.pk])).status_code == 403
    assert leader.post(reverse("study:delete", args=[record.pk])).status_code == 403
    assert type(record).objects.filter(pk=record.pk).exists()
