"""In CI a skipped browser test fails the run (tests/browser/conftest.py): run pytest on a small
planted browser folder that uses those hooks, with and without ``CI=true``."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PLANTED = {
    "conftest.py": "from tests.browser.conftest import pytest_make_collect_report, pytest_runtest_makereport\n",
    "test_flows.py": """
import pytest

def test_passes():
    pass

def test_skips_itself():
    pytest.skip("chromium did not start")

@pytest.mark.skip(reason="/usr/bin/chromium is not installed")
def test_marked_skip():
    pass

@pytest.mark.xfail(reason="known", strict=True)
def test_expected_failure():
    assert False
""",
}
MODULE_SKIP = "import pytest\npytest.importorskip('no_such_module_for_fazhi')\n\ndef test_x():\n    pass\n"


def _outcomes(tmp_path: Path, ci: str | None, module_skip: bool = False) -> dict[str, int]:
    folder = tmp_path / "browser"
    folder.mkdir(exist_ok=True)
    planted = {**PLANTED, "test_module_skip.py": MODULE_SKIP} if module_skip else PLANTED
    for name, text in planted.items():
        (folder / name).write_text(text, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    if ci is not None:
        env["CI"] = ci
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:django",
                          "--rootdir", str(tmp_path), "-c", os.devnull, str(folder)],
                         capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    last = run.stdout.strip().splitlines()[-1]
    return {word: int(n) for n, word in re.findall(r"(\d+) (\w+)", last)}


def test_in_ci_a_skipped_browser_test_fails_the_run(tmp_path):
    # pytest.skip() in the test fails it; a skip marker (taken at set-up) is an error: both fail the run
    assert _outcomes(tmp_path, "true") == {"failed": 1, "error": 1, "passed": 1, "xfailed": 1}


def test_in_ci_a_browser_module_skipped_at_collection_stops_the_run(tmp_path):
    assert _outcomes(tmp_path, "true", module_skip=True) == {"error": 1}


def test_outside_ci_a_skip_stays_a_skip(tmp_path):
    assert _outcomes(tmp_path, None, module_skip=True) == {"passed": 1, "skipped": 3, "xfailed": 1}
