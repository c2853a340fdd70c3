"""Benchmark data of this stream for ``fazhi bench generate`` (see fazhi.benchdata.generate)."""

from __future__ import annotations

from datetime import timedelta

from fazhi.streams.complaints import rules
from fazhi.streams.complaints.models import SUBSTANTIATED, Complaint

YEAR_ORDER = 80

# Figures of this stream the reference does not compute, and why (tests/benchdata checks the list).
NOT_IN_REFERENCE = {
    "complaints.announcements": "no generated rows: announcements are not generated",
}


def per_year(c, year: int) -> None:
    cu = c.units
    jitter = c.jitter
    r = rules.reply_rule()
    for _ in range(c.n(600, jitter)):
        received = c.day(year)
        if received is None:
            continue
        unit = c.rng.choice(cu.departments + [cu.county] * 2)
        pk = c.loader.new_id(Complaint)
        anonymous = c.rng.random() < 0.3
        row = c.record(unit, year, "registered", received) | {
            "id": pk, "tracking_no": f"JB{year}-{pk:04d}", "channel": c.pick({"online": 40, "hotline": 40,
                                                                            "letter": 10, "visit": 10}),
            "received_on": received, "anonymous": anonymous, "reporter_name": "" if anonymous else c.name(),
            "reporter_phone": "" if anonymous else c.phone(),
            "category": c.pick({"business": 30, "enforcement": 30, "service": 20, "conduct": 10, "other": 10}),
            "subject": "反映执法不规范问题", "content": "具体情况如下"}
        replied = c.after(received, 3, 30)
        if replied:
            row.update(routed_on=received + timedelta(days=1), findings="经核查", reply="已答复",
                       finding=c.pick({"true": 30, "partly": 20, "false": 50}), replied_on=replied,
                       state="closed" if c.rng.random() < 0.7 else "replied")
            if row["state"] == "closed":
                row.update(closed_on=replied)
        c.deadline(Complaint, pk, unit.pk, r.key, r.label, r.rule, r.days, r.basis, received, replied)
        c.loader.add(Complaint, row)


def reference(q) -> None:
    """This stream's figures as SQL aggregates for the benchmark's one-statement reference
    (``fazhi.benchdata.reference.Query``); checked against the indicators in tests/benchdata."""
    between = q.between
    received = between("received_on")
    replied = f"state IN ('replied', 'closed') AND {between('replied_on')}"
    q.block("complaints_complaint", f"{received} OR {between('replied_on')}", [
        ("complaints.received", received, None),
        ("complaints.replied_on_time_rate", f"{replied} AND {q.met(Complaint, rules.REPLY)}", replied),
        ("complaints.closed_rate", f"{received} AND state = 'closed'", received),
        ("complaints.named_reply_rate", f"{received} AND NOT anonymous AND state IN ('replied', 'closed')",
         f"{received} AND NOT anonymous"),
        ("complaints.substantiation_rate", f"{received} AND finding IN {q.in_(SUBSTANTIATED)}",
         f"{received} AND finding <> ''"),
    ])
