"""The stream's indicators on fixed data, and the demo reproducing the seed report's figures
("本年度区内行政应诉案共5件，行政机关负责人出庭应诉率100%")."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command

from fazhi.core.deadlines import deadline_set
from fazhi.core.models import Unit
from fazhi.core.registry import menu_for, streams
from fazhi.indicators.engine import compute_figure
from fazhi.indicators.registry import Period, compute, load_all
from fazhi.streams.litigation import rules
from fazhi.streams.litigation.models import Hearing, LitigationCase, Reconsideration

pytestmark = pytest.mark.django_db
Y2024 = Period.year(2024)


def test_the_stream_plugs_in_through_its_manifest(clerk):
    assert "litigation" in [m.key for m in streams()]
    menus = dict((m.label, [e.label for e in es]) for m, es in menu_for(clerk))
    assert menus["行政应诉与行政复议"] == ["行政应诉案件", "庭审及出庭应诉", "行政复议案件"]


def test_the_indicators_are_registered_under_stable_keys():
    keys = load_all()
    assert {"litigation.cases", "litigation.head_appearance_rate", "litigation.loss_rate",
            "litigation.answers_on_time_rate", "litigation.reconsideration_cases",
            "litigation.reconsideration_correction_rate"} <= set(keys)
    assert keys["litigation.head_appearance_rate"].label == "行政机关负责人出庭应诉率"
    assert (keys["litigation.cases"].unit, keys["litigation.loss_rate"].unit) == ("件", "%")


def case(unit, number: str, served: date, **extra) -> LitigationCase:
    c = LitigationCase.objects.create(unit=unit, year=served.year, case_number=number, court="法院", cause="案由",
                                      plaintiff_name="甲", served_on=served, state=extra.pop("state", "received"),
                                      **extra)
    deadline_set(record=c, rule=rules.ANSWER, start=served)
    return c


def test_cases_count_by_service_date_in_the_period(market_unit, transport_unit, county):
    case(market_unit, "A", date(2024, 1, 5))
    case(transport_unit, "B", date(2024, 12, 31))
    case(market_unit, "C", date(2023, 12, 31))
    result = compute("litigation.cases", county.descendants(), Y2024)
    assert result.value == 2 and set(result.records.values_list("case_number", flat=True)) == {"A", "B"}
    assert compute("litigation.cases", market_unit.descendants(), Y2024).value == 1


def test_loss_rate_is_lost_over_concluded(market_unit, county):
    concluded = date(2024, 6, 1)
    case(market_unit, "A", date(2024, 1, 5), outcome="revoked", judgment_date=concluded)
    case(market_unit, "B", date(2024, 1, 6), outcome="dismissed", judgment_date=concluded)
    case(market_unit, "C", date(2024, 1, 7), outcome="withdrawn", judgment_date=concluded)
    case(market_unit, "D", date(2024, 1, 8), outcome="upheld", judgment_date=concluded, instance="second",
         related_case_number="A0", appellant="self")  # the agency's own appeal dismissed: lost
    case(market_unit, "E", date(2024, 1, 9), outcome="upheld", judgment_date=concluded, instance="second",
         related_case_number="B0", appellant="opponent")  # the plaintiff's appeal dismissed: won
    case(market_unit, "F", date(2024, 1, 10))  # not concluded
    result = compute("litigation.loss_rate", county.descendants(), Y2024)
    assert (result.numerator, result.denominator, result.value) == (2, 5, 40)


def test_answers_on_time_counts_answers_within_15_days_and_unanswered_overdue_cases(market_unit, county):
    case(market_unit, "A", date(2024, 1, 30), answer_submitted_on=date(2024, 2, 18))  # due 02-18 (rolled): on time
    case(market_unit, "B", date(2024, 3, 1), answer_submitted_on=date(2024, 3, 19))  # due 03-18: late
    case(market_unit, "C", date(2024, 4, 1))  # never answered, long overdue
    case(market_unit, "D", date(2024, 5, 6), outcome="withdrawn", judgment_date=date(2024, 5, 10))  # withdrawn first
    result = compute("litigation.answers_on_time_rate", county.descendants(), Y2024)
    assert (result.numerator, result.denominator) == (1, 3)
    assert set(result.records.values_list("case_number", flat=True)) == {"A", "B", "C"}


def test_reconsideration_counts_and_correction_rate(market_unit, county):
    def rec(number: str, received: date, decision: str = "", decided: date | None = None) -> Reconsideration:
        return Reconsideration.objects.create(unit=market_unit, year=received.year, case_number=number, body="管委会",
                                              applicant_name="乙", contested_act="处罚", received_on=received,
                                              decision_type=decision, decided_on=decided, state="decided")

    rec("1", date(2024, 1, 5), "revoke", date(2024, 3, 1))
    rec("2", date(2024, 2, 5), "change", date(2024, 4, 1))
    rec("3", date(2024, 3, 5), "uphold", date(2024, 5, 1))
    rec("4", date(2024, 4, 5), "terminate", date(2024, 5, 2))
    rec("5", date(2023, 11, 5), "perform", date(2024, 1, 3))  # received last year, decided this year
    rec("6", date(2024, 12, 5))  # not decided yet
    assert compute("litigation.reconsideration_cases", county.descendants(), Y2024).value == 5
    result = compute("litigation.reconsideration_correction_rate", county.descendants(), Y2024)
    assert (result.numerator, result.denominator, result.value) == (3, 5, 60)


def test_the_demo_reproduces_the_seed_figures(db):
    call_command("fazhi_demo", streams="litigation")
    county = Unit.objects.get(code="430771")
    cases = compute_figure("litigation.cases", county, Period.year(2023))
    rate = compute_figure("litigation.head_appearance_rate", county, Period.year(2023))
    assert cases.display == "5件" and cases.result.value == 5
    assert rate.display == "100%" and (rate.result.numerator, rate.result.denominator) == (5, 5)
    # "特别是区领导带头出庭应诉": one of the heads in court was the 管委会's deputy director.
    assert Hearing.objects.filter(year=2023, unit=county, head_position="deputy").exists()
    on_time = compute("litigation.answers_on_time_rate", county.descendants(), Period.year(2023))
    assert on_time.value == 100


def test_the_demo_has_open_current_year_records_one_overdue(db):
    from django.contrib.contenttypes.models import ContentType
    from django.utils import timezone

    from fazhi.core.models import Deadline

    call_command("fazhi_demo", streams="litigation")
    today = timezone.localdate()
    open_deadlines = Deadline.objects.filter(met_on__isnull=True,
                                             content_type=ContentType.objects.get_for_model(LitigationCase))
    assert open_deadlines.filter(due__lt=today).exists() and open_deadlines.filter(due__gte=today).exists()
    assert Reconsideration.objects.filter(state="answering").exists()


def test_the_demo_twice_duplicates_nothing(db):
    call_command("fazhi_demo", streams="litigation")
    counts = (LitigationCase.objects.count(), Hearing.objects.count(), Reconsideration.objects.count())
    call_command("fazhi_demo", streams="litigation")
    assert (LitigationCase.objects.count(), Hearing.objects.count(), Reconsideration.objects.count()) == counts
