"""A new user who runs ``fazhi report`` before ``fazhi demo`` or ``fazhi setup`` reads what to do, in
Chinese, and gets no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"


def test_a_report_on_a_data_folder_never_set_up_says_what_to_run(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(FAZHI_HOME=str(tmp_path / "empty"), PYTHONPATH=str(SRC))
    result = subprocess.run([sys.executable, "-m", "fazhi.cli", "report", "--year", "2023", "--format", "json"],
                            capture_output=True, text=True, env=env, timeout=120, check=False)
    assert result.returncode == 2
    assert "请先运行 fazhi demo 或 fazhi setup" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
