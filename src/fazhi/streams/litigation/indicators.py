"""Indicators of the litigation stream (spec §10.5, §10.6, §19 LIT-1, LIT-2, REC-1).

Counting unit of the litigation ledger: one case number = one case in one instance (审级).
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from fazhi.core.deadlines import compute_due
from fazhi.core.models import Deadline
from fazhi.indicators.registry import Indicator, Result, UnitGroups, rate, register
from fazhi.streams.litigation import rules
from fazhi.streams.litigation.models import (
    CORRECTION_DECISIONS,
    SETTLED_OUTCOMES,
    DecisionType,
    Hearing,
    LitigationCase,
    Outcome,
    Reconsideration,
)


def _cases(units, period):
    """Cases received in the period: the complaint copy was served on the unit in it."""
    return LitigationCase.objects.filter(unit__in=units, served_on__gte=period.start, served_on__lte=period.end)


def cases(units, period) -> Result:
    """行政应诉案件数 ("本年度区内行政应诉案共5件"): cases served in the period."""
    return Result.count(_cases(units, period))


def _held_hearings(units, period):
    return Hearing.objects.filter(unit__in=units, state="held", hearing_date__gte=period.start,
                                  hearing_date__lte=period.end, case__isnull=False)


def _instances(units, period) -> tuple[set[int], set[int], set[int]]:
    """Case-instances with ≥1 hearing held in the period; those in which a qualified head
    attended (LIT-1); those in which the principal head (正职) attended."""
    return _instances_of(_held_hearings(units, period))


def _instances_of(hearings) -> tuple[set[int], set[int], set[int]]:
    by_case: dict[int, list[Hearing]] = defaultdict(list)
    for hearing in hearings:
        by_case[hearing.case_id].append(hearing)
    qualified, principal = set(), set()
    for case_id, hearings in by_case.items():
        # 第七条: one attendance per instance suffices, unless the court notified the head to
        # appear again and the head did not.
        missed_again = any(h.court_notice == Hearing.Notice.NOTIFIED_AGAIN and not h.qualified_head for h in hearings)
        if missed_again:
            continue
        if any(h.qualified_head for h in hearings):
            qualified.add(case_id)
        if any(h.qualified_head and h.head_position == Hearing.Position.PRINCIPAL for h in hearings):
            principal.add(case_id)
    return set(by_case), qualified, principal


def head_appearance_rate(units, period) -> Result:
    """LIT-1 负责人出庭应诉率 = case-instances in which a head (正职、副职或其他分管负责人, 第二条,
    with accepted identity proof, 第六条) attended ≥1 hearing ÷ case-instances with ≥1 hearing held
    in the period (第一条、第七条). Instances decided without a hearing are not counted."""
    heard, qualified, _ = _instances(units, period)
    return Result(value=rate(len(qualified), len(heard)), numerator=len(qualified), denominator=len(heard),
                  records=LitigationCase.objects.filter(pk__in=heard))


def head_appearance_rate_by_unit(groups: UnitGroups, period) -> dict[int, Result]:
    """``head_appearance_rate`` of each unit: the government's hearings read once."""
    hearings = groups.collect((h.unit_id, h) for h in _held_hearings(groups.universe, period).order_by())
    results = {}
    for unit, mine in hearings.items():
        heard, qualified, _ = _instances_of(mine)
        results[unit] = Result(value=rate(len(qualified), len(heard)), numerator=len(qualified),
                               denominator=len(heard), record_count=len(heard))
    return results


def head_appearance_rate_by_hearing(units, period) -> Result:
    """Variant (spec §10.5, convention [U]): hearings attended by a qualified head ÷ hearings held."""
    hearings = list(_held_hearings(units, period))
    attended = sum(1 for h in hearings if h.qualified_head)
    return Result(value=rate(attended, len(hearings)), numerator=attended, denominator=len(hearings),
                  records=Hearing.objects.filter(pk__in=[h.pk for h in hearings]))


def principal_appearance_rate(units, period) -> Result:
    """Variant (spec §10.5): case-instances in which the principal head (正职) attended ÷ case-instances heard."""
    heard, _, principal = _instances(units, period)
    return Result(value=rate(len(principal), len(heard)), numerator=len(principal), denominator=len(heard),
                  records=LitigationCase.objects.filter(pk__in=heard))


def _concluded(units, period):
    return LitigationCase.objects.filter(
        unit__in=units, judgment_date__gte=period.start, judgment_date__lte=period.end).exclude(outcome="")


def loss_rate(units, period) -> Result:
    """LIT-2 败诉率 = case-instances lost ÷ case-instances concluded (judgment, ruling, withdrawal or
    mediation dated in the period). Lost: revoked, declared illegal or void, performance ordered,
    changed, compensation, reversed on appeal, or the agency's own appeal dismissed."""
    concluded = list(_concluded(units, period))
    lost = [c.pk for c in concluded if c.lost]
    return Result(value=rate(len(lost), len(concluded)), numerator=len(lost), denominator=len(concluded),
                  records=LitigationCase.objects.filter(pk__in=[c.pk for c in concluded]))


