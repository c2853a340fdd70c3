"""Browser tests: Playwright (sync API) drives Debian's chromium against pytest-django's live_server.

Never run ``playwright install``: the browser is the system package at /usr/bin/chromium
(``apt-get install chromium``, see scripts/install-system-deps.sh). Without it, every test in
this directory is skipped.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
HERE = Path(__file__).resolve().parent

# Playwright's sync API keeps an asyncio event loop running in the test thread, and Django
# refuses database access from a thread with a running loop unless this is set.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip the whole directory when Debian's chromium is not installed.

    A skip marker is evaluated before any fixture is set up, so the session-scoped browser is
    never launched when there is nothing to launch."""
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is not installed (apt-get install chromium)")
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(skip)


SKIP_IN_CI = ("浏览器测试在CI中被跳过（CI=true，chromium已安装，跳过说明环境出了问题）："
              "跳过视为失败。原因：{reason}")


def _in_ci() -> bool:
    return os.environ.get("CI") == "true"


def _skip_reason(longrepr) -> str:
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2])
    return str(longrepr)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """In CI (``CI=true``, as ``.ci/run`` sets it) a skipped browser test fails the run: chromium
    is installed there, so a skip (no chromium, a missing fixture, ``pytest.skip``) means something
    broke. Hooks of this conftest apply to the tests under tests/browser only; xfail stays xfail."""
    report = yield
    if _in_ci() and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = SKIP_IN_CI.format(reason=_skip_reason(report.longrepr))
    return report


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector: pytest.Collector):
    """The same for a whole module skipped while it is collected (``pytest.importorskip``)."""
    report = yield
    if _in_ci() and report.outcome == "skipped":
        report.outcome = "failed"
        report.longrepr = SKIP_IN_CI.format(reason=_skip_reason(report.longrepr))
    return report


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict:
    """Launch Debian's chromium instead of a browser downloaded by ``playwright install``."""
    return {
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
        ],
    }


@pytest.fixture
def sign_in(page, live_server):
    """sign_in("clerk") signs that persona in through the real login page and waits for home."""
    import re

    from playwright.sync_api import expect

    from tests.conftest import PASSWORD

    def _sign_in(username: str, password: str = PASSWORD) -> None:
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label(re.compile(r"^账号")).fill(username)
        page.get_by_label(re.compile(r"^密码")).fill(password)
        page.get_by_role("button", name="登录", exact=True).click()
        expect(page).to_have_url(re.compile(r"/(home|gk/my)/$"))  # staff: work page; public: 我的办件

    return _sign_in
