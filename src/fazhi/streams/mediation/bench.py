"""Benchmark data of this stream for ``fazhi bench generate`` (see fazhi.benchdata.generate)."""

from __future__ import annotations

from datetime import date

from fazhi.core.models import Unit
from fazhi.streams.mediation.models import MediationCase, MediationCommittee

COUNTY_ORDER = 30
YEAR_ORDER = 10

# Figures of this stream the reference does not compute, and why (tests/benchdata checks the list).
NOT_IN_REFERENCE = {
    "mediation.all_mediated": "a composite: the sum of its parts, each checked in the reference",
    "mediation.trainings": "no generated rows: mediator trainings are not generated",
}


def per_county(c) -> None:
    """One people's mediation committee per village and township (人民调解委员会)."""
    cu = c.units
    committees = c.kept.setdefault("mediation.committees", {})
    first = c.years[0]
    for unit in [*cu.townships, *cu.villages]:
        kind = "village" if unit.kind == Unit.Kind.VILLAGE else "township"
        committees[unit.pk] = c.loader.add(MediationCommittee, c.record(unit, first, "active", date(first, 1, 2)) | {
            "name": f"{unit.name}人民调解委员会", "kind": kind, "director": c.name(), "members": c.rng.randint(3, 9),
            "established_on": date(first - 10, 1, 2)})


def per_year(c, year: int) -> None:
    cu = c.units
    jitter = c.jitter
    region = c.region
    committees = c.kept["mediation.committees"]
    units = cu.villages * 3 + cu.townships * 2
    for _ in range(c.n(2000, jitter)):
        accepted = c.day(year)
        if accepted is None:
            continue
        unit = c.rng.choice(units)
        pk = c.loader.new_id(MediationCase)
        concluded = c.after(accepted, 1, 40)
        declined = c.rng.random() < 0.01
        row = c.record(unit, year, "mediating", accepted) | {
            "id": pk, "registration_number": f"TJ{unit.code}{pk:08d}", "committee_id": committees[unit.pk],
            "dispute_type": c.pick({"family": 20, "neighbour": 25, "land": 15, "contract": 10, "damages": 10,
                                         "labour": 8, "traffic": 7, "housing": 5}),
            "source": c.pick({"applied": 60, "initiative": 30, "referred": 10}), "referred_by": "",
            "accepted_on": accepted, "party_a_name": c.name(), "party_a_id_number": c.id_number(region),
            "party_a_phone": c.phone(), "party_b_name": c.name(), "mediator": c.name(),
            "facts": "双方因琐事发生纠纷", "over_term": False}
        if row["source"] == "referred":
            row["referred_by"] = c.rng.choice(("县人民法院", "派出所", "信访局"))
        if declined:
            row.update(state="declined")
        elif concluded:
            outcome = c.pick({"success": 96, "failed": 3, "terminated": 1})
            row.update(concluded_on=concluded, result=outcome, over_term=(concluded - accepted).days > 30)
            if outcome == "success":
                row.update(agreement_form=c.pick({"written": 70, "oral": 30}), agreement_date=concluded,
                           state="closed" if c.rng.random() < 0.8 else "follow_up")
                if row["agreement_form"] == "written" and c.rng.random() < 0.07:
                    row.update(confirmation_applied_on=concluded, confirmation_court="县人民法院")
                if c.rng.random() < 0.7:
                    row.update(follow_up_on=c.after(concluded, 5, 30) or concluded,
                               performance=c.pick({"performed": 90, "partial": 7, "unperformed": 3}))
            else:
                row.update(state=outcome)
        c.loader.add(MediationCase, row)


def reference(q) -> None:
    """This stream's figures as SQL aggregates for the benchmark's one-statement reference
    (``fazhi.benchdata.reference.Query``); checked against the indicators in tests/benchdata."""
    between = q.between
    mediated = f"{between('accepted_on')} AND state <> 'declined'"
    concluded = f"{between('concluded_on')} AND result IN ('success', 'failed', 'terminated')"
    q.block("mediation_mediationcase", f"{between('accepted_on')} OR {between('concluded_on')} OR "
            f"{between('confirmation_applied_on')}", [
                ("mediation.cases", mediated, None),
                ("mediation.settled", f"{mediated} AND result = 'success'", None),
                ("mediation.success_rate", f"{mediated} AND result = 'success'", mediated),
                ("mediation.overdue_cases", f"{concluded} AND over_term", None),
                ("mediation.within_term_rate", f"{concluded} AND NOT over_term", concluded),
                ("mediation.agreement_performance_rate", f"{mediated} AND result = 'success' AND performance = "
                 f"'performed'", f"{mediated} AND result = 'success' AND performance <> ''"),
                ("mediation.judicial_confirmations", between("confirmation_applied_on"), None),
            ])
