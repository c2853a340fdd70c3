"""Benchmark data of this stream for ``fazhi bench generate`` (see fazhi.benchdata.generate)."""

from __future__ import annotations

from fazhi.streams.study.models import StudySession

YEAR_ORDER = 100


def per_year(c, year: int) -> None:
    cu = c.units
    jitter = c.jitter
    units = [cu.county] * 3 + cu.departments + cu.townships
    for _ in range(c.n(100, jitter)):
        day = c.day(year)
        if day is None:
            continue
        members = c.rng.randint(7, 30)
        held = c.rng.random() < 0.95
        c.loader.add(StudySession, c.record(c.rng.choice(units), year, "filed" if held else "cancelled", day) | {
            "kind": c.pick({"topic": 10, "central_group": 30, "first_item": 40, "pre_meeting": 20}),
            "title": "学习习近平法治思想", "planned_on": day, "held_on": day if held else None,
            "members": members, "attendees": members - c.rng.randint(0, 3) if held else None})


def reference(q) -> None:
    """This stream's figures as SQL aggregates for the benchmark's one-statement reference
    (``fazhi.benchdata.reference.Query``); checked against the indicators in tests/benchdata."""
    held = f"state IN ('held', 'filed', 'closed') AND {q.between('held_on')}"
    q.block("study_studysession", held, [
        ("study.sessions_held", "1 = 1", None),
        ("study.topic_sessions", "kind = 'topic'", None),
    ])
    q.sums("study_studysession", f"{held} AND members > 0 AND attendees IS NOT NULL", [
        ("study.attendance_rate", "attendees", "members")])
