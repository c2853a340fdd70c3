"""Work-stream apps. Every sub-package with an ``apps.py`` is installed automatically.

This module is imported by settings, so it must not import Django.
"""

from __future__ import annotations

import pkgutil
from pathlib import Path


def discover_stream_apps() -> list[str]:
    """Dotted names of every stream app, so adding a stream touches no other file."""
    here = Path(__file__).parent
    return sorted(
        f"fazhi.streams.{info.name}"
        for info in pkgutil.iter_modules([str(here)])
        if info.ispkg and (here / info.name / "apps.py").exists()
    )
