"""Issue 7 "Done when" and issue 9 item 2: every public page of the demo, every public download
(annual report HTML/.docx/PDF, the draws' public JSON), the anonymous API, the sign-in and
registration pages — and the public (masked) Excel export of every ledger — carry no unmasked
ID number, phone or personal name. One test loads the demo once and reports every leak with its
URL and snippet."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from fazhi.accounts.models import User
from fazhi.reports.render import chinese_fonts
from tests.privacy import scan
from tests.security.test_permission_matrix import all_urls

# Public pages that only a visitor holding a number can open (the applicant's own request):
# fetched anonymously with real numbers from the database — they must not show anything personal.
OWNER_PAGES = {
    "gk_disclosure:mine": ("disclosure.DisclosureRequest", "request_no", "request_no"),
    "gk_complaints:mine": ("complaints.Complaint", "tracking_no", "tracking_no"),
    "gk_legal_services:consultation": ("legal_services.Consultation", "pk", "pk"),
    "gk_legal_services:aid": ("legal_services.LegalAidApplication", "application_no", "application_no"),
    # --- checks ---
    "gk_checks:check": ("checks.BusinessInspection", "check_code", "code"),
}


def public_patterns() -> list:
    return [u for u in all_urls() if u.route.startswith("gk/")]


def start_urls() -> list[str]:
    urls = ["/", reverse("accounts:login"), reverse("accounts:register")]
    for u in public_patterns():
        if not u.params:
            urls.append("/" + u.route)
    # the anonymous API (reports) and every API list, which must refuse an anonymous caller
    urls += ["/" + u.route for u in all_urls() if u.route.startswith("api/v1/") and not u.params
             and u.key.endswith(("_list", "reports", "draws", "results", "units", "indicator_list"))]
    return urls


def owner_urls() -> list[str]:
    from django.apps import apps

    urls = []
    for name, (label, attr, param) in OWNER_PAGES.items():
        model = apps.get_model(label)
        for value in model.objects.exclude(**{attr: ""} if attr != "pk" else {}).values_list(attr, flat=True)[:5]:
            urls.append(reverse(name, kwargs={param: value}))
    return urls


def public_exports(client: Client) -> list[scan.Page]:
    """The public (masked) version of every ledger's Excel export, as the coordinator."""
    from tests.security.test_permission_matrix import classified

    client.force_login(User.objects.get(username="coordinator"), backend="fazhi.accounts.backends.AccountBackend")
    pages = []
    for url, rule in classified():
        if rule is not None and rule.pattern == "*:list" and url.ledger:
            path = url.ledger.url("list") + "?format=xlsx&public=1"
            response = client.get(path)
            assert response.status_code == 200, path
            pages.append(scan.Page(path, 200, response["Content-Type"], scan.text_of(response)))
    return pages


@pytest.mark.django_db
def test_no_public_output_of_the_demo_shows_personal_data(settings):
    settings.FAZHI_RATE_LIMITS_DISABLED = True
    call_command("fazhi_demo", stdout=open("/dev/null", "w"))
    names = scan.personal_names()
    phones = scan.published_phones()
    # the scan looks for something real: the demo holds full names, ID numbers and phones
    assert len(names) >= 20

    result = scan.crawl(Client(), start_urls() + owner_urls())
    pages = result.pages
    not_reached = sorted(u.key for u in public_patterns() if result.routes[u.key] == 0)
    assert not_reached == [], f"公开页面未被扫描（请在 OWNER_PAGES 声明或在页面中链接）：{not_reached}"
    # Without a Chinese font the report's PDF is refused (503, "请下载Word版本"), not printed as boxes.
    fonts = bool(chinese_fonts())
    errors = [f"{p.url}: HTTP {p.status}" for p in pages
              if p.status >= 500 and (fonts or not (p.status == 503 and p.url.endswith("download.pdf")))]
    assert errors == []
    # every kind of public output was read: pages, the draws' JSON, the report in three formats
    kinds = " ".join(p.content_type for p in pages)
    for kind in ("text/html", "application/json", "wordprocessingml", *(["application/pdf"] if fonts else [])):
        assert kind in kinds, kind

    pages += public_exports(Client())
    found = scan.leaks(pages, names, phones)
    assert found == [], f"{len(found)} 处个人信息未脱敏：\n" + "\n".join(found[:60])
