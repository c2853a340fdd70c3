"""Soak run: mixed traffic at a steady rate against gunicorn on loopback for N minutes,
watching errors and the memory of the gunicorn workers.

    .venv/bin/python bench/soak.py                      # 30 minutes at 10 requests/s
    .venv/bin/python bench/soak.py --minutes 5 --rate 10
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fazhi .venv/bin/python bench/soak.py --minutes 30

Traffic (weights): public portal pages (anonymous) 3, ledger list pages with filters and
sorting (district leader) 4, the REST API list (leader, session) 2, a form post that registers
a study record in the bench unit (the bench clerk, with CSRF token) 1. Requests are issued on
a fixed schedule (open loop: a slow answer does not slow the rate) by a small thread pool.

Every minute it prints: requests, errors (HTTP >= 400 other than expected, or no answer),
p50/p95 ms, and the RSS of each gunicorn worker (MB, from /proc). At the end: totals, the
error list, and the RSS growth from minute 2 (after warm-up) to the last minute.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_excel import bench_people, ensure_study_rows, session_cookie, setup_django
from bench_web import start_gunicorn, stop

PORTAL = ["/gk/", "/gk/reports/", "/gk/enforcement/", "/gk/services/", "/gk/decisions/"]
LIST_PARAMS = [{"year": "2023", "kind": "topic", "sort": "-held_on"}, {"sort": "title", "page": "3"},
               {"q": "专题", "sort": "-year"}, {"state": "held", "sort": "unit"}, {}]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Session:
    """One browser: its own cookies (session, CSRF), no redirects followed."""

    def __init__(self, base: str, cookie: tuple[str, str] | None) -> None:
        self.base = base
        self.cookies: dict[str, str] = dict([cookie]) if cookie else {}
        self.opener = urllib.request.build_opener(_NoRedirect())

    def request(self, path: str, data: dict | None = None, referer: str = "") -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in list(self.cookies.items()))}
        if referer:
            headers["Referer"] = self.base + referer
        req = urllib.request.Request(self.base + path, data=body, headers=headers)
        try:
            with self.opener.open(req, timeout=30) as r:
                self._keep(r.headers)
                return r.status, r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as e:
            self._keep(e.headers)
            return e.code, e.read().decode("utf-8", "replace")

    def _keep(self, headers) -> None:
        for value in headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def worker_rss(master_pid: int) -> list[float]:
    """RSS (MB) of each child of the gunicorn master, from /proc."""
    out = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if f"\nPPid:\t{master_pid}\n" in text:
            rss = re.search(r"VmRSS:\s+(\d+) kB", text)
            out.append(int(rss.group(1)) / 1024 if rss else 0.0)
    return sorted(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--rate", type=float, default=10, help="requests per second")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    setup_django()
    from django.db import connection

    unit, clerk, leader = bench_people()
    ensure_study_rows(unit, clerk, 2_000)
    leader_cookie, clerk_cookie = session_cookie(leader), session_cookie(clerk)
    connection.close()
    work = Path(tempfile.mkdtemp(prefix="fazhi-soak-"))
    proc, base = start_gunicorn(args.workers, args.threads, work / "gunicorn.log")
    anon, staff, writer = Session(base, None), Session(base, leader_cookie), Session(base, clerk_cookie)
    portal = [p for p in PORTAL if anon.request(p)[0] == 200]  # the public pages this database serves
    api = "/api/v1/study/studysession/"
    lock = threading.Lock()
    minute: dict = {"n": 0, "errors": Counter(), "ms": []}
    totals: dict = {"n": 0, "errors": Counter()}
    counter = iter(range(10**9))

    def one() -> None:
        pick = random.choices(["portal", "list", "api", "form"], weights=[3, 4, 2, 1])[0]
        started = time.perf_counter()
        try:
            if pick == "portal":
                status, _ = anon.request(random.choice(portal or ["/gk/"]))
                ok = status == 200
            elif pick == "list":
                status, body = staff.request("/s/study/?" + urllib.parse.urlencode(random.choice(LIST_PARAMS)))
                ok = status == 200 and "共" in body
            elif pick == "api":
                status, _ = staff.request(api + "?" + urllib.parse.urlencode({"page": random.randint(1, 5)}))
                ok = status == 200
            else:
                status, page = writer.request("/s/study/new/")
                token = CSRF.search(page)
                n = next(counter)
                status, _ = writer.request("/s/study/new/", {
                    "csrfmiddlewaretoken": token.group(1) if token else "", "unit": str(unit.pk),
                    "year": str(time.localtime().tm_year), "kind": "topic",
                    "title": f"压力测试议题{time.time_ns()}-{n}", "meeting": "局党组会", "planned_on": "",
                    "held_on": "", "chair": "", "speaker": "", "members": "", "attendees": "", "minutes": "",
                }, referer="/s/study/new/")
                ok = status == 302  # saved: redirected to the record
            error = "" if ok else f"{pick} HTTP {status}"
        except Exception as exc:  # any failure to answer is an error of the run
            error = f"{pick} {type(exc).__name__}: {exc}"[:120]
        ms = (time.perf_counter() - started) * 1000
        with lock:
            minute["n"] += 1
            minute["ms"].append(ms)
            if error:
                minute["errors"][error] += 1

    print(f"database: {connection.vendor}; gunicorn {args.workers}×{args.threads} at {base}; "
          f"{args.rate:g} req/s for {args.minutes:g} min; portal pages: {', '.join(portal)}", flush=True)
    print(f"{'min':>4}{'requests':>10}{'errors':>8}{'p50 ms':>8}{'p95 ms':>8}  worker RSS MB", flush=True)
    rss_by_minute: list[list[float]] = []
    interval = 1.0 / args.rate
    end = time.monotonic() + args.minutes * 60
    next_report = time.monotonic() + 60
    next_at = time.monotonic()
    number = 0
    try:
        with ThreadPoolExecutor(max_workers=32) as pool:
            while time.monotonic() < end:
                now = time.monotonic()
                if now < next_at:
                    time.sleep(min(next_at - now, 0.05))
                    continue
                pool.submit(one)
                next_at += interval
                if now >= next_report:
                    number += 1
                    next_report += 60
                    rss = worker_rss(proc.pid)
                    rss_by_minute.append(rss)
                    with lock:
                        n, errors, ms = minute["n"], minute["errors"], sorted(minute["ms"]) or [0.0]
                        totals["n"] += n
                        totals["errors"].update(errors)
                        minute.update(n=0, errors=Counter(), ms=[])
                    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
                    print(f"{number:>4}{n:>10}{sum(errors.values()):>8}{statistics.median(ms):>8.0f}{p95:>8.0f}  "
                          + " ".join(f"{r:.0f}" for r in rss), flush=True)
    finally:
        stop(proc)
    totals["n"] += minute["n"]
    totals["errors"].update(minute["errors"])
    print(f"total: {totals['n']} requests, {sum(totals['errors'].values())} errors")
    for error, count in totals["errors"].most_common(10):
        print(f"  {count:>6}  {error}")
    if len(rss_by_minute) >= 3:
        first, last = sum(rss_by_minute[1]), sum(rss_by_minute[-1])
        print(f"worker RSS (sum): minute 2 {first:.0f} MB -> minute {len(rss_by_minute)} {last:.0f} MB "
              f"({last - first:+.0f} MB)")


if __name__ == "__main__":
    main()
