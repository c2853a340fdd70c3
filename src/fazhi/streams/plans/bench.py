"""Benchmark data of this stream for ``fazhi bench generate`` (see fazhi.benchdata.generate)."""

from __future__ import annotations

from datetime import date, timedelta

from fazhi.streams.plans.models import Plan, Task

YEAR_ORDER = 90

# Figures of this stream the reference does not compute, and why (tests/benchdata checks the list).
NOT_IN_REFERENCE = {
    "plans.supervised": "no generated rows: 督办 records are not generated",
}


def per_year(c, year: int) -> None:
    cu = c.units
    jitter = c.jitter
    plans = [c.loader.add(Plan, c.record(cu.county, year, "active", date(year, 2, 1)) | {
        "kind": kind, "title": f"{year}年{title}", "issued_on": date(year, 2, 1)})
        for kind, title in (("annual", "法治政府建设工作要点"), ("special_action", "专项整治行动方案"))]
    for i in range(c.n(200, jitter)):
        deadline = c.day(year)
        if deadline is None:
            continue
        if deadline <= date(year, 2, 1):
            deadline = date(year, 2, 1) + timedelta(days=c.rng.randint(1, 60))
        row = c.record(c.rng.choice(cu.departments + cu.townships), year, "in_progress", date(year, 2, 1)) | {
            "plan_id": c.rng.choice(plans), "number": str(i + 1), "content": "推进有关工作", "deadline": deadline}
        done = c.after(deadline, -40, 20)
        if done and c.rng.random() < 0.95:
            row.update(state="done", completed_on=max(done, date(year, 2, 2)))
        c.loader.add(Task, row)


def reference(q) -> None:
    """This stream's figures as SQL aggregates for the benchmark's one-statement reference
    (``fazhi.benchdata.reference.Query``); checked against the indicators in tests/benchdata."""
    q.block("plans_task", q.between("deadline"), [
        ("plans.tasks", "1 = 1", None),
        ("plans.completed_rate", "state = 'done'", "1 = 1"),
        ("plans.on_time_rate", "state = 'done' AND completed_on <= deadline", "1 = 1"),
    ])