def loss_rate_by_unit(groups: UnitGroups, period) -> dict[int, Result]:
    """``loss_rate`` of each unit: the government's concluded cases read once."""
    cases = groups.collect((c.unit_id, c) for c in _concluded(groups.universe, period).order_by())
    results = {}
    for unit, concluded in cases.items():
        lost = sum(1 for c in concluded if c.lost)
        results[unit] = Result(value=rate(lost, len(concluded)), numerator=lost, denominator=len(concluded),
                               record_count=len(concluded))
    return results


def _answer_dues(case_ids: list[int]) -> dict[int, object]:
    ct = ContentType.objects.get_for_model(LitigationCase)
    return dict(Deadline.objects.filter(content_type=ct, object_id__in=case_ids, key=rules.ANSWER.key)
                .values_list("object_id", "due"))


def answers_on_time_rate(units, period) -> Result:
    """按期答辩率 = answers and evidence filed within 15 days of service (行政诉讼法 第六十七条) ÷ cases
    served in the period whose answer fell due: answered ones, and unanswered ones already past
    due. Cases withdrawn or mediated before the answer fell due, and those not yet due, are left out."""
    today = timezone.localdate()
    qs = list(_cases(units, period))
    dues = _answer_dues([c.pk for c in qs])
    counted, on_time = [], 0
    for case in qs:
        due = dues.get(case.pk) or compute_due(rules.ANSWER.rule, case.served_on, rules.ANSWER.days).due
        if case.answer_submitted_on:
            counted.append(case.pk)
            on_time += case.answer_submitted_on <= due
        elif case.outcome in SETTLED_OUTCOMES and case.judgment_date and case.judgment_date <= due:
            continue
        elif due < today:
            counted.append(case.pk)
    return Result(value=rate(on_time, len(counted)), numerator=on_time, denominator=len(counted),
                  records=LitigationCase.objects.filter(pk__in=counted))


def reconsideration_cases(units, period) -> Result:
    """行政复议案件数: applications against the unit received by the reconsideration body in the period."""
    return Result.count(Reconsideration.objects.filter(unit__in=units, received_on__gte=period.start,
                                                       received_on__lte=period.end))


def reconsideration_correction_rate(units, period) -> Result:
    """REC-1 复议纠错率 = decisions revoking, changing, declaring illegal (or void) or ordering
    performance ÷ decisions made in the period (all decision types, incl. 终止 and 调解)."""
    decided = Reconsideration.objects.filter(unit__in=units, decided_on__gte=period.start,
                                             decided_on__lte=period.end).exclude(decision_type="")
    return Result.ratio(decided.filter(decision_type__in=CORRECTION_DECISIONS), decided)


def reconsiderations_mediated(units, period) -> Result:
    """行政复议调解结案数: reconsiderations decided in the period by mediation (决定类型“调解”)."""
    return Result.count(Reconsideration.objects.filter(unit__in=units, decided_on__gte=period.start,
                                                       decided_on__lte=period.end,
                                                       decision_type=DecisionType.MEDIATION))


def cases_mediated(units, period) -> Result:
    """行政诉讼调解结案数: case-instances concluded in the period by a mediation statement (调解结案)."""
    return Result.count(LitigationCase.objects.filter(unit__in=units, judgment_date__gte=period.start,
                                                      judgment_date__lte=period.end, outcome=Outcome.MEDIATED))


register(
    Indicator("litigation.cases", "行政应诉案件数", "件", cases),
    Indicator("litigation.head_appearance_rate", "行政机关负责人出庭应诉率", "%", head_appearance_rate, precision=1,
              grouped=head_appearance_rate_by_unit),
    Indicator("litigation.head_appearance_rate_by_hearing", "行政机关负责人出庭应诉率（按庭次）", "%",
              head_appearance_rate_by_hearing, precision=1),
    Indicator("litigation.principal_appearance_rate", "正职负责人出庭应诉率", "%", principal_appearance_rate,
              precision=1),
    Indicator("litigation.loss_rate", "行政诉讼败诉率", "%", loss_rate, precision=1, grouped=loss_rate_by_unit),
    # Unanswered cases count once their 15-day answer period has passed: settled 60 days on.
    Indicator("litigation.answers_on_time_rate", "按期答辩率", "%", answers_on_time_rate, precision=1,
              settles_after=60),
    Indicator("litigation.reconsideration_cases", "行政复议案件数", "件", reconsideration_cases),
    Indicator("litigation.reconsideration_correction_rate", "行政复议纠错率", "%", reconsideration_correction_rate,
              precision=1),
    Indicator("litigation.reconsiderations_mediated", "行政复议调解结案数", "件", reconsiderations_mediated),
    Indicator("litigation.cases_mediated", "行政诉讼调解结案数", "件", cases_mediated),
    # "全年办理行政复议、行政应诉案件共515件": both ledgers of this stream.
    Indicator.composite("litigation.reconsiderations_and_cases", "行政复议和行政应诉案件数",
                        parts=["litigation.reconsideration_cases", "litigation.cases"],
                        doc="复议申请按收到日期、应诉案件按送达日期计入期间，两者相加。"),
)
