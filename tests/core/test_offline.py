"""Issue 19: the installable web app. The manifest and the service worker are served from the site
root (the worker's scope is the whole site), to anyone, with no data in them; the worker keeps our
static files and the quick-entry pages for offline use, and no other page."""

from __future__ import annotations

import pytest
from django.templatetags.static import static

pytestmark = pytest.mark.django_db


def test_the_manifest_makes_the_platform_installable(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200 and response["Content-Type"] == "application/manifest+json"
    manifest = response.json()
    assert (manifest["name"], manifest["start_url"], manifest["scope"], manifest["display"]) == (
        "法治政府建设综合管理平台", "/home/", "/", "standalone")
    assert {i["sizes"] for i in manifest["icons"]} == {"192x192", "512x512"}
    for icon in manifest["icons"]:
        assert client.get(icon["src"]).status_code == 200


def test_the_service_worker_keeps_static_files_and_quick_entry_pages_only(client):
    response = client.get("/sw.js")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/javascript")
    body = response.content.decode()
    assert '"/s/mediation/quick/"' in body
    assert f'"{static("fazhi/quick.js")}"' in body
    assert "/s/mediation/\"" not in body and "/home/" not in body  # no list, no home page is cached


def test_every_staff_page_links_the_manifest(login, clerk):
    html = login(clerk).get("/home/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    assert f'data-clear-drafts="{clerk.pk}"' in html  # signing out clears this account's drafts
