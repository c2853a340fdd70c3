"""Minimum periods counted on the holiday calendar: the legality review is given at least 7
working days (第二十七条), so a review submitted before National Day or Spring Festival may
conclude only after the holiday and its make-up working days are counted."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fazhi.streams.decisions import rules, services
from fazhi.streams.decisions.models import DecisionProcedure

pytestmark = pytest.mark.django_db


def test_the_review_time_skips_national_day_and_counts_the_make_up_days():
    # 2024-09-27 (Fri) submitted: 9-29 (Sun, make-up day), 9-30, 10-8 … 10-11, 10-12 (Sat, make-up day).
    assert rules.legality_review_earliest_end(date(2024, 9, 27)) == date(2024, 10, 12)


def test_the_review_time_skips_the_spring_festival():
    # 2024-02-08 (Thu): 2-9, then 2-10…2-17 off, 2-18 (Sun, make-up day), 2-19 … 2-23.
    assert rules.legality_review_earliest_end(date(2024, 2, 8)) == date(2024, 2, 23)


def test_a_review_concluded_too_early_needs_a_reason(clerk, decision):
    with pytest.raises(ValidationError) as exc:
        services.procedure_record(decision, kind="legality", by=clerk, started_on=date(2024, 9, 27),
                                  ended_on=date(2024, 10, 11), organiser="司法局", conclusion="passed")
    assert exc.value.message_dict["shortened_reason"] == [
        "合法性审查时间一般不少于7个工作日（2024年09月27日送审，最早2024年10月12日出具意见）；缩短的，应当说明理由"]
    ok = services.procedure_record(decision, kind="legality", by=clerk, started_on=date(2024, 9, 27),
                                   ended_on=date(2024, 10, 12), organiser="司法局", conclusion="passed")
    assert ok.is_done
    shortened = services.procedure_record(decision, kind="legality", by=clerk, started_on=date(2024, 9, 27),
                                          ended_on=date(2024, 10, 9), organiser="司法局", conclusion="passed",
                                          shortened_reason="防汛应急，经批准缩短")
    assert DecisionProcedure.objects.get().ended_on == shortened.ended_on == date(2024, 10, 9)


def test_the_review_page_shows_the_earliest_opinion_date(login, clerk, decision):
    services.procedure_record(decision, kind="legality", by=clerk, started_on=date(2024, 2, 8))
    page = login(clerk).get(f"/s/decisions/{decision.pk}/").content.decode()
    assert "2024-02-23（不少于7个工作日）" in page


def test_the_comment_period_length_is_a_setting(settings, clerk, decision):
    settings.FAZHI_DECISIONS_COMMENT_PERIOD_DAYS = 20
    p = services.procedure_record(decision, kind="participation", by=clerk, started_on=date(2024, 3, 1),
                                  ended_on=date(2024, 3, 20))
    assert p.period_days == 20 and p.period_problem() is None


def test_a_legality_opinion_needs_its_conclusion_and_reviewers(clerk, decision):
    with pytest.raises(ValidationError) as exc:
        services.procedure_record(decision, kind="legality", by=clerk, started_on=date(2024, 4, 1),
                                  ended_on=date(2024, 4, 15))
    errors = exc.value.message_dict
    assert errors["conclusion"] == ["请选择合法性审查结论"]
    assert errors["organiser"] == ["请填写审查机构及参与审查的法律顾问、公职律师"]
