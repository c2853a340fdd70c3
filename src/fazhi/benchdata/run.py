"""The benchmarks of ``fazhi bench run``: each operation timed ``repeat`` times, printed as a
table (operation, scale, median, p95, reference median, ratio) and optionally as JSON.

- the dashboard of one county for one year (every registered indicator, the computation
  behind /dashboard/), cold, warm (from the cache of ``indicators.freshness``, as a second
  visit reads it) and warm without the cache, against ONE hand-written SQL query
  (``reference``); the two must agree on every figure the query computes, or the run fails;
- the dashboard page itself over HTTP (a signed-in leader, with its charts), cold (the
  cache dropped as by a change) and warm, served by a WSGI server in this process;
- the same over every county (the province roll-up);
- the annual report of one county as .docx and as PDF (``reports.render``);
- the random-inspection draw (bench/bench_draw.py's data and ``verify.compute``).

"Cold" is a fresh database connection (a new PostgreSQL backend: empty catalogue and plan
caches) and emptied Python caches (content types, calendar, registry look-ups); the
database's shared buffers stay as they are. "Warm" repeats on the same connection.
"""

from __future__ import annotations

import json
import statistics
import sys
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date
from importlib import import_module
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.wsgi import get_wsgi_application
from django.db import connection
from django.test import Client

from fazhi.benchdata import reference
from fazhi.core import calendar
from fazhi.core.models import Unit
from fazhi.core.registry import streams
from fazhi.core.roles import Role
from fazhi.indicators import freshness, snapshots
from fazhi.indicators.engine import compute_all, compute_all_for, rollup
from fazhi.indicators.registry import Period
from fazhi.reports import render
from fazhi.reports.demo import DRAFT_2024
from fazhi.reports.models import AnnualReport, ReportSection

BENCH_DIR = Path(__file__).resolve().parents[3] / "bench"


@dataclass
class Row:
    operation: str
    scale: str
    median_ms: float
    p95_ms: float
    reference_ms: float | None = None
    limit_ms: float | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return self.median_ms / self.reference_ms if self.reference_ms else None

    def as_json(self) -> dict:
        return asdict(self) | {"ref_median_ms": self.reference_ms, "ratio": self.ratio}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def timed(fn: Callable[[], object], repeat: int, before: Callable[[], None] | None = None) -> list[float]:
    out = []
    for _ in range(repeat):
        if before:
            before()
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def go_cold() -> None:
    """A new database connection and empty Python caches."""

    if not connection.in_atomic_block:  # inside a test's transaction the connection stays
        connection.close()
    ContentType.objects.clear_cache()
    for name, obj in vars(calendar).items():
        if name.endswith("_cache") and isinstance(obj, dict):  # the entered-schedule cache
            obj.clear()
        elif hasattr(obj, "cache_clear"):
            obj.cache_clear()
    connection.ensure_connection()


def stats(name: str, scale: str, ms: list[float], ref: list[float] | None = None, limit: float | None = None,
          note: str = "") -> Row:
    return Row(name, scale, statistics.median(ms), percentile(ms, 95),
               statistics.median(ref) if ref else None, limit, note)


def check_agreement(prefix: str, period: Period, results: dict) -> int:

    ref = reference.compute(prefix, period)
    problems = reference.compare(ref, {k: f.result for k, f in results.items()})
    if problems:
        raise AssertionError("平台指标与参照SQL不一致：\n" + "\n".join(problems))
    return len(ref)


def bench_dashboards(scale: str, repeat: int, year: int) -> list[Row]:

    county = Unit.objects.filter(kind=Unit.Kind.GOVERNMENT).order_by("pk").first()
    if county is None:
        raise SystemExit("数据库中没有县级单位：请先运行 fazhi bench generate")
    period = Period.year(year)
    rows = []

    def live() -> object:
        return compute_all(county, period, use_snapshots=False, cached=False)

    def cached() -> object:
        return compute_all(county, period, use_snapshots=False)

    agreed = check_agreement(county.path, period, live())
    n = len(live())
    note = f"{n}项指标，其中{agreed}项与参照SQL核对一致；从记录实时计算"
    cold = timed(live, repeat, go_cold)
    ref_cold = timed(lambda: reference.compute(county.path, period), repeat, go_cold)
    rows.append(stats(f"一个县全部指标 {year}年（冷）", scale, cold, ref_cold, 300, note))
    freshness.bump()
    first = cached()
    check_agreement(county.path, period, cached())  # what the cache gives back is what was computed
    if {k: (f.result.value, f.result.numerator, f.result.denominator) for k, f in first.items()} != {
            k: (f.result.value, f.result.numerator, f.result.denominator) for k, f in cached().items()}:
        raise AssertionError("缓存的指标与计算结果不一致")
    warm = timed(cached, repeat)
    ref_warm = timed(lambda: reference.compute(county.path, period), repeat)
    rows.append(stats(f"一个县全部指标 {year}年（热）", scale, warm, ref_warm, 50,
                      "再次访问：缓存至下一次留痕的修改（indicators/freshness.py）"))
    warm_live = timed(live, repeat)
    rows.append(stats(f"一个县全部指标 {year}年（热，不用缓存）", scale, warm_live, ref_warm, None,
                      "同一连接再次实时计算"))
    rows += bench_page(scale, repeat, county, year, ref_cold, ref_warm)
    counties = Unit.objects.filter(kind=Unit.Kind.GOVERNMENT).count()
    if counties > 1:
        units = Unit.objects.all()
        figures = compute_all_for(units, period)
        agreed = check_agreement("", period, figures)
        note = f"{counties}个县，{agreed}项与参照SQL核对一致；从记录实时计算"
        r = max(1, repeat // 2)
        cold = timed(lambda: compute_all_for(Unit.objects.all(), period), r, go_cold)
        ref_cold = timed(lambda: reference.compute("", period), r, go_cold)
        rows.append(stats(f"全省汇总全部指标 {year}年（冷）", scale, cold, ref_cold, None, note))
        warm = timed(lambda: compute_all_for(Unit.objects.all(), period), r)
        ref_warm = timed(lambda: reference.compute("", period), r)
        rows.append(stats(f"全省汇总全部指标 {year}年（热）", scale, warm, ref_warm, None))
        rows += bench_snapshots(scale, repeat, year, counties, figures, ref_cold, ref_warm)
    return rows


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args) -> None:  # no line per request on the bench's output
        pass


