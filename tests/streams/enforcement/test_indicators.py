"""Indicators on fixed data: numerators and denominators a reader can retrace."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fazhi.core import workflow
from fazhi.core.ledger import record_create, record_update
from fazhi.indicators.engine import compute_figure
from fazhi.indicators.registry import Period
from fazhi.streams.enforcement.models import ExamResult, FileReview, TrainingRecord

pytestmark = pytest.mark.django_db

Y2023 = Period.year(2023)


def figure(key: str, county, period: Period = Y2023):
    return compute_figure(f"enforcement.{key}", county, period)


def test_certified_officers_are_counted_on_the_periods_last_day(county, make_officer, clerk, head):
    make_officer(certificate_no="A1")  # valid 2021-05-10 .. 2026-05-09
    make_officer(year=2018, certificate_no="A2", issued_on=date(2018, 3, 1), valid_until=date(2023, 2, 28))
    make_officer(year=2024, certificate_no="A3", issued_on=date(2024, 1, 2), valid_until=date(2029, 1, 1))
    revoked = make_officer(certificate_no="A4", revoked_on=date(2023, 12, 31), revoke_reason="调离")
    workflow.transition(revoked, "revoke", by=head)
    make_officer(certificate_no="A5", suspended_on=date(2023, 12, 1), restored_on=date(2024, 1, 5))
    make_officer(certificate_no="A6", suspended_on=date(2023, 3, 1), restored_on=date(2023, 4, 1))
    result = figure("certified_officers", county).result
    assert result.value == 2 and sorted(result.records.values_list("certificate_no", flat=True)) == ["A1", "A6"]
    assert figure("certified_officers", county, Period.year(2024)).result.value == 4  # A1, A3, A5, A6
    # A1, A5 and A6 run until 2026-05-09: within 90 days of 2026-03-01, not of 2026-02-01
    assert figure("expiring_certificates", county, Period(date(2026, 1, 1), date(2026, 3, 1))).result.value == 3
    assert figure("expiring_certificates", county, Period(date(2026, 1, 1), date(2026, 2, 1))).result.value == 0


def test_exam_passes_and_pass_rate(county, clerk, market_unit):
    for name, score in (("甲", 88), ("乙", 60), ("丙", 59), ("丁", 75)):
        record_create(ExamResult, by=clerk, unit=market_unit, year=2023, candidate_name=name,
                      exam_date=date(2023, 6, 17), score=Decimal(score))
    record_create(ExamResult, by=clerk, unit=market_unit, year=2022, candidate_name="戊", exam_date=date(2022, 7, 16),
                  score=Decimal(90))
    assert figure("exam_passed", county).result.value == 3
    rate = figure("exam_pass_rate", county)
    assert (rate.result.numerator, rate.result.denominator, rate.display) == (3, 4, "75%")


def test_training_hours_per_officer_and_compliance(county, clerk, market_unit, make_officer):
    make_officer(certificate_no="T1")
    make_officer(certificate_no="T2")
    for cert, hours in (("T1", 40), ("T1", 24), ("T2", 30)):
        record_create(TrainingRecord, by=clerk, unit=market_unit, year=2023, certificate_no=cert,
                      course=f"课程{hours}", held_on=date(2023, 5, 10), hours=Decimal(hours))
    per_officer = figure("training_hours_per_officer", county)
    assert (per_officer.result.numerator, per_officer.result.denominator, per_officer.display) == (94, 2, "47学时")
    compliance = figure("training_compliance_rate", county)
    assert (compliance.result.numerator, compliance.result.denominator) == (1, 2)


def test_timely_disclosure_rate_counts_published_and_overdue_decisions(county, make_decision, clerk):
    on_time = make_decision(doc_no="D1", year=2023, decided_on=date(2023, 3, 1), disclosed_on=date(2023, 3, 8),
                            disclosure_channel="门户网站")
    late = make_decision(doc_no="D2", year=2023, decided_on=date(2023, 3, 1), disclosed_on=date(2023, 3, 20),
                         disclosure_channel="门户网站")
    for d in (on_time, late):
        workflow.transition(d, "publish", by=clerk)
    make_decision(doc_no="D3", year=2023, decided_on=date(2023, 6, 1))  # never published: overdue at year end
    make_decision(doc_no="D4", year=2023, decided_on=date(2023, 12, 28))  # not yet due on Dec 31
    make_decision(doc_no="D5", year=2022, decided_on=date(2022, 12, 1))  # another period
    rate = figure("disclosure_timely_rate", county)
    assert (rate.result.numerator, rate.result.denominator, rate.display) == (1, 3, "33.3%")
    assert sorted(rate.result.records.values_list("doc_no", flat=True)) == ["D1", "D2", "D3"]
    assert figure("decisions", county).result.value == 4


def test_campaign_counts_and_file_quality(county, coordinator, justice_unit, market_unit, campaign):
    joint = record_create(type(campaign), by=coordinator, unit=justice_unit, year=2023, title="市区联合评查",
                          kind="joint", organiser="常德市司法局", held_on=date(2023, 6, 1))
    planned = record_create(type(campaign), by=coordinator, unit=justice_unit, year=2023, title="计划中的评查",
                            kind="own", organiser="司法局")
    for c in (campaign, joint):
        workflow.transition(c, "start", by=coordinator)
    assert (figure("file_reviews", county).result.value, figure("joint_file_reviews", county).result.value) == (1, 1)
    assert planned.state == "planned"
    scores = [(100, False), (80, True), (60, True)]
    for n, (total, issue) in enumerate(scores):
        procedure = Decimal(20 - (100 - total)) if total >= 80 else Decimal(0)
        facts = Decimal(20) if total >= 80 else Decimal(0)
        review = record_create(
            FileReview, by=coordinator, unit=justice_unit, year=2023, campaign=campaign, reviewed_unit=market_unit,
            case_no=f"C{n}", case_type="penalty", reviewers="张评查", score_subject=10, score_facts=facts,
            score_evidence=20, score_law=20, score_procedure=procedure, score_documents=10)
        workflow.transition(review, "score", by=coordinator)
        if issue:
            review = record_update(review, by=coordinator, findings="问题", rectification_due=date(2024, 1, 31))
            workflow.transition(review, "rectify", by=coordinator)
            if n == 1:
                review = record_update(review, by=coordinator, rectified_on=date(2024, 1, 20))
                workflow.transition(review, "verify", by=coordinator)
    record_create(FileReview, by=coordinator, unit=justice_unit, year=2023, campaign=campaign,
                  reviewed_unit=market_unit, case_no="unscored", case_type="penalty")
    assert figure("files_reviewed", county).result.value == 3
    passed = figure("file_pass_rate", county)
    assert (passed.result.numerator, passed.result.denominator, passed.display) == (2, 3, "66.7%")
    assert figure("file_excellent_rate", county).result.numerator == 1
    assert figure("file_average_score", county).display == "80分"
    rect = figure("rectification_rate", county)
    assert (rect.result.numerator, rect.result.denominator) == (1, 2)
    # the file quality counts for the reviewed unit, not for the organiser
    assert compute_figure("enforcement.files_reviewed", market_unit, Y2023).result.value == 3
    assert compute_figure("enforcement.files_reviewed", justice_unit, Y2023).result.value == 0
