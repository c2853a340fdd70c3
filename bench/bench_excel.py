"""Excel import and export at scale, on the database the settings point at (DATABASE_URL).

    .venv/bin/python bench/bench_excel.py                       # import 100,000 rows ×3, export 1,000,000 rows ×1
    .venv/bin/python bench/bench_excel.py --import-rows 20000 --export-rows 100000 --runs 2   # quick
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fazhi FAZHI_RULES='{"FAZHI_UPLOAD_MAX_MB": 100}' \
        .venv/bin/python bench/bench_excel.py --ledger decisions --export-rows 0 --compare-rows 0

Import: a workbook of N new rows of the study ledger or (``--ledger decisions``) of the enforcement
decisions (13 columns, two declared deadlines each) is validated and written by
``core.importers.import_workbook`` (all-or-nothing, one audit event per record), inside a
transaction that is rolled back after the measurement, so the database is left as it was.
Beside it, in the same run: the import's CPU time in its own process (the rest is the database
and, on a shared machine, waiting for a core), and the "parse only" references: the import's
reader alone (python-calamine, ``importers._read_rows``) and the reader it replaced (openpyxl
read-only, values only).
Export: the list page's Excel export (``/s/study/?format=xlsx``) through Django's request
stack, streamed to the end, for the clerk of a bench unit that holds ``--export-rows`` records;
if it holds fewer, the missing rows are bulk-created (batch 5,000) and kept for later runs.

Each operation runs in a child process, which reports its own peak RSS
(``resource.getrusage(RUSAGE_SELF).ru_maxrss``). Prints a table: operation, rows, median,
p95 (seconds), rows/s (from the median), peak RSS MB of that process, and the load average.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH_UNIT_CODE = "BENCH-XLS"
BENCH_UNIT_NAME = "基准测试单位"
BENCH_CLERK = "bench_clerk"
BENCH_LEADER = "bench_leader"
BENCH_PASSWORD = "Bench@2026!x"


def setup_django() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    import django

    django.setup()


# -- shared fixtures (also used by bench_web.py and soak.py) -----------------------------

def bench_people():
    """The bench unit (under the first county, set up if the database has none) and its
    clerk and a district leader, created once and reused."""
    from fazhi.accounts.models import Membership, User
    from fazhi.core.models import Unit
    from fazhi.core.roles import Role
    from fazhi.core.units import setup_division, unit_add

    county = Unit.objects.filter(kind=Unit.Kind.GOVERNMENT, parent=None).order_by("id").first() or setup_division("430771").county
    unit = Unit.objects.filter(code=BENCH_UNIT_CODE).first() or unit_add(
        code=BENCH_UNIT_CODE, name=BENCH_UNIT_NAME, kind=Unit.Kind.DEPARTMENT, parent=county)
    people = {}
    for username, role, where in ((BENCH_CLERK, Role.CLERK, unit), (BENCH_LEADER, Role.LEADER, county)):
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(username=username, password=BENCH_PASSWORD, display_name=username)
        Membership.objects.get_or_create(user=user, unit=where, role=role, defaults={"is_active": True})
        people[role] = user
    return unit, people[Role.CLERK], people[Role.LEADER]


def session_cookie(user) -> tuple[str, str]:
    """A signed-in session for ``user`` (as after the login form), as (cookie name, value)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value


def ensure_study_rows(unit, clerk, n: int) -> int:
    """At least ``n`` study records in the bench unit (bulk-created, batch 5,000)."""
    from fazhi.streams.study.models import StudySession

    have = StudySession.objects.filter(unit=unit).count()
    kinds = [k for k, _ in StudySession.Kind.choices]
    batch = []
    start = date(2020, 1, 1)
    for i in range(have, n):
        day = start + timedelta(days=i % 1800)
        batch.append(StudySession(unit=unit, year=day.year, state="held", kind=kinds[i % len(kinds)],
                                  title=f"基准专题研究第{i:07d}号", meeting="局党组会", held_on=day,
                                  speaker="张某", members=12, attendees=10, created_by=clerk, updated_by=clerk))
        if len(batch) == 5000:
            StudySession.objects.bulk_create(batch)
            batch = []
    if batch:
        StudySession.objects.bulk_create(batch)
    return max(have, n)


# -- the measured operations (run in a child process) ------------------------------------

