"""Benchmark data of this stream for ``fazhi bench generate`` (see fazhi.benchdata.generate)."""

from __future__ import annotations

import json
import time
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client

from fazhi.accounts.models import Membership
from fazhi.api.services import token_issue
from fazhi.core.models import Unit
from fazhi.core.roles import Role
from fazhi.core.units import unit_add
from fazhi.streams.services import rules
from fazhi.streams.services.models import ONLINE_LEVELS, SATISFIED_LEVELS, ServiceItem, ServiceRating

YEAR_ORDER = 70

# Figures of this stream the reference does not compute, and why (tests/benchdata checks the list).
NOT_IN_REFERENCE = {
    "services.one_window_departments": "a count of distinct units; the reference counts and sums rows",
}


def per_year(c, year: int) -> None:
    cu = c.units
    jitter = c.jitter
    depts = cu.departments
    items = []
    for i in range(c.n(300, jitter)):
        unit = c.rng.choice(depts)
        published = date(year, 1, c.rng.randint(2, 20))
        if published > c.until:
            continue
        legal = c.rng.choice((0, 10, 15, 20, 30, 60))
        pk = c.loader.add(ServiceItem, c.record(unit, year, "published", published) | {
            "code": f"SX{i:05d}", "name": f"政务服务事项{i}", "item_type": c.pick({"licence": 40,
                                                                                      "public_service": 40,
                                                                                      "confirmation": 20}),
            "legal_limit_days": legal or None, "promised_limit_days": (legal // 2 or None) if legal else None,
            "online_level": c.pick({"full": 60, "partial": 35, "none": 5}),
            "max_visits": c.pick({0: 50, 1: 45, 2: 5}), "high_frequency": c.rng.random() < 0.2,
            "in_centre": c.rng.random() < 0.9, "one_window": c.rng.random() < 0.3, "published_on": published})
        items.append((pk, f"SX{i:05d}", unit))
    r = rules.rectify_rule()
    for _ in range(c.n(4000, jitter)):
        rated = c.day(year)
        if rated is None or not items:
            continue
        ipk, code, unit = c.rng.choice(items)
        pk = c.loader.new_id(ServiceRating)
        level = c.pick({"very_satisfied": 70, "satisfied": 22, "basic": 6, "dissatisfied": 1.5,
                             "very_dissatisfied": 0.5})
        row = c.record(unit, year, "recorded", rated) | {
            "id": pk, "rating_no": f"PJ{pk:010d}", "item_code": code, "item_id": ipk, "rated_on": rated,
            "level": level, "channel": c.pick({"window": 50, "online": 30, "mobile": 20}),
            "real_name": c.rng.random() < 0.7}
        if row["real_name"]:
            row.update(rater_name=c.name(), rater_phone=c.phone())
        if level in rules.bad_levels():
            fixed = c.after(rated, 1, 9)
            if fixed:
                row.update(state="called_back" if row["real_name"] and c.rng.random() < 0.8 else "rectified",
                           verification="情况属实", rectification="已整改", rectified_on=fixed)
                if row["state"] == "called_back":
                    row.update(callback_on=fixed, callback_result="satisfied")
            else:
                row.update(state="rectifying")
            c.deadline(ServiceRating, pk, unit.pk, r.key, r.label, r.rule, r.days, r.basis, rated, fixed)
        c.loader.add(ServiceRating, row)


def reference(q) -> None:
    """This stream's figures as SQL aggregates for the benchmark's one-statement reference
    (``fazhi.benchdata.reference.Query``); checked against the indicators in tests/benchdata."""
    bad = q.in_(rules.bad_levels())
    q.block("services_servicerating", q.between("rated_on"), [
        ("services.ratings", "1 = 1", None),
        ("services.satisfaction_rate", f"level IN {q.in_(SATISFIED_LEVELS)}", "1 = 1"),
        ("services.bad_ratings", f"level IN {bad}", None),
        ("services.rectification_rate", f"level IN {bad} AND state IN ('rectified', 'called_back')",
         f"level IN {bad}"),
        ("services.callback_rate", f"level IN {bad} AND real_name AND state = 'called_back'",
         f"level IN {bad} AND real_name"),
        ("services.timely_rectification_rate",
         f"level IN {bad} AND state IN ('rectified', 'called_back') AND {q.met(ServiceRating, rules.RECTIFY)}",
         f"level IN {bad} AND state IN ('rectified', 'called_back')"),
    ])
    # the catalogue on the period's last day (services.services.in_catalogue)
    catalogue = (f"year = {q.period.end.year} AND state IN ('published', 'withdrawn') AND published_on <= {q.e} "
                 f"AND (withdrawn_on IS NULL OR withdrawn_on > {q.e})")
    q.block("services_serviceitem", catalogue, [
        ("services.online_rate", f"online_level IN {q.in_(ONLINE_LEVELS)}", "1 = 1"),
        ("services.full_online_rate", "online_level = 'full'", "1 = 1"),
        ("services.one_window_items", "one_window", None),
        ("services.one_visit_rate", "max_visits <= 1", "1 = 1"),
        ("services.high_frequency_one_visit_rate", "high_frequency AND max_visits <= 1", "high_frequency"),
        ("services.centre_rate", "in_centre", "1 = 1"),
    ])
    q.sums("services_serviceitem", f"{catalogue} AND legal_limit_days > 0 AND promised_limit_days IS NOT NULL", [
        ("services.time_compression_rate", "legal_limit_days - promised_limit_days", "legal_limit_days")])


BATCH_SIZE = 1000
# limit: BATCH_SIZE / 2 ms a batch, the target of 2,000 records/s end to end (issue 20)


class _Rollback(Exception):
    pass


def batch_records(unit_code: str, year: int, first: int, count: int, transition: str | None = "publish") -> list:
    """``count`` service items of one unit as the batch API takes them, each published after creation."""
    return [{"unit": unit_code, "year": year, "code": f"BATCH{n:06d}", "name": f"政务服务事项{n}",
             "item_type": ("licence", "public_service", "confirmation")[n % 3], "legal_limit_days": 20,
             "promised_limit_days": 5 + n % 10, "online_level": ("full", "partial", "none")[n % 3],
             "max_visits": n % 3, "high_frequency": n % 5 == 0, "in_centre": n % 10 != 0,
             "one_window": n % 4 == 0, "transition": transition} for n in range(first, first + count)]


def bench_rows(*, year: int, repeat: int = 1) -> list[dict]:
    """The batch API over HTTP (Django's test client: the whole request, auth to JSON answer):
    batches of ``BATCH_SIZE`` new service items, each published in the same call, into a new
    department of the first county; everything rolled back."""
    county = Unit.objects.filter(kind=Unit.Kind.GOVERNMENT).order_by("pk").first()
    if county is None:
        return []
    host = next((h for h in settings.ALLOWED_HOSTS if h not in ("*", "") and not h.startswith(".")), "localhost")
    ms: list[float] = []
    try:
        with transaction.atomic():
            unit = unit_add(code=f"{county.code}-BATCH", name="批量接口测试局", kind=Unit.Kind.DEPARTMENT, parent=county)
            User = get_user_model()
            head = User.objects.create_user(username="bench-batch", password=None, display_name="性能测试")
            admin = User.objects.create_user(username="bench-batch-sec", password=None, display_name="性能测试")
            Membership.objects.create(user=head, unit=unit, role=Role.UNIT_HEAD)
            Membership.objects.create(user=admin, unit=county, role=Role.SECADMIN)
            token = token_issue(by=admin, name="性能测试", user=head)[1]
            client = Client(HTTP_HOST=host, HTTP_AUTHORIZATION=f"Bearer {token}")
            client.get("/api/v1/services/serviceitem/", {"limit": 1}, secure=True)  # a running server's first request
            for i in range(max(3, min(repeat, 5))):
                body = json.dumps({"records": batch_records(unit.code, year, i * BATCH_SIZE, BATCH_SIZE)})
                started = time.perf_counter()
                r = client.post("/api/v1/services/serviceitem/batch/", body, content_type="application/json",
                                secure=True)
                ms.append((time.perf_counter() - started) * 1000)
                if r.status_code != 200:
                    raise AssertionError(f"批量接口返回 {r.status_code}：{r.content[:300]!r}")
            raise _Rollback
    except _Rollback:
        pass
    per_second = BATCH_SIZE * len(ms) / (sum(ms) / 1000)
    return [{"operation": f"批量接口 政务服务事项 新增并公布（每批{BATCH_SIZE}条）", "ms": ms, "limit": BATCH_SIZE / 2,
             "note": f"{per_second:,.0f} 条/秒（目标 2,000 条/秒）；经 HTTP 全流程；全部回滚"}]
