"""What the generator writes, at a tiny size (generated once for this module): identifiers
with valid check characters that belong to nobody, records their models accept, deadlines
met and missed, and the platform's indicators equal to the one hand-written SQL query —
assembled from the streams' bench modules, and checked as an oracle (planted wrong keys and SQL)."""

from __future__ import annotations

import io
import json
from datetime import date
from importlib import import_module

import pytest
from django.apps import apps
from django.db import transaction
from django.db.models import F

from fazhi.benchdata import reference
from fazhi.benchdata.generate import generate
from fazhi.benchdata.run import run
from fazhi.core.identifiers import is_valid_id_number, is_valid_uscc
from fazhi.core.models import Deadline, Unit
from fazhi.core.registry import stream, streams
from fazhi.indicators.engine import compute_all
from fazhi.indicators.registry import Period, load_all


@pytest.fixture(scope="module")
def small(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield generate(scale="county", years=2, seed=7, records=1500, until=date(2025, 6, 30))
        transaction.set_rollback(True)


pytestmark = pytest.mark.django_db


def _stream_models():
    return [m for m in apps.get_models() if m.__module__.startswith("fazhi.streams")]


def test_personal_data_passes_check_characters_but_uses_an_unassigned_region(small):
    seen_ids = seen_codes = 0
    for model in _stream_models():
        for f in model._meta.concrete_fields:
            if f.name.endswith("id_number"):
                for value in model.objects.exclude(**{f.name: ""}).values_list(f.name, flat=True):
                    assert is_valid_id_number(value), (model, f.name, value)
                    assert value[4:6] == "99"
                    seen_ids += 1
            if f.name.endswith(("credit_code", "uscc")):
                for value in model.objects.exclude(**{f.name: ""}).values_list(f.name, flat=True):
                    assert is_valid_uscc(value), (model, f.name, value)
                    assert value[6:8] == "99"
                    seen_codes += 1
    assert seen_ids > 200 and seen_codes > 50


def test_generated_records_pass_their_models_validation(small):
    from fazhi.streams.inspections.models import Draw

    checked = 0
    for model in _stream_models():
        if model is Draw:  # a draw records who committed it; generated draws have no person
            continue
        for obj in model.objects.order_by("pk")[:40]:
            obj.full_clean()
            checked += 1
    assert checked > 400


def test_the_platform_equals_the_hand_written_sql(small):
    county = Unit.objects.get(kind=Unit.Kind.GOVERNMENT)
    for period in (Period.year(2024), Period.quarter(2025, 1)):
        ref = reference.compute(county.path, period)
        figures = compute_all(county, period)
        assert reference.compare(ref, {k: f.result for k, f in figures.items()}) == []
        assert len(ref) >= 60
        assert ref["mediation.cases"][0] > 5  # not a comparison of zeros
        assert ref["services.satisfaction_rate"][1] > 10
        assert ref["enforcement.decisions"][0] > 10
    year = compute_all(county, Period.year(2024))
    on_time = year["complaints.replied_on_time_rate"].result
    assert 0 < on_time.numerator < on_time.denominator


def test_deadlines_are_met_on_time_late_and_still_open(small):
    assert Deadline.objects.filter(met_on__gt=F("due")).exists()
    assert Deadline.objects.filter(met_on__lte=F("due")).exists()
    assert Deadline.objects.filter(met_on__isnull=True).exists()


def test_the_bench_prints_a_table_with_ratios(small, tmp_path):
    out = io.StringIO()
    rows = run(repeat=1, year=2024, draw=False, report=False, streams=False, out=out,
               json_path=str(tmp_path / "bench.json"))
    text = out.getvalue()
    assert "一个县全部指标 2024年（冷）" in text and "ratio" in text
    assert "一个县全部指标 2024年（热）" in text and "看板页面 2024年（热）" in text  # the page beside the figures
    assert all(r.reference_ms and r.ratio for r in rows)
    assert "与参照SQL核对一致" in rows[0].note
    written = json.loads((tmp_path / "bench.json").read_text(encoding="utf-8"))["rows"]
    assert {"operation", "median_ms", "ref_median_ms", "ratio"} <= written[0].keys()
    assert [r["operation"] for r in written] == [r.operation for r in rows]
    assert all(r["ratio"] == r["median_ms"] / r["ref_median_ms"] for r in written)


# -- the SQL reference as a checked oracle (issue 22) ---------------------------------------------

def _reference_keys() -> list[str]:
    return [key for key, _ in reference.figures_sql(Period.year(2024))[1]]


def test_every_reference_key_is_a_registered_indicator_of_its_stream():
    registered = load_all()
    keys = _reference_keys()
    assert len(keys) == len(set(keys)) >= 60
    assert [k for k in keys if k not in registered] == []
    owners = {m.key: m.bench for m in streams() if m.bench}
    assert {k.split(".")[0] for k in keys} <= owners.keys()


def test_every_figure_of_a_generating_stream_is_in_the_reference_or_listed_with_its_reason():
    """A stream with a bench hook either checks a figure in the reference or says why not
    (``NOT_IN_REFERENCE`` in its bench.py); a new indicator fails here until it is one or the other."""
    registered = load_all()
    in_reference = set(_reference_keys())
    missing, stale = [], []
    for m in streams():
        module = import_module(m.bench) if m.bench else None
        if module is None or not (hasattr(module, "per_county") or hasattr(module, "per_year")):
            continue  # a stream that generates no data (its bench only times itself: bench_rows)
        listed = getattr(import_module(m.bench), "NOT_IN_REFERENCE", {})
        assert all(isinstance(reason, str) and reason for reason in listed.values()), m.key
        stale += [k for k in listed if k not in registered or k in in_reference or not k.startswith(f"{m.key}.")]
        missing += [k for k, ind in registered.items()
                    if ind.stream == m.key and k not in in_reference and k not in listed]
    assert missing == []
    assert stale == []


def _plant(monkeypatch, stream_key: str, change) -> None:
    """Run ``change(q)`` after the stream's own reference(q)."""
    module = import_module(stream(stream_key).bench)
    original = module.reference

    def planted(q) -> None:
        original(q)
        change(q)

    monkeypatch.setattr(module, "reference", planted)


def test_the_oracle_finds_a_planted_unregistered_key(small, monkeypatch):
    county = Unit.objects.get(kind=Unit.Kind.GOVERNMENT)
    period = Period.year(2024)
    _plant(monkeypatch, "study", lambda q: q.block("study_studysession", "1 = 1",
                                                   [("study.no_such_figure", "1 = 1", None)]))
    problems = reference.compare(reference.compute(county.path, period),
                                 {k: f.result for k, f in compute_all(county, period).items()})
    assert problems == ["study.no_such_figure: 参照SQL中的指标未登记"]
    with pytest.raises(AssertionError):
        test_every_reference_key_is_a_registered_indicator_of_its_stream()


def test_the_oracle_finds_planted_wrong_sql(small, monkeypatch):
    county = Unit.objects.get(kind=Unit.Kind.GOVERNMENT)
    period = Period.year(2024)

    def wrong(q) -> None:  # the mediation scan counting failed cases as settled
        q.selects[-1] = q.selects[-1].replace("result = 'success'", "result <> 'success'")

    _plant(monkeypatch, "mediation", wrong)
    problems = reference.compare(reference.compute(county.path, period),
                                 {k: f.result for k, f in compute_all(county, period).items()})
    assert {p.split(":")[0] for p in problems} == {"mediation.settled", "mediation.success_rate",
                                                  "mediation.agreement_performance_rate"}
    assert all("≠ 参照SQL" in p for p in problems)


def test_a_key_in_two_streams_references_is_refused():
    with pytest.MonkeyPatch.context() as mp:
        _plant(mp, "study", lambda q: q.block("study_studysession", "1 = 1", [("mediation.cases", "1 = 1", None)]))
        with pytest.raises(ValueError, match="参照SQL中的指标重复：mediation.cases"):
            reference.figures_sql(Period.year(2024))


def test_the_bench_scores_every_county_on_a_demo_shaped_scheme_and_rolls_back(small):
    from fazhi.streams.assessment.models import AssessmentScheme

    out = io.StringIO()
    rows = run(repeat=1, year=2024, draw=False, report=False, out=out)
    row = next(r for r in rows if r.operation.startswith("考核评分 每个县（1个县"))
    assert row.median_ms > 0 and row.limit_ms == 2000
    assert "26项指标" in row.note and "分组计算与逐个单位计算核对一致" in row.note and "每县查询中位数" in row.note
    assert "考核评分 每个县" in out.getvalue()
    assert not AssessmentScheme.objects.exists()
