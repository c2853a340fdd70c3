"""Issue 19, narrow screens: a staff member on a 390×844 phone.

Every staff page of the permission matrix (tests/security/matrix.py), opened by each account of
the demo, must not scroll sideways; ledger lists turn into cards below 576 px (key columns,
state, due badge) and stay tables above; the filters fold behind one 筛选 button on a phone, and
the active filters are shown as removable chips at every width.
"""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Browser, BrowserContext, expect

from fazhi.accounts import otp
from fazhi.accounts.models import User
from fazhi.core import scope
from fazhi.core.models import Unit
from fazhi.core.registry import streams
from fazhi.demo.management.commands.fazhi_demo import DEMO_USERS
from tests.conftest import pass_second_step
from tests.security import matrix
from tests.security.test_permission_matrix import Url, classified

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
PUBLIC_PREFIXES = ("gk_", "portal:", "api")  # the portal has its own phone test (test_accessibility)
OUTSIDERS = frozenset({"anonymous", "citizen"})
DOWNLOAD = re.compile(r"\.(xlsx|docx|pdf|zip|json)$")  # a file, not a page (Excel import templates)

# The elements sticking out to the right, outermost first: named in the failure message.
WIDEST = """() => {
  const w = window.innerWidth, out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right > w + 1 && r.width > 0 && !(el.parentElement && out.includes(el.parentElement))) {
      out.push(el);
    }
  }
  return out.slice(0, 3).map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
    ' ' + Math.round(el.getBoundingClientRect().right) + 'px');
}"""
WRITE_PAGES = (":create", ":update", ":delete", ":import")
FORM_PAGES = (*WRITE_PAGES, ":transition")
OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"


def staff_urls() -> list[tuple[Url, matrix.Rule]]:
    """Every page of the matrix a staff member opens: walked pages, record pages and redirects,
    without the public portal, the API and the pages only anonymous visitors or citizens open."""
    found = []
    for url, rule in classified():
        if rule is None or rule.kind not in ("page", "record", "redirect"):
            continue
        if url.key.startswith(PUBLIC_PREFIXES) or (rule.allowed and rule.allowed <= OUTSIDERS):
            continue
        if rule.allowed == matrix.PUBLIC or DOWNLOAD.search(url.route):
            continue
        found.append((url, rule))
    return found


def demo_refs() -> dict:
    market = Unit.objects.get(short_name="市场监管局")
    return {"@market_code": market.code, "@market_pk": market.pk,
            "@clerk_pk": User.objects.get(username="clerk").pk}


def path_for(url: Url, rule: matrix.Rule, user: User, refs: dict) -> str | None:
    """The address of ``url`` for ``user``: a ledger's record pages open the first record the
    user may read (None when there is none); other pages take the matrix's kwargs."""
    if url.ledger is not None and "pk" in url.params:
        record = url.ledger.visible(user).first()
        if record is None:
            return None
        steps = [t.name for t in record.workflow.transitions if record.state in t.source]
        if "name" in url.params and not steps:
            return None  # a record in a final state has no step to confirm
        values = {"pk": record.pk, "name": steps[0] if steps else ""}
        return reverse(url.key, kwargs={k: values[k] for k in url.params})
    kwargs = {k: refs.get(v, v) if isinstance(v, str) else v for k, v in rule.kwargs.items() if k in url.params}
    return reverse(url.key, kwargs=kwargs)


def may_open(url: Url, rule: matrix.Rule, user: User) -> bool:
    """Whether ``user`` is meant to open the page: a ledger's pages by the capability its view
    checks in the ledger's stream (field roles included); other pages by the matrix's personas of
    the user's role. A role the matrix does not cast (the field roles, the city) opens them all."""
    if url.ledger is not None:
        capability = "records.write" if url.key.endswith(WRITE_PAGES) else "records.read"
        return scope.has_capability(user, capability, within=url.ledger.model)
    personas = {p for p, role in matrix.PERSONA_ROLES.items() if role in user.roles()}
    return not personas or rule.kind == "redirect" or bool(personas & rule.allowed)


def signed_in_context(browser: Browser, base_url: str, user: User, viewport: dict) -> BrowserContext:
    """A browser context holding ``user``'s session: one sign-in per persona, made on the server
    (the real login page, with the administrators' second step, is tested in test_login_flow)."""
    client = Client()
    client.force_login(user, backend="fazhi.accounts.backends.AccountBackend")
    if otp.needs_second_step(user):
        pass_second_step(client, user)
    context = browser.new_context(viewport=viewport, base_url=base_url)
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": base_url,
                          "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])
    return context


def walk(browser: Browser, base_url: str, usernames: list[str]) -> tuple[int, list[str], list[str]]:
    """(pages checked, pages that scroll sideways, pages not walked) over every staff URL.

    Each account opens every staff page it may open: lists, record pages and the other pages with
    its own data, and one refusal page. A ledger's form and confirmation pages (新增, 编辑, 删除, a
    step's confirmation, Excel导入) are one core template each whose content does not depend on
    the account: each is checked once, by the first account it opens for, to keep the walk short."""
    refs, urls = demo_refs(), staff_urls()
    checked, wide, not_walked, forms_seen = 0, [], [], set()
    for username in usernames:
        user = User.objects.get(username=username)
        context = signed_in_context(browser, base_url, user, PHONE)
        page, refusal_seen = context.new_page(), False
        for url, rule in urls:
            form = url.ledger is not None and url.key.endswith(FORM_PAGES)
            if form and url.key in forms_seen:
                continue
            if not may_open(url, rule, user):
                if refusal_seen:
                    continue  # one refusal page per account is enough: they are all the same page
                refusal_seen = True
            path = path_for(url, rule, user, refs)
            if path is None:
                not_walked.append(f"{username}: {url.key}")
                continue
            response = page.goto(path, wait_until="domcontentloaded")
            checked += 1
            if form and response is not None and response.status == 200:
                forms_seen.add(url.key)
            overflow = page.evaluate(OVERFLOW)
            if overflow > 1:
                wide.append(f"{username} {path} [{url.key}]: {overflow}px {page.evaluate(WIDEST)}")
        context.close()
    not_walked = [entry for entry in not_walked if entry.rpartition(": ")[2] not in forms_seen]
    return checked, wide, not_walked


