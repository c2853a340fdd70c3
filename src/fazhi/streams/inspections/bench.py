"""Benchmark data of this stream for ``fazhi bench generate`` (see fazhi.benchdata.generate)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from fazhi.streams.inspections import rules
from fazhi.streams.inspections.models import (
    PROBLEM_OUTCOMES,
    Draw,
    Entity,
    InspectionItem,
    InspectionPlan,
    InspectionResult,
    InspectionTask,
)

COUNTY_ORDER = 40

# Figures of this stream the reference does not compute, and why (tests/benchdata checks the list).
NOT_IN_REFERENCE = {
    "inspections.inspection_ratio": "expressible (drawn entities ÷ entities on the list), not written yet",
    "inspections.joint_share": "expressible (tasks of joint plans ÷ tasks), not written yet",
}


def per_county(c) -> None:
    cu = c.units
    jitter = c.jitter
    region = c.region
    market = cu.departments[2]
    first = c.years[0]
    items = []
    for i, (cat, name) in enumerate((("food", "食品经营抽查"), ("product", "产品质量抽查"), ("price", "价格行为检查"),
                                     ("advert", "广告发布检查"), ("licence", "许可事项检查"))):
        pk = c.loader.add(InspectionItem, c.record(market, first, "active", date(first, 1, 2)) | {
            "code": f"SJ{i + 1:03d}", "name": name, "category": cat, "basis": "《市场监督管理行政处罚程序规定》"})
        items.append(pk)
    entities = []
    for _ in range(c.n(1500 * len(c.years) / c.default_years, jitter)):
        code = c.uscc(region)
        pk = c.loader.add(Entity, c.record(market, first, "active" if c.rng.random() < 0.97 else "removed",
                                           date(first, 1, 2)) | {
            "name": f"某某{c.rng.randrange(10 ** 5)}经营部", "credit_code": code,
            "entity_type": c.pick({"enterprise": 60, "individual": 35, "cooperative": 5}),
            "industry": "零售业", "township_id": c.rng.choice(cu.townships).pk,
            "risk_grade": c.pick({"A": 40, "B": 40, "C": 15, "D": 5})})
        entities.append((pk, code))
    # Entities are unique per (unit, credit code); a rare random clash is dropped here.
    seen: set[str] = set()
    entities = [e for e in entities if not (e[1] in seen or seen.add(e[1]))]
    for year in c.years:
        plans = []
        for joint in (False, True):
            plans.append(c.loader.add(InspectionPlan, c.record(market, year, "approved", date(year, 1, 15)) | {
                "title": f"{year}年度{'部门联合' if joint else ''}抽查计划", "joint": joint,
                "cooperating_units": "公安局、交通运输局" if joint else "",
                "filed_on": date(year, 1, 20)}))
        for t in range(c.n(12, jitter) or 1):
            start = date(year, c.rng.randint(1, 11), c.rng.randint(1, 28))
            end = start + timedelta(days=c.rng.randint(20, 45))
            if start > c.until:
                continue
            done = end <= c.until
            task = c.loader.add(InspectionTask, c.record(market, year, "published" if done else "inspecting", start)
                                | {"plan_id": c.rng.choice(plans), "item_id": c.rng.choice(items),
                                   "title": f"{year}年第{t + 1}次抽查", "ratio": Decimal(5), "period_start": start,
                                   "period_end": end})
            draw = c.loader.add(Draw, {"task_id": task, "sequence": 1, "seed_hex": f"{task:064x}", "params": {"generated": True},
                                       "eligible_entities": ["generated"], "eligible_inspectors": ["generated"],
                                       "commitment": {"generated": True}, "result": {"generated": True}, "committed_at": c.stamp(start), "executed_at": c.stamp(start),
                                       "superseded": False})
            for rank, (epk, code) in enumerate(c.rng.sample(entities, min(len(entities), c.n(50, 1))), start=1):
                inspected = c.after(start, 0, (end - start).days)
                row = c.record(market, year, "pending", start) | {
                    "task_id": task, "draw_id": draw, "entity_id": epk, "credit_code": code,
                    "entity_name": "抽查对象", "rank": rank}
                pk = c.loader.new_id(InspectionResult)
                published = None
                if inspected:
                    outcome = c.pick({"normal": 85, "fixed": 8, "case": 2, "not_found": 5})
                    row.update(state="entered", inspected_on=inspected, result=outcome,
                               findings="发现问题，已责令整改" if outcome in ("fixed", "case") else "")
                    published = c.after(inspected, 2, 35 if c.rng.random() < 0.9 else 60)
                    if published:
                        row.update(state="published", published_on=published)
                    r = rules.publish_rule()
                    c.deadline(InspectionResult, pk, market.pk, r.key, r.label, r.rule, r.days, r.basis, inspected,
                               published)
                c.loader.add(InspectionResult, row | {"id": pk})


def reference(q) -> None:
    """This stream's figures as SQL aggregates for the benchmark's one-statement reference
    (``fazhi.benchdata.reference.Query``); checked against the indicators in tests/benchdata."""
    between = q.between
    inspected = f"state IN ('entered', 'published') AND {between('inspected_on')}"
    q.block("inspections_inspectionresult", inspected, [
        ("inspections.publication_rate", "state = 'published'", "1 = 1"),
        ("inspections.problem_rate", f"result IN {q.in_(PROBLEM_OUTCOMES)}", "1 = 1"),
        ("inspections.timely_publication_rate",
         f"state = 'published' AND {q.met(InspectionResult, rules.publish_rule().key)}", "1 = 1"),
    ])
    q.block("inspections_inspectiontask",
            f"state IN ('results_entered', 'published', 'closed') AND {between('period_end')}", [
                ("inspections.tasks_completed", "1 = 1", None)])