def _spec(ledger: str):
    from fazhi.streams.enforcement.importers import DECISION_IMPORT
    from fazhi.streams.study.importers import STUDY_IMPORT

    return {"study": STUDY_IMPORT, "decisions": DECISION_IMPORT}[ledger]


def _import_workbook_bytes(rows: int, run: int, ledger: str = "study") -> bytes:
    """N new rows of the study ledger, or of the enforcement decisions (13 columns, a natural
    person or a company with a valid credit code, two declared deadlines per record)."""
    from fazhi.core.excel import Column, stream_workbook

    kinds = ["专题研究法治工作", "理论学习中心组学法", "法治专题讲座"]
    credit_code = "91430700MA4L0XXXX0"
    if ledger == "decisions":
        from fazhi.core.identifiers import uscc_check_char

        credit_code = credit_code[:-1] + uscc_check_char(credit_code[:-1])

    def study(i: int) -> list:
        day = date(2024, 1, 1) + timedelta(days=i % 360)
        return [BENCH_UNIT_NAME, 2024, kinds[i % 3], f"导入基准{run}-{i:06d}", "局党组会", day, "李某",
                20, 18, "研究部署年度法治工作"]

    def decision(i: int) -> list:
        day = date(2024, 1, 1) + timedelta(days=i % 360)
        person = i % 2 == 0
        return [BENCH_UNIT_NAME, 2024, f"基准罚〔2024〕{run}-{i:06d}号", ("行政处罚", "行政许可", "行政检查")[i % 3],
                "自然人" if person else "法人", "" if person else f"某某食品有限公司{i % 997}",
                "" if person else credit_code, f"张某{i % 991}" if person else "", "",
                "销售超过保质期的食品", "《中华人民共和国食品安全法》第一百二十四条", "没收违法所得，罚款五千元", day]

    row = {"study": study, "decisions": decision}[ledger]
    columns = [Column(label, (lambda r, j=j: r[j])) for j, label in enumerate(_spec(ledger).headers)]
    return b"".join(stream_workbook("导入基准", columns, (row(i) for i in range(rows))))


def child_import(rows: int, runs: int, bulk: bool | None, ledger: str = "study", reference_rows: int = 0) -> dict:
    from django.db import transaction
    from openpyxl import load_workbook

    from fazhi.core import importers

    spec = _spec(ledger)
    unit, clerk, _ = bench_people()
    timings, read_times, openpyxl_times, cpu = [], [], [], []
    for run in range(runs):
        data = _import_workbook_bytes(rows, run, ledger)
        started = time.perf_counter()
        assert len(importers._read_rows(io.BytesIO(data))) == rows + 1  # the import's reader alone
        read_times.append(time.perf_counter() - started)
        if run == 0 and reference_rows:  # the reader it replaced, once: openpyxl read-only, values only
            reference = _import_workbook_bytes(reference_rows, run, ledger) if reference_rows != rows else data
            started = time.perf_counter()
            wb = load_workbook(io.BytesIO(reference), read_only=True, data_only=True)
            for _ in wb.worksheets[0].iter_rows(values_only=True):  # streamed: its memory is not the import's
                pass
            wb.close()
            openpyxl_times.append((time.perf_counter() - started) * rows / reference_rows)
        original = importers._write
        if bulk is not None:
            importers._write = lambda *a, **k: original(*a, **k, bulk=bulk)  # noqa: B023
        try:
            with transaction.atomic():
                started, cpu_started = time.perf_counter(), time.process_time()
                result = importers.import_workbook(spec, io.BytesIO(data), by=clerk)
                timings.append(time.perf_counter() - started)
                cpu.append(time.process_time() - cpu_started)
                assert result.ok and result.created == rows, (result.file_error, result.errors[:3])
                transaction.set_rollback(True)  # leave the database as it was
        finally:
            importers._write = original
    return {"timings": timings, "read": read_times, "openpyxl": openpyxl_times, "cpu": cpu}


