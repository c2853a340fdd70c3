"""Benchmark data of this stream for ``fazhi bench generate`` (see fazhi.benchdata.generate)."""

from __future__ import annotations

from decimal import Decimal

from fazhi.streams.legal_services import rules
from fazhi.streams.legal_services.models import Consultation, DutyDay, Lecture, LegalAidApplication

YEAR_ORDER = 60

# Figures of this stream the reference does not compute, and why (tests/benchdata checks the list).
NOT_IN_REFERENCE = {
    "legal_services.consultations_all_channels": "a composite: the sum of its parts, each checked in the reference",
    "legal_services.villages_with_advisor": "no generated rows: village advisors are not generated",
    "legal_services.advisor_coverage_rate": "no generated rows: village advisors are not generated",
    "legal_services.certification_items": "no generated rows: 告知承诺 items are not generated",
    "legal_services.commitment_cases": "no generated rows: 告知承诺 cases are not generated",
    "legal_services.certification_verifications": "no generated rows: 告知承诺 verifications are not generated",
    "legal_services.verification_completion_rate": "no generated rows: 告知承诺 verifications are not generated",
    "legal_services.false_commitment_rate": "no generated rows: 告知承诺 verifications are not generated",
    "legal_services.duty_compliance_rate": "expressible (duty days held ÷ scheduled), not written yet",
    "legal_services.legal_aid_timely_decision_rate": "expressible (decision deadline met), not written yet",
    "legal_services.legal_aid_timely_assignment_rate": "expressible (assignment deadline met), not written yet",
}


def per_year(c, year: int) -> None:
    cu = c.units
    jitter = c.jitter
    region = c.region
    for _ in range(c.n(5000, jitter)):
        day = c.day(year)
        if day is None:
            continue
        c.loader.add(Consultation, c.record(c.rng.choice(cu.villages), year, "closed", day) | {
            "consulted_on": day, "advisor": c.name(), "consulter_name": c.name(), "consulter_phone": c.phone(),
            "category": c.pick({"family": 25, "land": 15, "labour": 15, "debt": 15, "neighbour": 15,
                                     "damages": 5, "other": 10}),
            "summary": "咨询有关法律问题", "disposition": c.pick({"answered": 90, "mediation": 5, "legal_aid": 3,
                                                                      "litigation": 2}),
            "channel": c.pick({"on_site": 80, "online": 20})})
    for i in range(c.n(600, jitter)):
        day = c.day(year)
        if day is None:
            continue
        c.loader.add(DutyDay, c.record(c.rng.choice(cu.villages), year,
                                       "held" if c.rng.random() < 0.95 else "missed", day) | {
            "duty_on": day, "advisor": f"{c.name()}律师{i}", "hours": Decimal(4)})
    for _ in range(c.n(100, jitter)):
        day = c.day(year)
        if day is None:
            continue
        c.loader.add(Lecture, c.record(c.rng.choice(cu.villages), year, "held", day) | {
            "planned_on": day, "held_on": day, "topic": "民法典进乡村", "speaker": c.name(),
            "audience": c.rng.randint(20, 150)})
    judicial = cu.departments[0]
    for _ in range(c.n(300, jitter)):
        applied = c.day(year)
        if applied is None:
            continue
        pk = c.loader.new_id(LegalAidApplication)
        row = c.record(judicial, year, "applied", applied) | {
            "id": pk, "application_no": f"FY{judicial.code}{pk:08d}", "applied_on": applied, "applicant_name": c.name(),
            "applicant_id_number": c.id_number(region), "applicant_phone": c.phone(),
            "case_type": c.pick({"civil": 60, "criminal": 30, "administrative": 5, "non_litigation": 5}),
            "matter": "追索劳动报酬"}
        decided = c.after(applied, 1, 9)
        decide = rules.rule(rules.DECIDE)
        if decided:
            granted = c.rng.random() < 0.93
            row.update(decided_on=decided, state="granted" if granted else "refused",
                       refusal_reason="" if granted else "经济状况不符合条件")
            if granted:
                assigned = c.after(decided, 1, 4)
                if assigned:
                    row.update(assigned_on=assigned, lawyer=c.name(), law_firm="某某律师事务所", state="assigned")
                    closed = c.after(assigned, 30, 200)
                    if closed:
                        row.update(closed_on=closed, closing_summary="已结案", state="closed")
                a = rules.rule(rules.ASSIGN)
                c.deadline(LegalAidApplication, pk, judicial.pk, a.key, a.label, a.rule, a.days, a.basis,
                           decided, row.get("assigned_on"))
        c.deadline(LegalAidApplication, pk, judicial.pk, decide.key, decide.label, decide.rule, decide.days,
                   decide.basis, applied, decided)
        c.loader.add(LegalAidApplication, row)


def reference(q) -> None:
    """This stream's figures as SQL aggregates for the benchmark's one-statement reference
    (``fazhi.benchdata.reference.Query``); checked against the indicators in tests/benchdata."""
    between = q.between
    q.block("legal_services_consultation", between("consulted_on"), [
        ("legal_services.consultations", "1 = 1", None),
        ("legal_services.consultations_on_site", "channel = 'on_site'", None),
        ("legal_services.consultations_online", "channel = 'online'", None),
        ("legal_services.consultation_referrals", "disposition <> 'answered'", None),
    ])
    q.block("legal_services_dutyday", between("duty_on"), [("legal_services.duty_days_held", "state = 'held'", None)])
    q.block("legal_services_lecture", f"state = 'held' AND {between('held_on')}", [
        ("legal_services.lectures", "1 = 1", None)])
    q.sums("legal_services_lecture", f"state = 'held' AND {between('held_on')}", [
        ("legal_services.lecture_audience", "audience", None)])
    q.block("legal_services_legalaidapplication",
            f"{between('applied_on')} OR {between('decided_on')} OR {between('closed_on')}", [
                ("legal_services.legal_aid_applications", between("applied_on"), None),
                ("legal_services.legal_aid_cases",
                 f"state IN ('granted', 'assigned', 'closed') AND {between('decided_on')}", None),
                ("legal_services.legal_aid_closed", f"state = 'closed' AND {between('closed_on')}", None),
            ])
