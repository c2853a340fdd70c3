"""Indicators on fixed data: village adviser coverage (PLS-1), consultations, duty compliance,
legal-aid timeliness, and verification of commitments."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core import workflow
from fazhi.core.ledger import record_create, record_update
from fazhi.indicators.registry import Period, compute
from fazhi.streams.legal_services.models import (
    AdvisorAppointment,
    CertificationItem,
    CommitmentCase,
    Consultation,
    DutyDay,
)

pytestmark = pytest.mark.django_db
Y2024 = Period.year(2024)


def units(county):
    return county.descendants()


def test_coverage_counts_villages_with_an_adviser_under_contract(county, coordinator, justice_unit, yucai,
                                                                 tanglin, appointment):
    record_create(AdvisorAppointment, by=coordinator, unit=justice_unit, year=2020, village=tanglin,
                  advisor_name="谭志刚", law_firm="湖南德山律师事务所", contract_start=date(2021, 1, 1),
                  contract_end=date(2023, 12, 31))
    result = compute("legal_services.advisor_coverage_rate", units(county), Y2024)
    assert (result.numerator, result.denominator) == (1, 18)  # 唐林村's contract ended in 2023
    assert compute("legal_services.villages_with_advisor", units(county), Period.year(2023)).value == 1
    assert compute("legal_services.villages_with_advisor", units(county), Y2024).value == 1
    assert AdvisorAppointment.current_on(date(2024, 6, 1)).get() == appointment


def test_consultations_duty_compliance_and_referrals(county, advisor, yucai):
    for day, disposition in ((date(2024, 3, 1), "answered"), (date(2024, 3, 2), "mediation"),
                             (date(2023, 12, 30), "answered")):
        record_create(Consultation, by=advisor, unit=yucai, year=day.year, consulted_on=day, advisor="刘建华",
                      category="land", summary="问题", disposition=disposition)
    assert compute("legal_services.consultations", units(county), Y2024).value == 2
    assert compute("legal_services.consultation_referrals", units(county), Y2024).value == 1
    for day in (date(2024, 3, 6), date(2024, 3, 20), date(2024, 4, 8)):
        d = record_create(DutyDay, by=advisor, unit=yucai, year=2024, duty_on=day, advisor="刘建华", hours=4)
        if day.month == 3:
            workflow.transition(d, "hold", by=advisor)
        else:
            workflow.transition(d, "miss", by=advisor)
    result = compute("legal_services.duty_compliance_rate", units(county), Y2024)
    assert (result.numerator, result.denominator) == (2, 3)


def test_timely_decision_and_assignment_rates(county, coordinator, new_application):
    on_time = new_application(decided_on=date(2024, 3, 8), assigned_on=date(2024, 3, 12), lawyer="胡志明",
                              law_firm="湖南金凤律师事务所")
    late = new_application(application_no="XDT-FY-2024-102", decided_on=date(2024, 3, 15),
                           assigned_on=date(2024, 3, 18), lawyer="胡志明", law_firm="湖南金凤律师事务所")
    for a in (on_time, late):
        for step in ("accept", "grant", "assign"):
            workflow.transition(a, step, by=coordinator)
    decision = compute("legal_services.legal_aid_timely_decision_rate", units(county), Y2024)
    assert (decision.numerator, decision.denominator) == (1, 2)  # due 03-11: 03-15 is late
    assignment = compute("legal_services.legal_aid_timely_assignment_rate", units(county), Y2024)
    assert (assignment.numerator, assignment.denominator) == (1, 2)  # 03-08 + 3 = 03-11: 03-12 is late
    assert compute("legal_services.legal_aid_cases", units(county), Y2024).value == 2


def test_verification_counts_and_false_commitments(county, clerk, head, market_unit):
    item = record_create(CertificationItem, by=clerk, unit=market_unit, year=2024, name="从业人员健康证明",
                         matter="食品经营许可", legal_basis="《食品经营许可管理办法》", issuing_unit="医疗卫生机构",
                         method="data", verification_days=20, listed_on=date(2024, 1, 1))
    cases = [record_create(CommitmentCase, by=clerk, unit=market_unit, year=2024, case_no=f"GZCN-{n}", item=item,
                           applicant_name="某某食品店", committed_on=date(2024, 5, n)) for n in (6, 7, 8)]
    with pytest.raises(workflow.TransitionError, match="核查日期"):
        workflow.transition(cases[0], "verify", by=clerk)
    record_update(cases[0], by=clerk, verified_on=date(2024, 5, 20), result="true")
    workflow.transition(cases[0], "verify", by=clerk)
    false = record_update(cases[1], by=clerk, verified_on=date(2024, 5, 21), result="false")
    workflow.transition(false, "find_false", by=clerk)
    with pytest.raises(workflow.TransitionError, match="撤销决定"):
        workflow.transition(false, "handle", by=head)
    false = record_update(false, by=clerk, follow_up="revoked", follow_up_on=date(2024, 5, 28))
    workflow.transition(false, "handle", by=head)
    assert cases[0].deadlines.get().due == date(2024, 5, 31)  # 20 working days; Saturday 05-11 was a working day
    assert cases[0].deadlines.get().met_on == date(2024, 5, 20)
    assert compute("legal_services.certification_items", units(county), Y2024).value == 1
    assert compute("legal_services.commitment_cases", units(county), Y2024).value == 3
    rate = compute("legal_services.verification_completion_rate", units(county), Y2024)
    assert (rate.numerator, rate.denominator) == (2, 3)
    false_rate = compute("legal_services.false_commitment_rate", units(county), Y2024)
    assert (false_rate.numerator, false_rate.denominator) == (1, 2)
