"""Rules of the house that a change could silently break."""

from __future__ import annotations

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "fazhi"
STREAM_IMPORT = re.compile(r"^\s*(from|import)\s+fazhi\.streams\.", re.M)


def python_files(*folders: str) -> list[Path]:
    return [p for folder in folders for p in (SRC / folder).rglob("*.py")]


def test_core_accounts_indicators_and_api_know_no_stream():
    offenders = [str(p.relative_to(SRC)) for p in python_files("core", "accounts", "indicators", "api")
                 if STREAM_IMPORT.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_streams_never_import_each_other():
    offenders = []
    for stream in (SRC / "streams").iterdir():
        if not (stream / "apps.py").exists():
            continue
        for p in stream.rglob("*.py"):
            for match in re.finditer(r"fazhi\.streams\.(\w+)", p.read_text(encoding="utf-8")):
                if match.group(1) != stream.name:
                    offenders.append(f"{p.relative_to(SRC)} -> {match.group(1)}")
    assert offenders == []


def test_every_stream_has_the_same_shape():
    required = {"apps.py", "models.py", "workflow.py", "indicators.py", "views.py", "urls.py", "importers.py",
                "demo.py"}
    for stream in (SRC / "streams").iterdir():
        if (stream / "apps.py").exists():
            assert required <= {p.name for p in stream.iterdir()}, stream.name
