"""The demo reproduces the report's enforcement figures for 2023 and adds nothing when run again."""

from __future__ import annotations

import pytest

from fazhi.demo.management.commands.fazhi_demo import Command
from fazhi.indicators.engine import compute_figure
from fazhi.indicators.registry import Period
from fazhi.streams.enforcement import demo
from fazhi.streams.enforcement.models import Campaign, Decision, ExamResult, FileReview, Officer, TrainingRecord

pytestmark = pytest.mark.django_db

MODELS = (Officer, ExamResult, TrainingRecord, Campaign, FileReview, Decision)


def test_the_demo_gives_the_2023_figures_and_is_idempotent():
    county = Command()._units()
    demo.load(county)
    counts = {m.__name__: m.objects.count() for m in MODELS}
    demo.load(county)
    assert {m.__name__: m.objects.count() for m in MODELS} == counts
    figures = {key: compute_figure(f"enforcement.{key}", county, Period.year(2023)).result
               for key in ("file_reviews", "joint_file_reviews", "exam_passed", "certified_officers",
                           "disclosure_timely_rate", "rectification_rate")}
    assert [figures[k].value for k in ("file_reviews", "joint_file_reviews", "exam_passed", "certified_officers")] \
        == [1, 2, 34, 91]
    assert (figures["disclosure_timely_rate"].numerator, figures["disclosure_timely_rate"].denominator) == (27, 30)
    assert figures["rectification_rate"].denominator > 0
    assert Decision.objects.filter(year=2023, state="withdrawn").count() == 1
