"""Benchmark data of this stream for ``fazhi bench generate`` (see fazhi.benchdata.generate)."""

from __future__ import annotations

from datetime import timedelta

from fazhi.streams.litigation import rules
from fazhi.streams.litigation.models import CORRECTION_DECISIONS, Hearing, LitigationCase, Reconsideration

YEAR_ORDER = 40

# Figures of this stream the reference does not compute, and why (tests/benchdata checks the list).
NOT_IN_REFERENCE = {
    "litigation.reconsiderations_and_cases": "a composite: the sum of its parts, each checked in the reference",
    "litigation.answers_on_time_rate": "computed per case in Python (due dates of unanswered cases against today)",
    "litigation.head_appearance_rate": "expressible (cases with a hearing the head attended), not written yet",
    "litigation.principal_appearance_rate": "expressible (cases with a hearing the principal attended), not written "
                                            "yet",
    "litigation.loss_rate": "expressible (judgments against the administration ÷ judgments), not written yet",
}


def per_year(c, year: int) -> None:
    cu = c.units
    jitter = c.jitter
    region = c.region
    for _ in range(c.n(60, jitter)):
        served = c.day(year)
        if served is None:
            continue
        unit = c.rng.choice(cu.departments + [cu.county] * 3)
        pk = c.loader.new_id(LitigationCase)
        number = f"（{year}）湘{unit.code[:4]}行初{pk}号"
        row = c.record(unit, year, "received", served) | {
            "id": pk, "case_number": number, "court": "县人民法院", "cause": "不服行政处罚",
            "act_kind": c.pick({"penalty": 40, "licence": 10, "expropriation": 20, "inaction": 15,
                                     "disclosure": 15}),
            "plaintiff_kind": "person", "plaintiff_name": c.name(), "plaintiff_id_number": c.id_number(region),
            "filed_on": served - timedelta(days=5), "served_on": served}
        answered = c.after(served, 3, 18)
        if answered:
            row.update(answer_submitted_on=answered, state="answered")
            judged = c.after(answered, 30, 150)
            if judged:
                outcome = c.pick({"dismissed": 55, "suit_dismissed": 15, "revoked": 10, "illegal": 5,
                                       "withdrawn": 10, "perform": 5})
                form = "ruling" if outcome in ("suit_dismissed", "withdrawn") else "judgment"
                row.update(judgment_form=form, judgment_date=judged, outcome=outcome, state="closed")
                hearing = answered + (judged - answered) / 2
                head = c.rng.random() < 0.9
                c.loader.add(Hearing, c.record(unit, hearing.year, "held", hearing) | {
                    "case_number": number, "case_id": pk, "hearing_date": hearing, "head_appeared": head,
                    "head_name": c.name() if head else "", "head_title": "副局长" if head else "",
                    "head_position": c.pick({"principal": 30, "deputy": 70}) if head else "",
                    "absence_reason": "" if head else "duty", "substitute": "" if head else "staff_lawyer",
                    "absence_explanation": "" if head else "因公务冲突未能出庭，已书面说明并加盖印章"})
        c.deadline(LitigationCase, pk, unit.pk, rules.ANSWER.key, rules.ANSWER.label, rules.ANSWER.rule,
                   rules.ANSWER.days, rules.ANSWER.basis, served, answered)
        c.loader.add(LitigationCase, row)
    for _ in range(c.n(60, jitter)):
        received = c.day(year)
        if received is None:
            continue
        unit = c.rng.choice(cu.departments)
        pk = c.loader.new_id(Reconsideration)
        row = c.record(unit, year, "received", received) | {
            "id": pk, "case_number": f"{unit.code}复{pk}", "body": f"{cu.county.short_name}人民政府",
            "applicant_kind": "person", "applicant_name": c.name(), "applicant_id_number": c.id_number(region),
            "contested_act": "行政处罚决定", "received_on": received}
        decided = c.after(received, 20, 80)
        if decided:
            row.update(accepted_on=received + timedelta(days=3), decided_on=decided, state="closed",
                       decision_type=c.pick({"uphold": 60, "revoke": 12, "change": 3, "illegal": 5,
                                                  "dismiss": 10, "agreement": 10}))
        c.loader.add(Reconsideration, row)


def reference(q) -> None:
    """This stream's figures as SQL aggregates for the benchmark's one-statement reference
    (``fazhi.benchdata.reference.Query``); checked against the indicators in tests/benchdata."""
    between = q.between
    q.block("litigation_litigationcase", f"{between('served_on')} OR {between('judgment_date')}", [
        ("litigation.cases", between("served_on"), None),
        ("litigation.cases_mediated", f"{between('judgment_date')} AND outcome = 'mediated'", None),
    ])
    q.block("litigation_reconsideration", f"{between('received_on')} OR {between('decided_on')}", [
        ("litigation.reconsideration_cases", between("received_on"), None),
        ("litigation.reconsiderations_mediated", f"{between('decided_on')} AND decision_type = 'mediation'", None),
        ("litigation.reconsideration_correction_rate",
         f"{between('decided_on')} AND decision_type IN {q.in_(CORRECTION_DECISIONS)}",
         f"{between('decided_on')} AND decision_type <> ''"),
    ])
    q.block("litigation_hearing", f"state = 'held' AND {between('hearing_date')} AND case_id IS NOT NULL", [
        ("litigation.head_appearance_rate_by_hearing",
         "head_appeared AND identity_accepted AND head_position IN ('principal', 'deputy', 'in_charge')", "1 = 1"),
    ])
