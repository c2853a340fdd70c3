"""The four figures of the stream, on cases built through the services."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fazhi.core.workflow import transition
from fazhi.indicators.engine import compute_figure
from fazhi.indicators.registry import Period
from fazhi.streams.cases import services
from tests.streams.cases.conftest import av, closed_case, new_case, update

pytestmark = pytest.mark.django_db


def figure(key: str, unit, year: int = 2026):
    r = compute_figure(key, unit, Period.year(year)).result
    return r.value, r.numerator, r.denominator


def test_opened_closed_on_time_and_legal_review(county, head, reviewer, market_unit):
    closed_case(head, market_unit, filed_on=date(2026, 3, 2), decided_on=date(2026, 4, 10), case_no="A1")
    closed_case(head, market_unit, filed_on=date(2026, 3, 2), decided_on=date(2026, 6, 30), case_no="A2")  # late
    assert figure("cases.opened", county)[0] == 2
    assert figure("cases.closed_on_time_rate", county) == (Decimal(50), 1, 2)
    assert figure("cases.legal_review_rate", county)[0] is None  # no 重大 case decided: no rate

    major = new_case(head, market_unit, case_no="M1", proposed_fine=Decimal(80000))
    major = transition(major, "investigate", by=head)
    major = transition(update(major, head, notified_on=date(2026, 9, 10), waived_on=date(2026, 9, 10),
                              proposed_measures="罚款八万元"), "notify", by=head)
    major = transition(major, "submit_review", by=head)
    services.legal_review(major, by=reviewer, conclusion="agree", opinion="同意", reviewed_on=date(2026, 9, 14))
    major = update(major, head, discussed_on=date(2026, 9, 15), discussion_note="同意", decision_no="罚M1",
                   decided_on=date(2026, 9, 16), decision_content="罚款80000元")
    transition(transition(major, "discuss", by=head), "decide", by=head)
    assert figure("cases.legal_review_rate", county) == (Decimal(100), 1, 1)
    assert figure("cases.opened", county)[0] == 3
    assert figure("cases.opened", county, 2025)[0] == 0


def test_av_record_coverage_counts_the_steps_that_need_one(county, clerk, market_unit):
    onsite = transition(new_case(clerk, market_unit, case_no="B1", onsite_investigation=True), "investigate", by=clerk)
    transition(new_case(clerk, market_unit, case_no="B2", onsite_investigation=True), "investigate", by=clerk)
    new_case(clerk, market_unit, case_no="B3", onsite_investigation=True)  # not yet investigating: not counted
    new_case(clerk, market_unit, case_no="B4")  # nothing on site
    assert figure("cases.av_record_coverage_rate", county) == (Decimal(0), 0, 2)
    av(onsite, clerk, "investigation")
    assert figure("cases.av_record_coverage_rate", county) == (Decimal(50), 1, 2)
