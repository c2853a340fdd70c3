"""Issue 17: the demo's previous and current year hold plausible work up to today, and nothing
is dated after today.

The demo is built relative to ``timezone.localdate()``; here it is built on a fixed day in the
middle of a year (DAY), so the current year is cut half way and the tests do not depend on when
they run. The seed year's figures are checked by tests/test_seed_figures.py."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command
from django.db import models

from fazhi.core.models import Unit
from fazhi.core.registry import streams
from fazhi.demo.layers import SEED_YEAR, week_shift
from fazhi.indicators.cockpit import headline_keys
from fazhi.indicators.engine import compute_figure
from fazhi.indicators.registry import Period

DAY = date(2026, 6, 15)
# Share of the figures with a target (the cockpit's headline) that have a value. Measured on the
# demo built on DAY: 9 of 10 this year (the first 双随机 batch of June is not yet published), 10 of
# 10 last year; on 4 December 10 of 10 both years.
MIN_SHARE = 80

# Dates that may lie after today: plans and limits, not facts.
PLAN_FIELDS = {"planned_on", "planned_completion", "period_end", "valid_until", "contract_end", "accept_until",
               "deadline", "due_on", "rectification_due", "required_by", "supplement_deadline"}
# States of a record announcing something to come: its date is the day it is set for.
AHEAD_STATES = {"planned", "scheduled", "consulting"}


@pytest.fixture(scope="module")
def demo_mid_year(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), time_machine.travel(f"{DAY:%Y-%m-%d} 10:00 +0800"):
        call_command("fazhi_demo")
    yield
    with django_db_blocker.unblock():
        call_command("flush", "--noinput", verbosity=0)


def _county() -> Unit:
    return Unit.objects.get(code="430771")


def _yearly_models(key: str) -> list[type[models.Model]]:
    return [m for m in apps.get_app_config(key).get_models() if any(f.name == "year" for f in m._meta.concrete_fields)]


def _fact_dates(model: type[models.Model]) -> list[models.DateField]:
    """Date and date-time fields of facts (not the row's own bookkeeping, not a plan or a limit)."""
    return [f for f in model._meta.concrete_fields if isinstance(f, models.DateField)
            and not (f.auto_now or f.auto_now_add) and f.name not in PLAN_FIELDS]


def _day(f: models.Field) -> str:
    return f"{f.name}__date" if isinstance(f, models.DateTimeField) else f.name


@pytest.mark.django_db
def test_every_stream_has_work_of_the_current_year_dated_by_today(demo_mid_year):
    missing = []
    for manifest in streams():
        found = False
        for model in _yearly_models(manifest.key):
            dates = _fact_dates(model)
            if not dates:
                continue
            rows = model.objects.filter(year=DAY.year)
            for f in dates:  # dated this year, on or before today, by any of its facts
                if rows.filter(**{f"{_day(f)}__gte": date(DAY.year, 1, 1), f"{_day(f)}__lte": DAY}).exists():
                    found = True
                    break
            if found:
                break
        if not found:
            missing.append(manifest.key)
    assert missing == []


@pytest.mark.django_db
def test_no_record_is_dated_after_today(demo_mid_year):
    late = []
    for manifest in streams():
        for model in apps.get_app_config(manifest.key).get_models():
            has_state = any(f.name == "state" for f in model._meta.concrete_fields)
            if any(f.name == "year" for f in model._meta.concrete_fields) and \
                    model.objects.filter(year__gt=DAY.year).exists():
                late.append(f"{model.__name__}.year")
            for f in _fact_dates(model):
                rows = model.objects.filter(**{f"{_day(f)}__gt": DAY})
                if has_state:
                    rows = rows.exclude(state__in=AHEAD_STATES)
                if model.__name__ == "DecisionProcedure":  # a comment period still open ends ahead
                    rows = rows.exclude(decision__state__in=AHEAD_STATES)
                late += [f"{model.__name__}.{f.name} {getattr(r, f.attname)}" for r in rows[:3]]
    assert late == []


@pytest.mark.django_db
def test_the_figures_with_targets_have_values_this_year_and_last(demo_mid_year):
    county = _county()
    keys = headline_keys()
    for year in (DAY.year, DAY.year - 1):
        empty = [k for k in keys if compute_figure(k, county, Period.year(year)).result.value in (None, 0)]
        assert (len(keys) - len(empty)) * 100 >= MIN_SHARE * len(keys), (year, empty)


@pytest.mark.django_db
def test_the_current_year_follows_the_part_of_the_year_elapsed(demo_mid_year):
    """Half a year in, a county has done about half a year's work: the 人民调解 cases accepted so
    far this year are those the seed year had accepted by the same week, and the ones accepted in
    the last weeks are still open with their term running."""
    case = apps.get_model("mediation", "MediationCase")
    seed = case.objects.filter(year=SEED_YEAR, accepted_on__lte=DAY - week_shift(DAY.year)).count()
    this_year = case.objects.filter(year=DAY.year, accepted_on__lte=DAY)
    assert 0.9 * seed <= this_year.count() <= 1.1 * seed + 10
    assert this_year.filter(state="mediating").exists()
    assert not this_year.filter(concluded_on__gt=DAY).exists()


@pytest.mark.django_db
def test_a_department_decides_only_its_own_matters(demo_mid_year):
    """市场监管局 does not fine road transport nor 自然资源局 license food businesses (issue 17)."""
    decision = apps.get_model("enforcement", "Decision")
    market = decision.objects.filter(unit__short_name="市场监管局")
    land = decision.objects.filter(unit__short_name="自然资源局")
    assert market.exists() and land.exists()
    assert not market.filter(matter__contains="运输").exists()
    assert not land.filter(matter__contains="食品").exists()
    assert set(land.values_list("matter", flat=True)) <= {
        "违法占用耕地建设", "未经批准非法占用集体土地建房", "未取得采矿许可证擅自采砂", "建设项目用地预审与选址意见书核发",
        "乡村建设规划许可", "查封违法采砂设备", "责令停止违法占地施工", "土地卫片执法检查", "矿产资源开发秩序检查",
        "行政确认", "行政奖励"}

