"""The mediation term ("一般在一个月内调结", 30 calendar days from acceptance) and the 30-day window
for judicial confirmation, across the real holiday breaks of 2023–2026."""

from __future__ import annotations

from datetime import date

import pytest

from fazhi.core.deadlines import deadlines_of, explain
from fazhi.core.ledger import record_update
from fazhi.core.workflow import transition
from fazhi.streams.mediation.models import MediationCase

pytestmark = pytest.mark.django_db


def term(case: MediationCase):
    return deadlines_of(case).get(key="mediation_term")


def test_a_case_accepted_on_1_september_2023_is_due_on_the_national_day_make_up_saturday(new_case):
    # 2023-09-01 + 30 days = 2023-10-01, inside the National Day break (Sep 29–Oct 6):
    # the term runs to the first working day after it, the make-up Saturday 2023-10-07.
    deadline = term(new_case(accepted_on=date(2023, 9, 1)))
    assert deadline.due == date(2023, 10, 7) and deadline.rule == "calendar_roll"
    steps = explain(deadline)
    assert steps[0].startswith("法律依据：司法部《人民调解工作若干规定》第三十三条")
    assert "自2023年9月1日次日起算30日" in steps[1]
    assert "期满日2023年10月1日为法定节假日或休息日，顺延至其后第一个工作日" in steps


def test_a_case_accepted_on_11_january_2024_runs_past_the_spring_festival_to_the_make_up_sunday(new_case):
    # 2024-01-11 + 30 = 2024-02-10, first day of the Spring Festival break (Feb 10–17); the next
    # working day is the make-up Sunday 2024-02-18.
    case = new_case(year=2024, registration_number="（2024）市监调字第001号", accepted_on=date(2024, 1, 11))
    assert term(case).due == date(2024, 2, 18)


def test_an_ordinary_month_ends_thirty_days_after_acceptance(new_case):
    case = new_case(year=2026, registration_number="（2026）市监调字第001号", accepted_on=date(2026, 3, 2))
    assert term(case).due == date(2026, 4, 1)


def test_the_term_length_and_rolling_are_settings(new_case, settings):
    settings.FAZHI_MEDIATION_TERM_DAYS = 45
    assert term(new_case(accepted_on=date(2023, 9, 1))).due == date(2023, 10, 16)
    settings.FAZHI_MEDIATION_TERM_DAYS = 30
    settings.FAZHI_MEDIATION_TERM_RULE = "calendar_strict"
    case = new_case(registration_number="（2023）市监调字第002号", accepted_on=date(2023, 9, 1))
    assert term(case).due == date(2023, 10, 1)


def test_correcting_the_acceptance_date_restarts_the_term(new_case, clerk):
    case = new_case(accepted_on=date(2023, 9, 1))
    case = record_update(case, by=clerk, accepted_on=date(2023, 3, 1))
    assert term(case).start == date(2023, 3, 1) and term(case).due == date(2023, 3, 31)


def test_a_case_concluded_after_the_term_is_flagged_and_one_on_the_rolled_day_is_not(new_case, clerk):
    on_time = new_case(state="mediating", accepted_on=date(2023, 9, 1))
    late = new_case(state="mediating", registration_number="（2023）市监调字第002号", accepted_on=date(2023, 9, 1))
    for case, concluded in ((on_time, date(2023, 10, 7)), (late, date(2023, 10, 8))):
        record_update(case, by=clerk, concluded_on=concluded, agreement_form="oral")
        transition(case, "settle", by=clerk)
        case.refresh_from_db()
    assert (on_time.over_term, late.over_term) == (False, True)
    assert term(late).met_on == date(2023, 10, 8)


def test_correcting_the_conclusion_date_of_a_concluded_case_re_flags_it(new_case, clerk):
    case = new_case(state="mediating", accepted_on=date(2023, 9, 1))
    record_update(case, by=clerk, concluded_on=date(2023, 9, 20), agreement_form="oral")
    transition(case, "settle", by=clerk)
    case = record_update(MediationCase.objects.get(pk=case.pk), by=clerk, concluded_on=date(2023, 11, 2))
    assert case.over_term and term(case).met_on == date(2023, 11, 2)


def test_a_written_agreement_opens_the_thirty_day_confirmation_window_across_the_spring_festival(new_case, clerk):
    case = new_case(state="mediating", year=2024, registration_number="（2024）市监调字第009号",
                    accepted_on=date(2024, 1, 2))
    record_update(case, by=clerk, concluded_on=date(2024, 1, 12), agreement_form="written",
                  agreement_date=date(2024, 1, 12))
    transition(case, "settle", by=clerk)
    window = deadlines_of(case).get(key="judicial_confirmation")
    # 2024-01-12 + 30 = 2024-02-11 (Spring Festival) -> 2024-02-18, the make-up Sunday.
    assert window.due == date(2024, 2, 18)
    assert explain(window)[0].startswith("法律依据：《人民调解法》第三十三条")


def test_the_confirmation_window_leaves_the_reminders_once_the_case_moves_on_without_an_application(new_case, clerk):
    case = new_case(state="mediating")
    record_update(case, by=clerk, concluded_on=date(2023, 9, 12), agreement_form="written",
                  agreement_date=date(2023, 9, 12))
    transition(case, "settle", by=clerk)
    assert deadlines_of(case).filter(key="judicial_confirmation").exists()
    record_update(MediationCase.objects.get(pk=case.pk), by=clerk, follow_up_on=date(2023, 9, 30),
                  performance="performed")
    transition(case, "visit", by=clerk)
    assert not deadlines_of(case).filter(key="judicial_confirmation").exists()
    assert deadlines_of(case).get(key="mediation_term").met_on == date(2023, 9, 12)


def test_an_open_case_past_its_term_is_marked_and_found_by_the_overdue_filter(login, clerk, new_case):
    new_case(state="mediating", accepted_on=date(2023, 9, 1))  # open, due 2023-10-07: overdue today
    done = new_case(state="mediating", registration_number="（2023）市监调字第002号", accepted_on=date(2023, 9, 1))
    record_update(done, by=clerk, concluded_on=date(2023, 9, 10), agreement_form="oral")
    transition(done, "settle", by=clerk)
    html = login(clerk).get("/s/mediation/", {"due": "overdue"}).content.decode()
    assert "（2023）市监调字第001号" in html and "（2023）市监调字第002号" not in html and "已超期" in html


def test_the_list_filters_cases_concluded_after_the_term(login, clerk, new_case):
    late = new_case(state="mediating", accepted_on=date(2023, 9, 1))
    record_update(late, by=clerk, concluded_on=date(2023, 11, 1), agreement_form="oral")
    transition(late, "settle", by=clerk)
    new_case(registration_number="（2023）市监调字第002号")
    client = login(clerk)
    html = client.get("/s/mediation/", {"over_term": "True"}).content.decode()
    assert "（2023）市监调字第001号" in html and "（2023）市监调字第002号" not in html
    assert "超期调结" in client.get("/s/mediation/").content.decode()
