"""Benchmark data of this stream for ``fazhi bench generate`` (see fazhi.benchdata.generate)."""

from __future__ import annotations

from datetime import date

from fazhi.streams.workforce.models import Member

COUNTY_ORDER = 20


def per_county(c) -> None:
    cu = c.units
    jitter = c.jitter
    region = c.region
    first = c.years[0]
    for _ in range(c.n(50 * len(c.years) / c.default_years, jitter)):
        appointed = date(first - c.rng.randint(0, 3), c.rng.randint(1, 12), c.rng.randint(1, 28))
        left = c.after(appointed, 300, 3000) if c.rng.random() < 0.3 else None
        c.loader.add(Member, c.record(c.rng.choice(cu.departments), appointed.year, "left" if left else "active",
                                      appointed) | {
            "kind": c.pick({"public_lawyer": 30, "qualified": 30, "supervisor": 15, "instructor": 10,
                                 "supervision_expert": 10, "advisor_team": 5}),
            "name": c.name(), "appointed_on": appointed, "ended_on": left, "id_number": c.id_number(region)})


def reference(q) -> None:
    """This stream's figures as SQL aggregates for the benchmark's one-statement reference
    (``fazhi.benchdata.reference.Query``); checked against the indicators in tests/benchdata."""
    kinds = {"workforce.advisor_teams": Member.Kind.ADVISOR_TEAM,
             "workforce.supervision_experts": Member.Kind.SUPERVISION_EXPERT,
             "workforce.instructors": Member.Kind.INSTRUCTOR, "workforce.public_lawyers": Member.Kind.PUBLIC_LAWYER,
             "workforce.legal_qualification_holders": Member.Kind.QUALIFIED,
             "workforce.supervisors": Member.Kind.SUPERVISOR}
    q.block("workforce_member", f"appointed_on <= {q.e} AND (ended_on IS NULL OR ended_on >= {q.s})", [
        ("workforce.members", "1 = 1", None),
        *((key, f"kind = '{kind}'", None) for key, kind in kinds.items()),
    ])
