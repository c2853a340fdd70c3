"""Demo cases (filled in below)."""

from __future__ import annotations


def load(county) -> None:  # noqa: ANN001
    return None
