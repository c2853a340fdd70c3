"""The 法治建设考核 rows of ``fazhi bench run`` (issue 15: one county ≤ 2 s, the province ≤ 60 s
in a nightly job): every county of the benchmark database gets a scheme shaped like the demo's
(its items, points and rules), every department and township of every county is scored, and the
whole is rolled back — the database is left as it was.

``bench_rows(year=…, repeat=…)`` is found by ``fazhi.benchdata.run`` through the manifest's ``bench`` hook
(no stream is named there); it returns plain rows: operation, the timings in ms, limit, note.
"""

from __future__ import annotations

import statistics
import time
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from fazhi.accounts.models import Membership
from fazhi.core.models import Unit
from fazhi.core.roles import Role
from fazhi.indicators import grouped
from fazhi.indicators.registry import Period
from fazhi.streams.assessment import services
from fazhi.streams.assessment.demo import ITEMS
from fazhi.streams.assessment.models import AssessmentItem, AssessmentScheme, ScoreSheet
from fazhi.streams.assessment.workflow import SCHEME_WORKFLOW

COUNTY_LIMIT_MS, PROVINCE_LIMIT_MS = 2_000, 60_000


class _Rollback(Exception):
    pass


def _coordinator(county: Unit):

    user = get_user_model().objects.create_user(username="bench-assessment", password=None,
                                                display_name="性能测试评分人")
    Membership.objects.create(user=user, unit=county, role=Role.COORDINATOR)
    return user


def scheme_for(county: Unit, year: int, by) -> AssessmentScheme:
    """A draft scheme of ``county`` with the demo scheme's items (written directly, unaudited,
    like the rest of the benchmark data)."""
    scheme = AssessmentScheme.objects.create(
        unit=county, year=year, state=SCHEME_WORKFLOW.initial, created_by=by, updated_by=by,
        name=f"{county.name}{year}年度法治政府建设考核方案", issuer="依法治县办")
    AssessmentItem.objects.bulk_create([
        AssessmentItem(scheme=scheme, key=key, label=label[4:], mark=label[1], max_points=Decimal(points),
                       kinds=[str(k) for k in kinds],
                       method=method, indicator=indicator, formula=formula, params=params, sort_order=order)
        for order, (key, label, points, kinds, method, indicator, formula, params) in enumerate(ITEMS)])
    return scheme


def bench_rows(*, year: int, repeat: int = 1) -> list[dict]:
    """Score every county once (rolled back); the grouped figures of the first county are first
    checked against the figures computed unit by unit."""
    counties = list(Unit.objects.filter(kind=Unit.Kind.GOVERNMENT).order_by("pk"))
    if not counties:
        return []
    per_county, queries, units, started = [], [], 0, 0.0
    try:
        with transaction.atomic():
            by = _coordinator(counties[0])
            schemes = [scheme_for(county, year, by) for county in counties]
            first = schemes[0]
            keys = sorted({i.indicator for i in first.items.all() if i.indicator})
            found, problems = grouped.compare(list(first.units()), Period.year(year), keys, within=counties[0])
            if problems:
                raise AssertionError("考核评分的分组计算与逐个单位计算不一致：\n" + "\n".join(problems[:20]))
            started = time.perf_counter()
            for scheme in schemes:
                with CaptureQueriesContext(connection) as captured:
                    t = time.perf_counter()
                    units += services.score_run(scheme, by=by)
                    per_county.append((time.perf_counter() - t) * 1000)
                queries.append(len(captured))
            total = (time.perf_counter() - started) * 1000
            sheets = ScoreSheet.objects.filter(scheme__in=schemes).count()
            raise _Rollback
    except _Rollback:
        pass
    n, items = len(counties), len(ITEMS)
    note = (f"{units}个单位×{items}项指标，{sheets}张评分表；分组计算与逐个单位计算核对一致（第一个县）；"
            f"逐个单位计算的指标：{'、'.join(found.per_unit) or '无'}；全部回滚")
    rows = [{"operation": f"考核评分 每个县（{n}个县，{units // n}个单位/县）", "ms": per_county,
             "limit": COUNTY_LIMIT_MS, "note": f"每县查询中位数{statistics.median(queries):.0f}次；{note}"}]
    if n > 1:
        rows.append({"operation": f"考核评分 全部{n}个县", "ms": [total],
                     "limit": PROVINCE_LIMIT_MS * n / 120, "note": f"上限按120个县60秒折算；查询共{sum(queries)}次"})
    return rows