def child_export(rows: int, runs: int) -> dict:
    from django.test import Client
    from openpyxl import load_workbook

    unit, clerk, _ = bench_people()
    ensure_study_rows(unit, clerk, rows)
    client = Client()
    client.force_login(clerk)
    timings, sizes = [], []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get("/s/study/", {"format": "xlsx"})
        assert response.status_code == 200, response.status_code
        size = 0
        last = b""
        with open(os.devnull, "wb") as sink:
            for chunk in response.streaming_content:
                size += len(chunk)
                sink.write(chunk)
                last = chunk
        response.close()
        timings.append(time.perf_counter() - started)
        sizes.append(size)
        assert last, "empty export"
    # check once that the file is a workbook with the expected number of rows (small runs only)
    if rows <= 20_000:
        data = b"".join(client.get("/s/study/", {"format": "xlsx"}).streaming_content)
        assert sum(1 for _ in load_workbook(io.BytesIO(data), read_only=True).active.iter_rows()) == rows + 1
    return {"timings": timings, "bytes": sizes}


def child_main(args: argparse.Namespace) -> None:
    setup_django()
    if args.child == "import":
        out = child_import(args.rows, args.runs, {"bulk": True, "rows": False}.get(args.path), args.ledger,
                           args.openpyxl_rows)
    else:
        out = child_export(args.rows, args.runs)
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("RESULT " + json.dumps(out), flush=True)


# -- the table -----------------------------------------------------------------------------

def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def run_child(*argv: str) -> dict:
    proc = subprocess.run([sys.executable, __file__, *argv], capture_output=True, text=True, cwd=ROOT)
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    sys.stderr.write(proc.stdout[-3000:] + proc.stderr[-3000:])
    raise SystemExit(f"child {argv} failed")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--import-rows", type=int, default=100_000)
    parser.add_argument("--export-rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3, help="import runs (export runs once unless --export-runs)")
    parser.add_argument("--export-runs", type=int, default=1)
    parser.add_argument("--compare-rows", type=int, default=5_000,
                        help="also time the row-by-row write path on this many rows (0 to skip)")
    parser.add_argument("--ledger", choices=["study", "decisions"], default="study",
                        help="the imported ledger (decisions: 13 columns, two declared deadlines per record)")
    parser.add_argument("--openpyxl-rows", type=int, default=None,
                        help="rows read by the openpyxl reference (default: --import-rows; its time is scaled to them)")
    parser.add_argument("--child", choices=["import", "export"], help=argparse.SUPPRESS)
    parser.add_argument("--rows", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--path", choices=["auto", "bulk", "rows"], default="auto", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child_main(args)
        return
    setup_django()
    from django.db import connection

    print(f"database: {connection.vendor} {connection.settings_dict.get('NAME')}", flush=True)
    table = []
    if args.import_rows:
        reference_rows = args.import_rows if args.openpyxl_rows is None else args.openpyxl_rows
        r = run_child("--child", "import", "--rows", str(args.import_rows), "--runs", str(args.runs),
                      "--ledger", args.ledger, "--openpyxl-rows", str(reference_rows))
        table.append((f"import {args.ledger} (read+validate+write)", args.import_rows, r["timings"], r["peak_rss_mb"]))
        table.append(("  its CPU time (this process)", args.import_rows, r["cpu"], None))
        table.append(("  parse only: python-calamine", args.import_rows, r["read"], None))
        if r["openpyxl"]:
            table.append(("  parse only: openpyxl read-only", args.import_rows, r["openpyxl"], None))
    if args.compare_rows:
        r = run_child("--child", "import", "--rows", str(args.compare_rows), "--runs", "1", "--path", "rows",
                      "--ledger", args.ledger)
        table.append(("import, row-by-row path", args.compare_rows, r["timings"], r["peak_rss_mb"]))
    if args.export_rows:
        r = run_child("--child", "export", "--rows", str(args.export_rows), "--runs", str(args.export_runs))
        table.append((f"export (streamed, {statistics.median(r['bytes']) / 1e6:.0f} MB)", args.export_rows,
                      r["timings"], r["peak_rss_mb"]))
    print(f"load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
    print(f"{'operation':<40}{'rows':>10}{'median s':>10}{'p95 s':>9}{'rows/s':>10}{'peak RSS MB':>13}")
    for name, rows, timings, rss in table:
        median = statistics.median(timings)
        print(f"{name:<40}{rows:>10,}{median:>10.2f}{percentile(timings, 95):>9.2f}{rows / median:>10,.0f}"
              f"{(f'{rss:.0f}' if rss else '-'):>13}")


if __name__ == "__main__":
    main()
