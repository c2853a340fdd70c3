"""Indicators of the 重大行政决策 stream (spec §5.5, §19 DEC-1, DEC-2).

"Decided in the period" means a decision in 已决策 / 执行中 / 已后评估 whose decision date
(the date of the collective discussion) falls in the period. The rates are of those decisions.
A unit's figures cover the decisions it leads (and its sub-units'); catalogue figures cover
the catalogues of the unit (and sub-units) and the items they lead.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from fazhi.indicators.registry import Indicator, Result, register
from fazhi.streams.decisions.models import CatalogueItem, Decision, DecisionCatalogue, DecisionProcedure
from fazhi.streams.decisions.workflow import (
    COLLECTIVE,
    DECIDED_STATES,
    EXPERT,
    LEGALITY,
    PARTICIPATION,
    RISK,
)


def _decided(units, period):
    return Decision.objects.filter(unit__in=units, state__in=DECIDED_STATES,
                                   decided_on__gte=period.start, decided_on__lte=period.end)


def _done(kind: str, **extra):
    return Exists(DecisionProcedure.objects.filter(decision=OuterRef("pk"), kind=kind, ended_on__isnull=False,
                                                   **extra))


def _reviewed_before_discussion():
    """A passed legality review with no collective discussion held before its opinion date."""
    earlier_meeting = DecisionProcedure.objects.filter(decision=OuterRef("decision"), kind=COLLECTIVE,
                                                       ended_on__lt=OuterRef("ended_on"))
    return Exists(DecisionProcedure.objects.filter(decision=OuterRef("pk"), kind=LEGALITY, ended_on__isnull=False,
                                                   conclusion="passed").exclude(Exists(earlier_meeting)))


def _items(units, period):
    return CatalogueItem.objects.filter(
        Q(unit__in=units) | Q(catalogue__unit__in=units), state="listed",
        year__gte=period.start.year, year__lte=period.end.year).distinct()


def in_catalogue(units, period) -> Result:
    """Decision matters listed (not removed) in the catalogues of the period's year(s)."""
    return Result.count(_items(units, period))


def decided(units, period) -> Result:
    return Result.count(_decided(units, period))


def _rate(units, period, condition) -> Result:
    base = _decided(units, period)
    hits = base.filter(condition)
    return Result.ratio(hits, base, records=hits)


def legality_review_rate(units, period) -> Result:
    """DEC-1: decisions reviewed (legal) before the collective discussion ÷ decisions made (target 100%)."""
    return _rate(units, period, _reviewed_before_discussion())


def collective_discussion_rate(units, period) -> Result:
    """Decisions decided at a collective discussion ÷ decisions made (target 100%)."""
    return _rate(units, period, _done(COLLECTIVE))


def public_participation_rate(units, period) -> Result:
    """Decisions whose draft was put out for public comment ÷ decisions made that required it
    (those exempted with a recorded reason are not in the denominator)."""
    base = _decided(units, period).filter(participation_required=True)
    hits = base.filter(_done(PARTICIPATION))
    return Result.ratio(hits, base, records=hits)


def procedure_compliance_rate(units, period) -> Result:
    """Decisions whose every triggered procedure is complete ÷ decisions made (spec §5.5)."""
    condition = (_reviewed_before_discussion() & _done(COLLECTIVE)
                 & (Q(participation_required=False) | _done(PARTICIPATION))
                 & (Q(expert_required=False) | _done(EXPERT))
                 & (Q(risk_required=False) | _done(RISK)))
    return _rate(units, period, condition)


def publication_rate(units, period) -> Result:
    """Decisions published ÷ decisions made that are not secret (spec §5.5)."""
    base = _decided(units, period).filter(secret=False)
    hits = base.filter(published_on__isnull=False)
    return Result.ratio(hits, base, records=hits)


def catalogue_completion_rate(units, period) -> Result:
    """DEC-2: catalogue items decided ÷ catalogue items due (planned completion in the period)."""
    due = CatalogueItem.objects.filter(Q(unit__in=units) | Q(catalogue__unit__in=units), state="listed",
                                       planned_completion__gte=period.start,
                                       planned_completion__lte=period.end).distinct()
    done = due.filter(Exists(Decision.objects.filter(catalogue_item=OuterRef("pk"), state__in=DECIDED_STATES,
                                                     decided_on__lte=period.end)))
    return Result.ratio(done, due, records=done)


def catalogue_published(units, period) -> Result:
    """Catalogues of the period's year(s) published to the public (1 per unit and year)."""
    qs = DecisionCatalogue.objects.filter(unit__in=units, year__gte=period.start.year, year__lte=period.end.year,
                                          state__in=("published", "archived"), published_on__isnull=False)
    return Result.count(qs)


def post_evaluations(units, period) -> Result:
    """Decisions with a post-evaluation completed in the period."""
    qs = Decision.objects.filter(unit__in=units, evaluations__completed_on__gte=period.start,
                                 evaluations__completed_on__lte=period.end).distinct()
    return Result.count(qs)


register(
    Indicator("decisions.in_catalogue", "纳入目录的重大行政决策事项数", "个", in_catalogue),
    Indicator("decisions.decided", "作出的重大行政决策数", "件", decided),
    Indicator("decisions.legality_review_rate", "重大行政决策合法性审查率", "%", legality_review_rate, precision=1),
    Indicator("decisions.public_participation_rate", "重大行政决策公众参与率", "%", public_participation_rate,
              precision=1),
    Indicator("decisions.collective_discussion_rate", "重大行政决策集体讨论决定率", "%", collective_discussion_rate,
              precision=1),
    Indicator("decisions.procedure_compliance_rate", "重大行政决策法定程序履行率", "%", procedure_compliance_rate,
              precision=1),
    Indicator("decisions.publication_rate", "重大行政决策公布率", "%", publication_rate, precision=1),
    Indicator("decisions.catalogue_completion_rate", "决策事项目录完成率", "%", catalogue_completion_rate,
              precision=1),
    Indicator("decisions.catalogue_published", "决策事项目录公布数", "个", catalogue_published),
    Indicator("decisions.post_evaluations", "完成决策后评估数", "件", post_evaluations),
)