def bench_page(scale: str, repeat: int, county: Unit, year: int, ref_cold: list[float],
               ref_warm: list[float]) -> list[Row]:
    """The dashboard page as a leader of ``county`` waits for it: over HTTP from a WSGI server in
    this process, signed in, with its charts. Cold: the figures' cache dropped as by a change
    (``freshness.bump``) and a new database connection in the server; warm: the next visit."""
    user = _bench_leader(county)
    client = Client()
    client.force_login(user, backend="fazhi.accounts.backends.AccountBackend")
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    path = f"/dashboard/?unit={county.code}&year={year}"
    if connection.in_atomic_block:
        # inside a test's transaction another connection would not see its rows: the same
        # request through Django's test client, on this connection
        def page() -> None:
            response = client.get(path)
            if response.status_code != 200 or "工作看板" not in response.content.decode():
                raise AssertionError(f"看板页面未能打开：HTTP {response.status_code}")

        cold, warm = _page_times(page, repeat)
        note = "测试客户端（事务内），已登录的区领导，含图表"
    else:
        server = make_server("127.0.0.1", 0, get_wsgi_application(), handler_class=_Quiet)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_port}{path}"

        def page() -> None:
            request = urllib.request.Request(url, headers={"Cookie": cookie})
            with urllib.request.urlopen(request, timeout=120) as response:
                body = response.read()
            if response.status != 200 or "工作看板".encode() not in body:
                raise AssertionError(f"看板页面未能打开：HTTP {response.status}")

        try:
            cold, warm = _page_times(page, repeat)
        finally:
            server.shutdown()
            server.server_close()
        note = "HTTP，已登录的区领导，含图表（年度、月度趋势与各单位对比）"
    return [stats(f"看板页面 {year}年（冷）", scale, cold, ref_cold, None, note + "；缓存已失效"),
            stats(f"看板页面 {year}年（热）", scale, warm, ref_warm, None, "再次访问")]


def _page_times(page: Callable[[], None], repeat: int) -> tuple[list[float], list[float]]:
    page()
    cold = timed(page, repeat, lambda: (freshness.bump(), go_cold()))
    page()
    return cold, timed(page, repeat)


def _bench_leader(county: Unit):
    """The benchmark's leader account (made directly the first time, without audit, like the
    rest of the benchmark data); no password: the run signs it in itself."""
    user = get_user_model().objects.filter(username="bench-leader").first()
    if user is None:
        user = get_user_model().objects.create_user(username="bench-leader", password=None,
                                                    display_name="基准测试区领导")
    if not user.memberships.filter(unit=county, role=Role.LEADER, is_active=True).exists():
        user.memberships.create(unit=county, role=Role.LEADER)
    return user


def bench_snapshots(scale: str, repeat: int, year: int, counties: int, live: dict,
                    ref_cold: list[float], ref_warm: list[float]) -> list[Row]:
    """The roll-up of a closed year from the counties' snapshots (``fazhi snapshot close``),
    checked figure by figure against the live roll-up ``live`` before it is timed."""
    rows = []
    period = Period.year(year)
    if snapshots.is_closed_year(period) is None:
        return rows
    t = time.perf_counter()
    snapshots.close(year)
    close_ms = (time.perf_counter() - t) * 1000
    rows.append(stats(f"生成{year}年快照（{counties}个县）", scale, [close_ms], note="每晚 fazhi snapshot close；一次"))
    figures = rollup(None, period)
    differ = [k for k, f in live.items()
              if (f.result.value, f.result.numerator, f.result.denominator)
              != (figures[k].result.value, figures[k].result.numerator, figures[k].result.denominator)]
    if differ:
        raise AssertionError("快照汇总与实时计算不一致：" + "、".join(differ))
    note = f"{len(figures)}项与实时计算逐项一致"
    cold = timed(lambda: rollup(None, period), repeat, go_cold)
    rows.append(stats(f"全省汇总全部指标 {year}年（快照，冷）", scale, cold, ref_cold, 2000, note))
    warm = timed(lambda: rollup(None, period), repeat)
    rows.append(stats(f"全省汇总全部指标 {year}年（快照，热）", scale, warm, ref_warm, 100))
    return rows


