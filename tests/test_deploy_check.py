"""The production configuration passes Django's deployment checklist.

Runs the installed console script, as an operator would: ``fazhi manage check --deploy``."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

FAZHI = Path(sys.executable).parent / "fazhi"


def run_check(home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    # Start from the caller's environment without any Fazhi or database setting of its own, and
    # without DJANGO_ALLOW_ASYNC_UNSAFE, which tests/browser/conftest.py sets for Playwright and
    # which the deployment checklist rightly refuses (async.E001).
    dropped = {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    base = {k: v for k, v in os.environ.items() if not k.startswith("FAZHI_") and k not in dropped}
    return subprocess.run(
        [str(FAZHI), "manage", "check", "--deploy", "--fail-level", "WARNING"],
        env={**base, "FAZHI_HOME": str(home), **env},
        capture_output=True, text=True, timeout=180, check=False,
    )


def production_env() -> dict[str, str]:
    secret = secrets.token_urlsafe(48)
    assert len(secret) == 64
    return {"FAZHI_ENV": "production", "FAZHI_SECRET_KEY": secret,
            "FAZHI_ALLOWED_HOSTS": "fazhi.example.gov.cn"}


@pytest.fixture(scope="module", autouse=True)
def _console_script() -> None:
    if not FAZHI.exists():
        pytest.fail(f"console script {FAZHI} is missing: run pip install -e '.[test]'")


def test_the_production_settings_pass_the_deployment_checklist(tmp_path: Path) -> None:
    result = run_check(tmp_path, **production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout + result.stderr


def test_the_checklist_does_fail_outside_production(tmp_path: Path) -> None:
    """Guards the test above: the command's exit code really reports deployment warnings."""
    result = run_check(tmp_path, FAZHI_ALLOWED_HOSTS="fazhi.example.gov.cn")
    assert result.returncode != 0
    assert "security.W008" in result.stdout + result.stderr  # SECURE_SSL_REDIRECT off
