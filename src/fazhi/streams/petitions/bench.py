"""Benchmark data of this stream for ``fazhi bench generate`` (see fazhi.benchdata.generate)."""

from __future__ import annotations

from datetime import timedelta

from fazhi.streams.petitions import rules
from fazhi.streams.petitions.models import Petition, Reception
from fazhi.streams.petitions.workflow import CONCLUDED

YEAR_ORDER = 20

# Figures of this stream the reference does not compute, and why (tests/benchdata checks the list).
NOT_IN_REFERENCE = {
    "petitions.timely_acceptance_rate": "expressible (routing deadline met), not written yet",
    "petitions.on_time_closing_rate": "expressible (handling deadline met), not written yet",
    "petitions.cessation_rate": "expressible (concluded petitions without a later repeat), not written yet",
}


def per_year(c, year: int) -> None:
    cu = c.units
    jitter = c.jitter
    region = c.region
    units = [cu.county] * 4 + cu.townships * 2 + cu.departments
    for _ in range(c.n(1500, jitter)):
        reg = c.day(year)
        if reg is None:
            continue
        unit = c.rng.choice(units)
        pk = c.loader.new_id(Petition)
        row = c.record(unit, year, "registered", reg) | {
            "id": pk, "reg_no": f"XF{unit.code}{pk:08d}", "channel": c.pick({"visit": 40, "letter": 15,
                                                                                   "phone": 15, "online": 30}),
            "registered_on": reg, "petitioner_name": c.name(), "petitioner_id_number": c.id_number(region),
            "petitioner_phone": c.phone(), "category": c.pick({"claim": 60, "suggestion": 20, "accusation": 15,
                                                                    "litigation": 5}),
            "subject": c.rng.choice(("征地拆迁补偿", "劳动报酬", "住房保障", "环境污染", "邻里纠纷")),
            "leader_case": c.rng.random() < 0.05}
        routed = c.after(reg, 1, 18 if c.rng.random() < 0.9 else 30)
        if routed:
            row.update(routed_on=routed, state="routed")
            accepted = c.after(routed, 1, 10)
            if accepted:
                row.update(acceptance_on=accepted, state="handling")
                replied = c.after(accepted, 10, 70)
                if replied:
                    row.update(replied_on=replied, opinion=c.pick({"support": 40, "explain": 50, "reject": 10}),
                               result="已书面答复", state="closed" if c.rng.random() < 0.7 else "replied",
                               satisfaction=c.pick({"satisfied": 70, "basic": 15, "unsatisfied": 5, "none": 10}))
                    if (replied - accepted).days > 60:
                        row.update(extension_approved_on=accepted + timedelta(days=55), extension_approver="分管领导",
                                   extension_reason="情况复杂")
        if row["leader_case"]:
            row.update(leader_name=c.name(), leader_position="副县长", leader_resolved=c.rng.random() < 0.85)
        c.loader.add(Petition, row)
    for i in range(c.n(200, jitter)):
        day = c.day(year)
        if day is None:
            continue
        batches = c.rng.randint(1, 4)
        c.loader.add(Reception, c.record(cu.county, year, "recorded", day) | {
            "received_on": day, "kind": c.pick({"leader": 50, "lawyer": 40, "appointment": 10}),
            "receiver": f"{c.name()}{i}", "batches": batches, "resolved_on_site": c.rng.randint(0, batches)})


def reference(q) -> None:
    """This stream's figures as SQL aggregates for the benchmark's one-statement reference
    (``fazhi.benchdata.reference.Query``); checked against the indicators in tests/benchdata."""
    between = q.between
    good = ["satisfied", "basic"] if rules.counts_basic_satisfied() else ["satisfied"]
    registered = between("registered_on")
    conc = f"state IN {q.in_(CONCLUDED)} AND replied_on IS NOT NULL AND {between('replied_on')}"
    evaluated = f"{conc} AND satisfaction <> 'none'"
    q.block("petitions_petition", f"{registered} OR {between('replied_on')}", [
        ("petitions.registered", registered, None),
        ("petitions.evaluation_rate", evaluated, conc),
        ("petitions.satisfaction_rate", f"{evaluated} AND satisfaction IN {q.in_(good)}", evaluated),
        ("petitions.leader_case_resolution_rate", f"{registered} AND leader_case AND leader_resolved",
         f"{registered} AND leader_case"),
    ])
    q.sums("petitions_reception", between("received_on"), [
        ("petitions.reception_batches", "batches", None),
        ("petitions.lawyer_receptions", "CASE WHEN kind = 'lawyer' THEN batches ELSE 0 END", None),
        ("petitions.resolved_on_site", "resolved_on_site", None),
        ("petitions.on_site_rate", "resolved_on_site", "batches"),
    ])
