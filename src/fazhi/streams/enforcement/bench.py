"""Benchmark data of this stream for ``fazhi bench generate`` (see fazhi.benchdata.generate)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from fazhi.streams.enforcement import rules
from fazhi.streams.enforcement.models import Decision as EnforcementDecision
from fazhi.streams.enforcement.models import ExamResult, Officer, TrainingRecord

COUNTY_ORDER = 10
YEAR_ORDER = 110

# Figures of this stream the reference does not compute, and why (tests/benchdata checks the list).
NOT_IN_REFERENCE = {
    "enforcement.benchmarks": "no generated rows: discretion benchmarks are not generated",
    "enforcement.licence_items": "no generated rows: licence items are not generated",
    "enforcement.file_reviews": "no generated rows: review campaigns are not generated",
    "enforcement.joint_file_reviews": "no generated rows: review campaigns are not generated",
    "enforcement.files_reviewed": "no generated rows: file reviews are not generated",
    "enforcement.file_average_score": "no generated rows: file reviews are not generated (and an average)",
    "enforcement.file_excellent_rate": "no generated rows: file reviews are not generated",
    "enforcement.file_pass_rate": "no generated rows: file reviews are not generated",
    "enforcement.rectification_rate": "no generated rows: file reviews are not generated",
    "enforcement.expiring_certificates": "relative to today's date, not to the period",
    "enforcement.training_hours_per_officer": "an average per officer (computed in Python)",
    "enforcement.certified_officers": "expressible (officers valid in the period), not written yet",
    "enforcement.training_compliance_rate": ("expressible (hours per officer against the yearly minimum), "
                                             "not written yet"),
    "enforcement.disclosure_timely_rate": "expressible (disclosure deadline met), not written yet",
}


def per_county(c) -> None:
    """The county's enforcement officers with their certificates (kept for the trainings of ``per_year``)."""
    cu = c.units
    jitter = c.jitter
    region = c.region
    out = []
    first = c.years[0]
    for _ in range(c.n(150 * len(c.years) / c.default_years, jitter)):
        unit = c.rng.choice(cu.departments[1:])
        pk = c.loader.new_id(Officer)
        issued = date(first - c.rng.randint(0, 4), c.rng.randint(1, 12), c.rng.randint(1, 28))
        cert = f"ZF{unit.code}{pk:07d}"
        c.loader.add(Officer, c.record(unit, issued.year, "valid", issued) | {
            "id": pk, "name": c.name(), "certificate_no": cert, "enforcement_field": "综合执法", "issued_on": issued,
            "valid_until": issued + timedelta(days=365 * c.rng.choice((3, 5, 6, 8))),
            "id_number": c.id_number(region), "phone": c.phone()})
        out.append((pk, cert, unit.pk))
    c.kept["enforcement.officers"] = out


def per_year(c, year: int) -> None:
    cu = c.units
    jitter = c.jitter
    region = c.region
    officers = c.kept["enforcement.officers"]
    depts = cu.departments[1:]
    for _ in range(c.n(3000, jitter)):
        decided = c.day(year)
        if decided is None:
            continue
        unit = c.rng.choice(depts)
        pk = c.loader.new_id(EnforcementDecision)
        kind = c.pick({"penalty": 55, "licence": 30, "coercion": 5, "inspection": 10})
        legal = c.rng.random() < 0.6
        row = c.record(unit, year, "decided", decided) | {
            "id": pk, "doc_no": f"{unit.short_name[:2]}罚〔{year}〕{pk}号", "decision_type": kind,
            "party_type": "legal" if legal else "natural",
            "party_org": f"某某{c.rng.randrange(1000)}商贸有限公司" if legal else "",
            "party_credit_code": c.uscc(region) if legal else "",
            "party_person": "" if legal else c.name(), "party_id_number": "" if legal else c.id_number(region),
            "matter": "违反相关规定", "decided_on": decided}
        r = rules.disclosure_rule(kind)
        disclosed = c.after(decided, 1, 14 if c.rng.random() < 0.92 else 40)
        if disclosed:
            row.update(disclosed_on=disclosed, state="published", disclosure_channel="县政府门户网站")
            if c.rng.random() < 0.01:
                reversed_on = c.after(disclosed, 1, 30) or disclosed
                row.update(state="withdrawn", reversed_on=reversed_on, withdrawn_on=reversed_on,
                           withdrawal_reason="决定被复议机关撤销")
        c.deadline(EnforcementDecision, pk, unit.pk, r.key, r.label, r.rule, r.days, r.basis, decided, disclosed)
        c.loader.add(EnforcementDecision, row)
    for _ in range(c.n(600, jitter)):
        held = c.day(year)
        if held is None or not officers:
            continue
        opk, cert, unit_id = c.rng.choice(officers)
        c.loader.add(TrainingRecord, {"unit_id": unit_id, "year": year, "state": "recorded", "version": 1,
                                      "created_at": c.stamp(held), "updated_at": c.stamp(held),
                                      "certificate_no": cert, "officer_id": opk,
                                      "course": f"执法培训第{c.rng.randrange(10 ** 6)}期", "held_on": held,
                                      "hours": Decimal(c.rng.choice((4, 8, 16, 24)))})
    for i in range(c.n(50, jitter)):
        day = c.day(year)
        if day is None:
            continue
        score = Decimal(c.rng.randint(40, 98))
        c.loader.add(ExamResult, c.record(c.rng.choice(depts), year, "recorded", day) | {
            "candidate_name": f"{c.name()}{i}", "id_number": c.id_number(region), "exam_date": day,
            "score": score, "passed": score >= 60})


def reference(q) -> None:
    """This stream's figures as SQL aggregates for the benchmark's one-statement reference
    (``fazhi.benchdata.reference.Query``); checked against the indicators in tests/benchdata."""
    between = q.between
    q.block("enforcement_decision", f"{between('decided_on')} OR {between('withdrawn_on')}", [
        ("enforcement.decisions", between("decided_on"), None),
        ("enforcement.withdrawn_decisions", f"state = 'withdrawn' AND {between('withdrawn_on')}", None),
        *((f"enforcement.{kind}_decisions", f"{between('decided_on')} AND decision_type = '{kind}'", None)
          for kind in ("penalty", "licence", "coercion")),
    ])
    q.block("enforcement_examresult", between("exam_date"), [
        ("enforcement.exam_passed", "passed", None),
        ("enforcement.exam_pass_rate", "passed", "1 = 1"),
    ])
