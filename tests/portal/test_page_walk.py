"""Issue 21: no stored code, key, ``None`` or version marker reaches a page.

On the demo, every demo account (each role, the citizen, an anonymous visitor) opens every page
the permission matrix (tests/security/matrix.py) lets its persona open — one record page per
ledger, the first record the account may read — and the public side is crawled from /gk/ link
by link. The visible text (tags, scripts and styles stripped) must hold no Python literal
(``None``, ``True``, ``False``, a list or dict repr), no ``v1``-style version marker, no
registered indicator key and no stored choice code of a ledger's fields or workflow states.
A report writer's placeholder ``{{ key }}`` is the one form a key may take on a page (the
section editor and the drill-down offer it to those who write the report).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlparse

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from fazhi.accounts.models import User
from fazhi.core import scope
from fazhi.core.models import Unit
from fazhi.core.registry import streams
from fazhi.indicators.registry import load_all
from tests.security import matrix
from tests.security.test_permission_matrix import classified

# demo account -> the matrix persona whose pages it opens (advisor and mediator read and write
# their own village like a clerk; a page they may not open answers 403 and is passed over)
DEMO_PERSONAS = {
    "sysadmin": "sysadmin", "secadmin": "secadmin", "auditadmin": "auditadmin", "coordinator": "coordinator",
    "clerk": "clerk", "head": "head", "clerk2": "other_clerk", "leader": "leader", "advisor": "clerk",
    "mediator": "clerk", "13800138000": "citizen",
}
# "approver" holds the coordinator's role and scope: the coordinator's walk covers its pages.
# A page that is the same for every account (a list, a record, a figure) is read once, by the
# first account above that may open it; what differs by account is read by each.
# The audit log shows what was stored (before → after, field by field, in the form's words): the
# audit administrator may read a stored list of figure keys there, never a Python literal.
STORED_VALUES_SHOWN = ("/audit/",)
PER_ACCOUNT = ("/home/", "/cockpit/", "/dashboard/", "/notifications/", "/accounts/account/", "/gk/my/")

NOT_WORD = r"(?<![A-Za-z0-9_./-]){}(?![A-Za-z0-9_/-])"
LITERALS = [
    ("None", re.compile(NOT_WORD.format("None"))),
    ("True", re.compile(NOT_WORD.format("True"))),
    ("False", re.compile(NOT_WORD.format("False"))),
    ("列表或字典", re.compile(r"\[\s*\]|\{\s*\}|\[\s*['\"]|\{\s*['\"][^'\"]*['\"]\s*:|\[\d+(?:,\s*\d+)+\]")),
    ("版本号", re.compile(NOT_WORD.format(r"v\d+"))),
]
PLACEHOLDER = re.compile(r"\{\{\s*[\w.]+(?:\|\w+)?\s*\}\}")
INVISIBLE = re.compile(r"<(script|style|head|textarea)\b[^>]*>.*?</\1\s*>|<!--.*?-->", re.S | re.I)
TAG = re.compile(r"<[^>]+>")
LINK = re.compile(r'href="([^"#]+)"')


def visible_text(page: str) -> str:
    """What a reader sees of an HTML page: text nodes without scripts, styles, the head and the
    contents of text areas (a text being edited is the writer's own)."""
    return html.unescape(TAG.sub(" ", INVISIBLE.sub(" ", page)))


def choice_codes() -> set[str]:
    """The stored codes of every ledger's choice fields and workflow states ("closed", "topic" …):
    lower-case identifiers of at least four letters, so that no ordinary word is taken for one."""
    codes: set[str] = set()
    for manifest in streams():
        for label in manifest.ledgers:
            model = apps.get_model(label)
            workflow = getattr(model, "workflow", None)
            values = list(getattr(workflow, "states", {}) or {})
            for f in model._meta.get_fields():
                values += [str(v) for v, _ in (getattr(f, "flatchoices", None) or []) if v not in ("", None)]
            codes |= {v for v in values if re.fullmatch(r"[a-z][a-z_]{3,}", v)}
    return codes


def findings(text: str, keys: set[str], codes: set[str]) -> list[str]:
    """Each literal, indicator key or stored code in ``text``, with what surrounds it."""
    text = PLACEHOLDER.sub(" ", text)
    found = []
    for name, pattern in LITERALS:
        found += [f"{name}: …{_around(text, m)}…" for m in pattern.finditer(text)]
    for word in re.finditer(r"(?<![A-Za-z0-9_])[a-z][a-z_]*(?:\.[a-z][a-z_0-9]*)?(?![A-Za-z0-9_])", text):
        token = word.group(0)
        if token in keys:
            found.append(f"指标代码 {token}: …{_around(text, word)}…")
        elif token in codes:
            found.append(f"存储代码 {token}: …{_around(text, word)}…")
    return found


def _around(text: str, match: re.Match) -> str:
    return " ".join(text[max(0, match.start() - 30):match.end() + 30].split())


@dataclass
class Walk:
    fetched: int = 0
    problems: list[str] | None = None

    def __post_init__(self) -> None:
        self.problems = []

    def check(self, client: Client, who: str, url: str, keys: set[str], codes: set[str]) -> str | None:
        """Fetch ``url``; record what it shows that it should not. Returns the HTML of a 200 page."""
        response = client.get(url)
        self.fetched += 1
        if response.status_code >= 500:
            self.problems.append(f"{who} {url}: HTTP {response.status_code}")
            return None
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            return None
        if getattr(response, "streaming", False):
            return None
        page = response.content.decode(response.charset or "utf-8", errors="replace")
        if url.startswith(STORED_VALUES_SHOWN):
            keys, codes = set(), set()
        self.problems += [f"{who} {url}: {f}" for f in findings(visible_text(page), keys, codes)]
        return page


def staff_urls(user: User, persona: str) -> list[str]:
    """The pages the matrix lets ``persona`` open, filled in from the demo; one record page per
    ledger (the first record ``user`` may read)."""
    refs = {"@market_code": "430771-D03", "@market_pk": Unit.objects.get(code="430771-D03").pk,
            "@clerk_pk": User.objects.get(username="clerk").pk}
    urls = []
    for url, rule in classified():
        if rule is None or persona not in rule.allowed or url.key.startswith(("gk_", "portal:")):
            continue
        if rule.kind == "page":
            kwargs = {k: refs.get(v, v) if isinstance(v, str) else v for k, v in rule.kwargs.items()}
            urls.append(reverse(url.key, kwargs={k: v for k, v in kwargs.items() if k in url.params}))
        elif rule.kind == "record" and url.ledger is not None and url.key.endswith(":detail"):
            record = scope.filter_records(url.ledger.model.objects.order_by("pk"), user).first()
            if record is not None:
                urls.append(reverse(url.key, kwargs={"pk": record.pk}))
    if persona in matrix.READERS:  # the annual reports (skipped by the matrix: they need a report)
        from fazhi.reports.models import AnnualReport

        for report in AnnualReport.objects.order_by("pk"):
            urls.append(reverse("reports:detail", args=[report.pk]))
            section = report.sections.order_by("pk").first()
            if section is not None and persona in matrix.REPORT_MANAGERS:
                urls.append(reverse("reports:section", args=[section.pk]))
    return urls


def walk_public(client: Client, walk: Walk, keys: set[str], codes: set[str], limit: int = 300) -> int:
    """Crawl /gk/ from the portal's home, following links within /gk/ (no query strings beyond
    the first page of each list): returns the pages seen."""
    from tests.privacy.test_public_scan import owner_urls

    queue, seen, shapes = ["/gk/", *owner_urls()], set(), {}
    while queue and len(seen) < limit:
        url = queue.pop(0)
        shape = re.sub(r"\d+", "#", url)  # three records of a kind show what the rest would
        if url in seen or shapes.get(shape, 0) >= 3:
            continue
        seen.add(url)
        shapes[shape] = shapes.get(shape, 0) + 1
        page = walk.check(client, "anonymous", url, keys, codes)
        for href in LINK.findall(page or ""):
            target = urlparse(urljoin(url, html.unescape(href)))
            if target.path.startswith("/gk/") and not target.query and target.path not in seen \
                    and not target.path.endswith((".pdf", ".docx", ".json", ".xlsx")):
                queue.append(target.path)
    return len(seen)


def test_the_scan_finds_a_planted_literal_key_or_code():
    keys, codes = {"study.topic_sessions"}, {"closed"}
    planted = ("<main><h1>学法</h1><td>None</td><td>[1, 2]</td><span>{'a': 1}</span><p>v1</p>"
               "<p>study.topic_sessions</p><p>状态：closed</p><p>False</p></main>")
    found = findings(visible_text(planted), keys, codes)
    assert [f.split(":")[0] for f in found] == ["None", "False", "列表或字典", "列表或字典", "版本号",
                                                 "指标代码 study.topic_sessions", "存储代码 closed"]
    clean = ('<head><title>None</title></head><script>var x = [1, 2];</script><textarea>{{ study.topic_sessions }}'
             '</textarea><p>引用 {{ study.topic_sessions }}，答复率 99.3%，2026年〔2026〕1号，/api/v1/</p><!-- None -->')
    assert findings(visible_text(clean), keys, codes) == []


@pytest.mark.django_db
def test_no_page_of_the_demo_shows_a_literal_a_key_or_a_code(demo_db, settings):
    settings.FAZHI_RATE_LIMITS_DISABLED = True
    keys = set(load_all())
    # an account name ("leader") is what its owner typed, not a stored code
    codes = choice_codes() - set(User.objects.values_list("username", flat=True))
    assert "study.topic_sessions" in keys and "closed" in codes
    walk, seen = Walk(), set()
    for username, persona in DEMO_PERSONAS.items():
        client = Client()
        user = User.objects.get(username=username)
        client.force_login(user, backend="fazhi.accounts.backends.AccountBackend")
        urls = ["/home/", *staff_urls(user, persona)] if persona != "citizen" else ["/gk/my/", "/accounts/account/"]
        for url in dict.fromkeys(urls):
            if url not in seen or url.split("?")[0] in PER_ACCOUNT:
                seen.add(url)
                walk.check(client, username, url, keys, codes)
    staff = walk.fetched
    public = walk_public(Client(), walk, keys, codes)
    print(f"page walk: {staff} staff pages, {public} public pages")
    assert staff > 250 and public > 30
    assert walk.problems == [], f"{len(walk.problems)} 处：\n" + "\n".join(_grouped(walk.problems))


def _grouped(problems: list[str]) -> list[str]:
    """One line per page and kind of finding, with how often and the first occurrence."""
    groups: dict[str, list[str]] = {}
    for p in problems:
        who_url, _, finding = p.partition(": ")
        groups.setdefault(f"{who_url}: {finding.split(':')[0]}", []).append(finding)
    return [f"{k} ×{len(v)}  {v[0]}" for k, v in groups.items()]
