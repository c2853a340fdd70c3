"""The 普法 demo of 西洞庭 and the pufa.* figures computed on it (2023 and the current year)."""

from __future__ import annotations

import pytest
from django.db.models import Sum
from django.utils import timezone

from fazhi.core.models import Unit
from fazhi.demo.management.commands.fazhi_demo import Command
from fazhi.indicators.engine import compute_figure
from fazhi.indicators.registry import Period
from fazhi.streams.pufa import demo
from fazhi.streams.pufa.models import Activity, LegalLiterate, ResponsibilityItem
from tests.streams.pufa.conftest import new_literate

pytestmark = pytest.mark.django_db


def figure(key: str, county: Unit, year: int):
    return compute_figure(key, county, Period.year(year)).result


def test_the_demo_is_coherent_and_the_figures_follow_it():
    county = Command()._units()
    demo.load(county)
    counts = (Activity.objects.count(), LegalLiterate.objects.count(), ResponsibilityItem.objects.count())
    demo.load(county)
    assert (Activity.objects.count(), LegalLiterate.objects.count(), ResponsibilityItem.objects.count()) == counts
    villages = county.descendants().filter(kind=Unit.Kind.VILLAGE)
    departments = Unit.objects.filter(kind=Unit.Kind.DEPARTMENT)
    market = Activity.objects.filter(unit__short_name="市场监管局")
    assert market.exists() and all("食品安全法" in a.law for a in market)
    assert set(Activity.objects.filter(unit__name="交通运输局").values_list("law", flat=True)) == {
        "《中华人民共和国道路交通安全法》"}

    held_2023 = Activity.objects.filter(year=2023, state="held")
    assert figure("pufa.activities", county, 2023).value == held_2023.count() > 40
    assert figure("pufa.audience", county, 2023).value == held_2023.aggregate(n=Sum("audience_count"))["n"]
    assert figure("pufa.literates", county, 2023).value == 2 * villages.count()
    assert figure("pufa.literates_per_village", county, 2023).value == 2
    coverage = figure("pufa.village_coverage_rate", county, 2023)
    assert (coverage.value, coverage.numerator, coverage.denominator) == (100, villages.count(), villages.count())
    published = figure("pufa.responsibility_published_rate", county, 2023)
    assert (published.value, published.denominator) == (100, departments.count())

    year = timezone.localdate().year
    if year > 2023:
        on_roster = LegalLiterate.objects.filter(state="active").count()
        assert figure("pufa.literates", county, year).value == on_roster
        assert figure("pufa.village_coverage_rate", county, year).value == 100
        assert ResponsibilityItem.objects.filter(year=year, state="draft").exists()


def test_a_village_without_a_legal_literate_lowers_the_coverage(county, township_clerk, village):
    new_literate(township_clerk, village)
    villages = county.descendants().filter(kind=Unit.Kind.VILLAGE).count()
    coverage = figure("pufa.village_coverage_rate", county, 2026)
    assert (coverage.numerator, coverage.denominator) == (1, villages)
    assert figure("pufa.literates", county, 2026).value == 1
    assert figure("pufa.literates", county, 2025).value == 0
