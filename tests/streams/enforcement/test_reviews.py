"""Case-file review (执法监督, spec §11): campaigns, score sheets with configurable points and
grade thresholds, findings and rectification."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from fazhi.core import workflow
from fazhi.core.ledger import record_create, record_update
from fazhi.streams.enforcement.models import FileReview

pytestmark = pytest.mark.django_db

FULL = {"score_subject": 10, "score_facts": 20, "score_evidence": 20, "score_law": 20, "score_procedure": 20,
        "score_documents": 10}


def sheet(coordinator, justice_unit, campaign, market_unit, **fields) -> FileReview:
    values = {"year": 2023, "campaign": campaign, "reviewed_unit": market_unit, "case_no": "西市监罚〔2023〕5号",
              "case_type": "penalty"}
    values.update(fields)
    return record_create(FileReview, by=coordinator, unit=justice_unit, **values)


def test_a_coordinator_scores_a_file_on_the_form_and_sees_total_and_grade(login, coordinator, justice_unit,
                                                                         campaign, market_unit):
    data = {"unit": justice_unit.pk, "year": 2023, "campaign": campaign.pk, "reviewed_unit": market_unit.pk,
            "case_no": "西市监罚〔2023〕5号", "case_type": "penalty", "reviewers": "张评查、李评查",
            **{k: v for k, v in FULL.items()}, "score_evidence": "15", "score_documents": "8.5"}
    response = login(coordinator).post("/s/enforcement/reviews/new/", data)
    review = FileReview.objects.get()
    assert response.status_code == 302
    assert (review.total, review.get_grade_display()) == (Decimal("93.5"), "优秀")
    page = login(coordinator).get(f"/s/enforcement/campaigns/{campaign.pk}/").content.decode()
    assert "西市监罚〔2023〕5号" in page and "93.5" in page and "优秀" in page


def test_a_score_above_the_items_points_is_refused_and_points_are_a_setting(coordinator, justice_unit, campaign,
                                                                           market_unit, settings):
    with pytest.raises(ValidationError, match="执法主体合法的得分应在0至10分之间"):
        sheet(coordinator, justice_unit, campaign, market_unit, **{**FULL, "score_subject": 12})
    settings.FAZHI_ENFORCEMENT_REVIEW_POINTS = {"score_subject": 15, "score_documents": 5}
    review = sheet(coordinator, justice_unit, campaign, market_unit, **{**FULL, "score_subject": 12,
                                                                        "score_documents": 5})
    assert review.total == Decimal(97)


def test_grades_follow_the_configurable_thresholds(coordinator, justice_unit, campaign, market_unit, settings):
    review = sheet(coordinator, justice_unit, campaign, market_unit, **{**FULL, "score_procedure": 5})
    assert (review.total, review.grade) == (Decimal(85), "acceptable")
    review = record_update(review, by=coordinator, score_facts=Decimal(9))
    assert (review.total, review.grade) == (Decimal(74), "failed")
    settings.FAZHI_ENFORCEMENT_GRADE_PASS = 70
    review = record_update(review, by=coordinator, reviewers="张评查")
    assert review.grade == "acceptable"


def test_a_file_goes_from_scoring_through_rectification(coordinator, justice_unit, campaign, market_unit):
    review = sheet(coordinator, justice_unit, campaign, market_unit, score_subject=10)
    with pytest.raises(ValidationError, match="请先填写各项得分（缺：事实认定清楚"):
        workflow.transition(review, "score", by=coordinator)
    review = record_update(review, by=coordinator, **{**FULL, "score_procedure": Decimal(8)})
    with pytest.raises(ValidationError, match="请先填写评查人员"):
        workflow.transition(review, "score", by=coordinator)
    review = record_update(review, by=coordinator, reviewers="张评查")
    workflow.transition(review, "score", by=coordinator)
    with pytest.raises(ValidationError, match="请先填写发现的问题和整改期限"):
        workflow.transition(review, "rectify", by=coordinator)
    review = record_update(review, by=coordinator, issue_category="procedure", findings="未履行告知程序",
                           rectification_due=date(2024, 1, 15))
    workflow.transition(review, "rectify", by=coordinator)
    workflow.transition(campaign, "start", by=coordinator)
    with pytest.raises(ValidationError, match="请先填写通报日期"):
        workflow.transition(campaign, "issue", by=coordinator)
    campaign = record_update(campaign, by=coordinator, issued_on=date(2023, 12, 5))
    workflow.transition(campaign, "issue", by=coordinator)
    with pytest.raises(ValidationError, match="尚有案卷整改未完成"):
        workflow.transition(campaign, "close", by=coordinator)
    with pytest.raises(ValidationError, match="请先填写整改完成日期"):
        workflow.transition(review, "verify", by=coordinator)
    review = record_update(review, by=coordinator, rectified_on=date(2024, 1, 10))
    workflow.transition(review, "verify", by=coordinator)
    workflow.transition(campaign, "close", by=coordinator)
    assert (review.state, campaign.state) == ("rectified", "closed")


def test_a_campaign_cannot_issue_results_while_a_file_is_unscored(coordinator, justice_unit, campaign, market_unit):
    workflow.transition(campaign, "start", by=coordinator)
    with pytest.raises(ValidationError, match="该活动尚无评查案卷"):
        workflow.transition(campaign, "issue", by=coordinator)
    sheet(coordinator, justice_unit, campaign, market_unit)
    with pytest.raises(ValidationError, match="尚有案卷未完成评分"):
        workflow.transition(campaign, "issue", by=coordinator)


def test_only_the_organiser_registers_score_sheets(coordinator, clerk, market_unit, campaign):
    with pytest.raises(ValidationError, match="评查表应由评查活动的组织单位登记"):
        record_create(FileReview, by=clerk, unit=market_unit, year=2023, campaign=campaign, reviewed_unit=market_unit,
                      case_no="X", case_type="penalty")
