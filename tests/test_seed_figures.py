"""The demo is the reference customer's 2023: its report's figures come back from the ledgers.

tests/data/figures-2023.json is a copy of shared/seed/figures-2023.json (key, figure, phrase).
Keys whose stream is not built yet are listed, not passed: the test requires every key of
every installed stream.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command

from fazhi.core.models import Unit
from fazhi.core.registry import streams
from fazhi.indicators.engine import compute_figure
from fazhi.indicators.registry import Period, load_all

SEED = json.loads((Path(__file__).parent / "data" / "figures-2023.json").read_text(encoding="utf-8"))


def mismatch(key: str, expected: dict, figure) -> str | None:
    value = figure.result.value
    if "value" in expected and (value is None or Decimal(value) != Decimal(expected["value"])):
        return f"{key}: {value} ≠ {expected['value']}"
    if "display" in expected and figure.display != expected["display"]:
        return f"{key}: {figure.display} ≠ {expected['display']}"
    if "min" in expected and not (value is not None and expected["min"] <= value <= expected["max"]):
        return f"{key}: {value} not in {expected['min']}–{expected['max']}"
    for part in ("numerator", "denominator"):
        if part in expected and getattr(figure.result, part) != expected[part]:
            return f"{key}: {part} {getattr(figure.result, part)} ≠ {expected[part]}"
    return None


@pytest.mark.django_db
def test_the_demo_reproduces_every_seed_figure_of_the_installed_streams():
    call_command("fazhi_demo")
    county = Unit.objects.get(code=SEED["unit"]["code"])
    installed = {m.key for m in streams()}
    registered = load_all()
    checked, problems = [], []
    for key, expected in sorted(SEED["figures"].items()):
        stream = key.split(".")[0]
        if stream not in installed:
            continue
        if key not in registered:
            problems.append(f"{key}: not registered by the {stream} stream")
            continue
        checked.append(key)
        problem = mismatch(key, expected, compute_figure(key, county, Period.year(SEED["year"])))
        if problem:
            problems.append(f"{problem} （{expected['phrase']}）")
    assert problems == []
    assert "study.topic_sessions" in checked
