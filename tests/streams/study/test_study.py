from __future__ import annotations

import pytest
from django.core.management import call_command

from fazhi.core.models import Unit
from fazhi.core.registry import menu_for, streams
from fazhi.indicators.registry import Period, compute, load_all
from fazhi.streams.study.models import StudySession

pytestmark = pytest.mark.django_db


def test_the_stream_plugs_in_through_its_manifest(clerk):
    assert "study" in [m.key for m in streams()]
    assert ("学法与专题研究", ["学习研究台账"]) in [(m.label, [e.label for e in es]) for m, es in menu_for(clerk)]


def test_the_study_indicators_are_registered_once_under_stable_keys():
    keys = load_all()
    assert {"study.topic_sessions", "study.sessions_held", "study.attendance_rate"} <= set(keys)
    assert keys["study.topic_sessions"].label == "专题研究法治工作次数"


def test_the_demo_reproduces_the_seed_figure_for_topic_sessions(db):
    call_command("fazhi_demo", streams="study")
    county = Unit.objects.get(code="430771")
    result = compute("study.topic_sessions", county.descendants(), Period.year(2023))
    assert result.value == 4
    assert set(result.records.values_list("title", flat=True)) == {
        "研究规范性文件审核备案工作", "研究行政机关负责人出庭应诉工作", "研究行政执法公示工作", "研究法律顾问工作"}


def test_planned_or_cancelled_sessions_do_not_count(county):
    StudySession.objects.create(unit=county, year=2023, kind="topic", title="计划中", state="planned",
                                held_on="2023-05-01")
    StudySession.objects.create(unit=county, year=2023, kind="topic", title="已取消", state="cancelled",
                                held_on="2023-05-02")
    assert compute("study.topic_sessions", county.descendants(), Period.year(2023)).value == 0


def test_attendance_rate_is_attendees_over_members(county):
    StudySession.objects.create(unit=county, year=2023, kind="central_group", title="学习", state="held",
                                held_on="2023-05-01", members=20, attendees=19)
    result = compute("study.attendance_rate", county.descendants(), Period.year(2023))
    assert (result.numerator, result.denominator, round(result.value, 1)) == (19, 20, 95)


def test_the_demo_twice_duplicates_nothing(db):
    call_command("fazhi_demo", streams="study")
    counts = (Unit.objects.count(), StudySession.objects.count())
    call_command("fazhi_demo", streams="study")
    assert (Unit.objects.count(), StudySession.objects.count()) == counts