def _report(county: Unit, year: int):
    """The county's annual report of ``year``: an outline bound to the figures (created directly
    the first time, without audit, like the rest of the benchmark data)."""

    report = AnnualReport.objects.filter(unit=county, year=year, kind=AnnualReport.Kind.RULE_OF_LAW).first()
    if report is None:
        report = AnnualReport.objects.create(unit=county, year=year, signatory=county.name,
                                             title=f"{county.name}关于{year}年度法治政府建设工作情况的报告")
        for i, (heading, level, _code, text) in enumerate(DRAFT_2024, start=1):
            ReportSection.objects.create(report=report, order=i, heading=heading.replace("2024", str(year)),
                                         level=level, text=text, unit=county)
    return report


def bench_report(scale: str, repeat: int, year: int) -> list[Row]:

    county = Unit.objects.filter(kind=Unit.Kind.GOVERNMENT).order_by("pk").first()
    report = _report(county, year)
    r = max(1, min(repeat, 5))
    docx = timed(lambda: render.docx_bytes(report), r)
    rows = [stats("年度报告 Word (.docx)", scale, docx, limit=2000, note="含指标计算")]
    try:
        pdf = timed(lambda: render.pdf_bytes(report), r)
        rows.append(stats("年度报告 PDF", scale, pdf, limit=5000, note="含指标计算"))
    except Exception as exc:  # WeasyPrint missing system libraries: say so, keep going
        rows.append(Row("年度报告 PDF", scale, float("nan"), float("nan"), note=f"未能生成：{exc}"[:80]))
    return rows


def bench_draw(scale: str, repeat: int) -> list[Row]:
    sys.path.insert(0, str(BENCH_DIR))
    import bench_draw  # here: bench/ (outside the package) is on the path only from the line above

    entities, inspectors = (1_000_000, 5_000) if scale == "province" else (100_000, 500)
    ents, insps = bench_draw.data(entities, inspectors)
    params = {"category": "food", "ratio": "5", "count": None, "ratio_by_grade": {}, "stratify": ["risk_grade"],
              "inspectors_per_entity": 2, "period_start": "2024-09-02", "period_end": "2024-10-31"}
    ms = timed(lambda: bench_draw.verify.compute("ab" * 32, params, ents, insps), max(1, min(repeat, 3)))
    return [stats(f"双随机抽取 {entities:,}户×{inspectors:,}人", scale, ms, limit=3000, note="bench/bench_draw.py")]


def bench_streams(scale: str, repeat: int, year: int) -> list[Row]:
    """The rows streams add to the table (the 法治建设考核 of every county): the ``bench_rows(year=,
    repeat=)`` -> [{operation, ms, limit, note}] of a stream's ``bench`` module (its manifest's
    ``bench`` hook: no stream is named here)."""


    rows = []
    for m in streams():
        hook = getattr(import_module(m.bench), "bench_rows", None) if m.bench else None
        for r in hook(year=year, repeat=repeat) if hook else []:
            rows.append(stats(r["operation"], scale, r["ms"], limit=r.get("limit"), note=r.get("note", "")))
    return rows


def run(*, scale: str = "county", repeat: int = 10, year: int | None = None, draw: bool = True,
        report: bool = True, streams: bool = True, json_path: str | None = None, out=sys.stdout) -> list[Row]:
    year = year or date.today().year - 1
    rows = bench_dashboards(scale, repeat, year)
    if report:
        rows += bench_report(scale, repeat, year)
    if streams:
        rows += bench_streams(scale, repeat, year)
    if draw:
        rows += bench_draw(scale, repeat)
    print_table(rows, out)
    if json_path:
        Path(json_path).write_text(json.dumps({
            "scale": scale, "year": year, "repeat": repeat, "database": connection.vendor,
            "rows": [r.as_json() for r in rows]}, ensure_ascii=False, indent=1), encoding="utf-8")
    return rows


def print_table(rows: list[Row], out) -> None:
    def f(v: float | None) -> str:
        return "—" if v is None or v != v else f"{v:,.1f}"

    head = ("operation", "scale", "median ms", "p95 ms", "ref median ms", "ratio", "limit ms", "note")
    table = [head] + [(r.operation, r.scale, f(r.median_ms), f(r.p95_ms), f(r.reference_ms),
                       "—" if r.ratio is None else f"{r.ratio:.2f}×", f(r.limit_ms), r.note) for r in rows]
    widths = [max(_w(str(row[i])) for row in table) for i in range(len(head) - 1)]
    for row in table:
        cells = [str(c) + " " * (widths[i] - _w(str(c))) for i, c in enumerate(row[:-1])]
        out.write(" | ".join(cells) + " | " + row[-1] + "\n")


def _w(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
