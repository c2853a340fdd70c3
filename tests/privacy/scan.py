"""The public-output scanner: what an anonymous visitor can reach, and what must never be in it.

``crawl()`` starts from every public URL pattern (the portal /gk/, the sign-in and registration
pages, the anonymous API), follows the links the pages themselves offer (pagination, details,
downloads, the draws' public JSON) and returns the text of every response — docx through
python-docx, PDF through pypdf, Excel through openpyxl. ``leaks()`` looks in that text for:

- an 18-character 公民身份号码 with a valid GB 11643 check character,
- a mainland mobile number (1[3-9] + 9 digits) not masked,
- a fixed-line number (0xx(x)-xxxxxxx(x)) other than the offices' published hotlines,
- a person's full name taken from the database's declared personal fields of kind ``name``.
"""

from __future__ import annotations

import html
import io
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from django.apps import apps
from django.test import Client
from django.urls import Resolver404, resolve

from fazhi.core import privacy
from fazhi.core.identifiers import is_valid_id_number
from fazhi.core.roles import Role

ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])[1-9]\d{16}[\dXx](?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])")
FIXED_LINE = re.compile(r"(?<![0-9A-Za-z])(?:0\d{2,3}[-－—]\d{7,8}|[（(]0\d{2,3}[)）]\s?\d{7,8})(?![0-9A-Za-z])")
LINK = re.compile(r"""(?:href|src|action)\s*=\s*["']([^"'#]+)""", re.I)

# Where an anonymous visitor may go: the portal, the public API and the draws' public JSON.
PUBLIC_PATH = re.compile(r"^/(gk/.*|api/v1/reports/.*|s/inspections/draws/\d+/public\.json|"
                         r"accounts/(login|register)/|)$")
MAX_PER_ROUTE = 30
MAX_FETCHES = 3000


@dataclass
class Page:
    url: str
    status: int
    content_type: str
    text: str


@dataclass
class Crawl:
    pages: list[Page] = field(default_factory=list)
    routes: Counter = field(default_factory=Counter)  # URL name -> fetches


def route_of(path: str) -> str:
    try:
        match = resolve(path)
    except Resolver404:
        return ""
    return match.view_name or match.route


def text_of(response) -> str:
    ctype = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    if "wordprocessingml" in ctype:
        import docx

        doc = docx.Document(io.BytesIO(body))
        parts = [p.text for p in doc.paragraphs]
        for table in doc.tables:
            parts += [cell.text for row in table.rows for cell in row.cells]
        for section in doc.sections:
            parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
        return "\n".join(parts)
    if "pdf" in ctype:
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages)
    if "spreadsheetml" in ctype:
        from openpyxl import load_workbook

        wb = load_workbook(io.BytesIO(body), read_only=True)
        return "\n".join(" ".join("" if v is None else str(v) for v in row)
                         for ws in wb.worksheets for row in ws.iter_rows(values_only=True))
    text = body.decode(response.charset or "utf-8", errors="replace")
    if "json" in ctype:
        try:  # \uXXXX escapes become the characters a reader sees
            text = json.dumps(json.loads(text), ensure_ascii=False)
        except ValueError:
            pass
    return html.unescape(text)


def _links(page: Page) -> list[str]:
    found = LINK.findall(page.text) if "html" in page.content_type else []
    if "json" in page.content_type:
        found += re.findall(r'"(/(?:gk|api/v1/reports|s/inspections)/[^"]*)"', page.text)
    return [urljoin(page.url, html.unescape(u)) for u in found]


def crawl(client: Client, start: list[str]) -> Crawl:
    result = Crawl()
    queue, seen = list(dict.fromkeys(start)), set()
    while queue and len(result.pages) < MAX_FETCHES:
        url = queue.pop(0)
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver"):
            continue
        url = parts.path + (f"?{parts.query}" if parts.query else "")
        if url in seen or not PUBLIC_PATH.match(parts.path):
            continue
        seen.add(url)
        route = route_of(parts.path)
        if result.routes[route] >= MAX_PER_ROUTE:
            continue
        result.routes[route] += 1
        response = client.get(url)
        page = Page(url, response.status_code, response.get("Content-Type", ""), text_of(response))
        result.pages.append(page)
        if response.status_code in (301, 302) and response.get("Location"):
            queue.append(urljoin(url, response["Location"]))
        queue.extend(_links(page))
    return result


# -- what the database says must not appear ---------------------------------------------------

def personal_names() -> set[str]:
    """Every full name held in a field declared personal of kind name/names, minus the names the
    platform publishes by law (declared ``not_personal``: officers, mediators …)."""
    names: set[str] = set()
    public: set[str] = set()
    for model in apps.get_models():
        decl = privacy.declaration(model)
        name_fields = [f for f, kind in decl.personal.items() if kind in ("name", "names")]
        text_public = [f for f in decl.not_personal if model._meta.get_field(f).get_internal_type()
                       in ("CharField", "TextField")]
        for f in name_fields:
            for value in model._default_manager.exclude(**{f: ""}).values_list(f, flat=True):
                names.update(re.split(r"[、，,；;\s]+", value or ""))
        for f in text_public:
            public.update(v for v in model._default_manager.values_list(f, flat=True) if v)
    # A name is not looked for when the same characters are published by law (the demo reuses
    # names: a mediator's name may also be a consulter's; a 个体工商户's trade name holds its
    # owner's name) or when it is a role rather than a person (an account named 系统管理员).
    published = "\n".join(public)
    roles = {label for _, label in Role.choices}
    return {n for n in names if len(n) >= 2 and "某" not in n and "*" not in n and n not in published
            and n not in roles and not n.endswith(("管理员", "账号"))}


def published_phones() -> set[str]:
    """Phone numbers the offices publish (declared not personal: hotlines, service phones)."""
    out: set[str] = set()
    for model in apps.get_models():
        for f in privacy.declaration(model).not_personal:
            if re.search(r"phone|hotline|tel", f):
                out.update(v for v in model._default_manager.values_list(f, flat=True) if v)
    return out


def _snippet(text: str, start: int, end: int) -> str:
    return re.sub(r"\s+", " ", text[max(0, start - 40):end + 40])


def leaks(pages: list[Page], names: set[str], allowed_phones: set[str]) -> list[str]:
    found = []
    allowed = " ".join(allowed_phones)
    for page in pages:
        t = page.text
        for m in ID_NUMBER.finditer(t):
            if is_valid_id_number(m.group()):
                found.append(f"{page.url}: 身份证号 {m.group()} …{_snippet(t, m.start(), m.end())}…")
        for m in MOBILE.finditer(t):
            if m.group() not in allowed:
                found.append(f"{page.url}: 手机号 {m.group()} …{_snippet(t, m.start(), m.end())}…")
        for m in FIXED_LINE.finditer(t):
            digits = re.sub(r"\D", "", m.group())
            if not any(digits in re.sub(r"\D", "", a) for a in allowed_phones):
                found.append(f"{page.url}: 固定电话 {m.group()} …{_snippet(t, m.start(), m.end())}…")
        for name in names:
            i = t.find(name)
            if i >= 0:
                found.append(f"{page.url}: 姓名 {name} …{_snippet(t, i, i + len(name))}…")
    return found
