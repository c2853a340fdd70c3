"""Time the 法治建设考核 scoring run (``assessment.services.score_run``) for every scheme of a year.

    FAZHI_HOME=… .venv/bin/fazhi demo --no-serve          # a database with the demo's 2023 scheme
    FAZHI_HOME=… .venv/bin/python bench/bench_assess.py [--year 2023] [--runs 3]

Works on any database that holds schemes of the year (the demo, or a generated county). Each run
re-scores every scheme inside a transaction that is rolled back, so the database is unchanged
(an approved scheme is reopened for the run only). Prints a table: scheme, units, items, median
and p95 seconds, queries per run. Target (issue 15): one county ≤ 2 s.
"""

from __future__ import annotations

import argparse
import statistics
import time

from bench_excel import setup_django


class Rollback(Exception):
    pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--year", type=int, default=2023)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    setup_django()

    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from fazhi.streams.assessment.models import AssessmentScheme
    from fazhi.streams.assessment.services import score_run

    schemes = list(AssessmentScheme.objects.filter(year=args.year).select_related("unit"))
    if not schemes:
        raise SystemExit(f"{args.year}年没有考核方案：先运行 fazhi demo（或导入方案）")
    print("| 方案 | 单位数 | 指标数 | 中位数 s | p95 s | 查询数 |")
    print("|---|---:|---:|---:|---:|---:|")
    for scheme in schemes:
        by = scheme.scored_by or get_user_model().objects.filter(memberships__role="coordinator").first()
        times, queries, units = [], 0, 0
        for _ in range(args.runs):
            try:
                with transaction.atomic(), CaptureQueriesContext(connection) as captured:
                    AssessmentScheme.objects.filter(pk=scheme.pk).update(state="draft")
                    started = time.perf_counter()
                    units = score_run(scheme, by=by)
                    times.append(time.perf_counter() - started)
                    queries = len(captured)
                    raise Rollback
            except Rollback:
                pass
        ordered = sorted(times)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        print(f"| {scheme.name} | {units} | {scheme.items.count()} | {statistics.median(times):.2f} | {p95:.2f} "
              f"| {queries} |")


if __name__ == "__main__":
    main()