@pytest.fixture
def demo_staff(live_server):
    call_command("fazhi_demo")
    return live_server.url


def test_no_staff_page_scrolls_sideways_on_a_phone(browser: Browser, demo_staff) -> None:
    usernames = [username for username, *_ in DEMO_USERS]
    least = 1000  # every account opened the matrix's pages, ledgers' records included
    if connection.vendor != "sqlite":
        # All accounts open 1,000+ pages (minutes), and page width does not depend on the database:
        # the PostgreSQL run walks the widest menu and the two field roles' pages only.
        usernames, least = ["coordinator", "mediator", "advisor"], 100
    checked, wide, not_walked = walk(browser, demo_staff, usernames)
    assert checked > least
    assert wide == [], f"{len(wide)} of {checked} pages scroll sideways at 390 px:\n" + "\n".join(wide)


@pytest.fixture
def demo_mediation(live_server):
    call_command("fazhi_demo", streams="mediation")
    return live_server.url


def test_the_mediators_case_list_is_cards_on_a_phone_with_folded_filters_and_chips(
        browser: Browser, demo_mediation) -> None:
    context = signed_in_context(browser, demo_mediation, User.objects.get(username="mediator"), PHONE)
    page = context.new_page()
    page.goto(reverse("mediation:cases:list"))
    card = page.locator("table.fz-cards tbody tr").first
    # a card: the key columns with their labels, the state on top, the rest on the record page
    assert page.locator("table.fz-cards thead").bounding_box()["height"] <= 1  # only for screen readers
    expect(card.locator("td[data-label='登记编号']")).to_be_visible()
    expect(card.locator("td[data-label='登记编号']")).to_contain_text(re.compile(r"调字第\d+号"))
    expect(card.locator("td.fz-state")).to_be_visible()
    expect(card.locator("td[data-label='年度']")).to_be_hidden()
    assert card.bounding_box()["width"] <= PHONE["width"]
    # the filters are folded behind 筛选; choosing one shows it as a chip, the chip removes it
    expect(page.get_by_role("search", name="筛选")).to_be_hidden()
    page.get_by_role("button", name="筛选").click()
    expect(page.get_by_role("search", name="筛选")).to_be_visible()
    state = card.locator("td.fz-state").inner_text().strip()
    page.get_by_label("状态", exact=True).select_option(label=state)
    page.get_by_role("button", name="查询").click()
    page.wait_for_url(re.compile(r"[?&]state="))  # the filtered list (navigation timeout: a loaded CI machine)
    chip = page.get_by_role("link", name=f"去掉筛选条件 状态：{state}")
    expect(chip).to_be_visible()
    expect(page.get_by_role("button", name="筛选（1）")).to_be_visible()
    expect(page.get_by_role("search", name="筛选")).to_be_hidden()
    states = page.locator("table.fz-cards tbody td.fz-state")
    assert states.count() > 0 and {s.strip() for s in states.all_inner_texts()} == {state}
    chip.click()
    page.wait_for_url(lambda url: "state=" not in url)
    expect(chip).to_have_count(0)
    expect(page.get_by_role("button", name="筛选", exact=True)).to_be_visible()
    assert page.evaluate(OVERFLOW) <= 1
    # the mediator's menu (the toggler opens it on a phone): 人民调解 only, and his account
    page.get_by_role("button", name="展开导航").click()
    expect(page.locator("#fz-side .fz-nav-group")).to_have_text(["人民调解"])
    expect(page.get_by_role("link", name="我的账号")).to_be_visible()
    context.close()


def test_above_576_px_the_list_stays_a_table_and_shows_the_chips(browser: Browser, demo_mediation) -> None:
    context = signed_in_context(browser, demo_mediation, User.objects.get(username="coordinator"), DESKTOP)
    page = context.new_page()
    page.goto(reverse("mediation:cases:list") + "?due=overdue&q=%E8%B0%83")
    expect(page.locator("table.fz-cards thead")).to_be_visible()
    expect(page.get_by_role("columnheader", name="年度")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^筛选"))).to_be_hidden()
    expect(page.get_by_role("search", name="筛选")).to_be_visible()  # not folded on a wide screen
    expect(page.get_by_role("link", name="去掉筛选条件 期限：已超期")).to_be_visible()
    expect(page.get_by_role("link", name="去掉筛选条件 关键词：调")).to_be_visible()
    page.get_by_role("link", name="全部清除").click()
    expect(page.locator(".fz-chip")).to_have_count(0)
    expect(page.locator("table.fz-cards tbody tr").first).not_to_contain_text("暂无记录")
    # the coordinator's menu lists every stream (tests/core/test_field_roles.py checks menu_for itself)
    groups = page.locator("#fz-side .fz-nav-group").all_inner_texts()
    assert {m.label for m in streams() if m.menu} <= set(groups)
    context.close()
