"""A ledger list page with filters and sorting through the real web stack under concurrent
load: gunicorn on 127.0.0.1 (an ephemeral port) against the configured database, driven by
locust (headless) with 20 signed-in users.

    .venv/bin/python bench/bench_web.py                      # 20 users, 60 s, think time 1-3 s
    .venv/bin/python bench/bench_web.py --users 20 --seconds 30 --think 0,0   # closed loop, no pauses
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fazhi .venv/bin/python bench/bench_web.py

The users are the bench district leader (reads every unit), or with ``--reader county`` a unit
head of the first county; ``--ledger mediation`` pages the generated mediation cases
(province scale: 1.2 million). If the study ledger has fewer than
``--min-rows`` records, the missing ones are bulk-created in the bench unit (kept for later
runs). Prints, per request kind and overall: requests, p50, p95, p99 (ms), error rate, and
the throughput; target p95 <= 150 ms with no errors.
"""

from __future__ import annotations

import argparse
import csv
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_excel import ROOT, bench_people, ensure_study_rows, session_cookie, setup_django


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(workers: int, threads: int, log: Path) -> tuple[subprocess.Popen, str]:
    """gunicorn (gthread, as ``fazhi serve`` runs it) on loopback; returns (process, base URL).
    Keep-alive is longer than the users' pauses, as nginx in front would hold connections:
    with gunicorn's 2 s default a client may reuse a connection the server is just closing."""
    port = free_port()
    cmd = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
           "--threads", str(threads), "--worker-class", "gthread", "--log-level", "warning",
           "--timeout", "120", "--keep-alive", "30", "fazhi.wsgi:application"]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"gunicorn exited: {log.read_text()[-2000:]}")
        try:
            urllib.request.urlopen(base + "/accounts/login/", timeout=5).read()
            return proc, base
        except OSError:
            time.sleep(0.5)
    proc.terminate()
    raise SystemExit("gunicorn did not answer within 60 s")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


def _study():
    from fazhi.streams.study.models import StudySession

    return StudySession


def _mediation():
    from fazhi.streams.mediation.models import MediationCase

    return MediationCase


LEDGERS = {
    "study": {"model": _study},
    "mediation": {"model": _mediation, "FAZHI_BENCH_LEDGER": "/s/mediation/",
                  "FAZHI_BENCH_SORTS": "-accepted_on,accepted_on,registration_number,-year,unit,-next_due",
                  "FAZHI_BENCH_FILTER": "result=success|failed|terminated",
                  "FAZHI_BENCH_TERMS": "琐事,TJ4301,邻里"},
}


def county_head(county):
    """A unit head of ``county`` (scope UNIT: the county and its sub-units), created once."""
    from fazhi.accounts.models import Membership, User
    from fazhi.core.roles import Role

    user = User.objects.filter(username="bench_county_head").first()
    if user is None:
        user = User.objects.create_user(username="bench_county_head", password="Bench@2026!x", display_name="县级负责人")
    Membership.objects.get_or_create(user=user, unit=county, role=Role.UNIT_HEAD, defaults={"is_active": True})
    return user


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--think", default="1,3", help='seconds between a user\'s requests "min,max"')
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--min-rows", type=int, default=20_000)
    parser.add_argument("--ledger", choices=sorted(LEDGERS), default="study",
                        help="study (filled up to --min-rows) or mediation (the generated province data)")
    parser.add_argument("--reader", choices=["leader", "county"], default="leader",
                        help="leader: reads every unit (a role with scope ALL); county: a unit head of the "
                             "first county, who reads that county's units only")
    args = parser.parse_args()
    setup_django()
    from django.db import connection

    from fazhi.streams.study.models import StudySession

    unit, clerk, leader = bench_people()
    preset = LEDGERS[args.ledger]
    if args.ledger == "study" and StudySession.objects.count() < args.min_rows:
        ensure_study_rows(unit, clerk, args.min_rows - StudySession.objects.exclude(unit=unit).count())
    rows = preset["model"]().objects.count()
    reader = leader if args.reader == "leader" else county_head(unit.parent)
    cookies = ",".join("=".join(session_cookie(reader)) for _ in range(args.users))
    connection.close()
    work = Path(tempfile.mkdtemp(prefix="fazhi-bench-web-"))
    proc, base = start_gunicorn(args.workers, args.threads, work / "gunicorn.log")
    try:
        env = {**os.environ, "FAZHI_BENCH_COOKIES": cookies, "FAZHI_BENCH_THINK": args.think,
               **{k: v for k, v in preset.items() if k.startswith("FAZHI_")}}
        subprocess.run([sys.executable, "-m", "locust", "-f", str(Path(__file__).with_name("locustfile.py")),
                        "--headless", "-u", str(args.users), "-r", str(args.users), "--run-time",
                        f"{args.seconds}s", "--host", base, "--csv", str(work / "run"), "--only-summary",
                        "--loglevel", "WARNING", "--stop-timeout", "5"],
                       env=env, cwd=ROOT, check=False, stdout=subprocess.DEVNULL, stderr=(work / "locust.log").open("wb"))
    finally:
        stop(proc)
    stats = work / "run_stats.csv"
    if not stats.exists():
        raise SystemExit(f"locust wrote no statistics; see {work}/locust.log")
    print(f"database: {connection.vendor}; {args.ledger} records: {rows:,}; reader: {args.reader}; "
          f"gunicorn {args.workers} workers × "
          f"{args.threads} threads; {args.users} users, think {args.think} s, {args.seconds} s")
    print(f"{'request':<36}{'count':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>9}{'req/s':>8}")
    with stats.open() as f:
        for r in csv.DictReader(f):
            count, failures = int(r["Request Count"]), int(r["Failure Count"])
            rate = failures / count if count else 0.0
            print(f"{(r['Name'] or 'all'):<36}{count:>8}{r['50%']:>9}{r['95%']:>9}{r['99%']:>9}"
                  f"{rate:>9.2%}{float(r['Requests/s']):>8.1f}")
    failures = work / "run_failures.csv"
    if failures.exists() and len(failures.read_text().splitlines()) > 1:
        print("failures:\n" + failures.read_text())


if __name__ == "__main__":
    main()
