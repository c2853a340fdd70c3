"""Indicators of the enforcement stream (spec §6.5, §11.5, §12.3, §13.3, §19 ENF-1, SUP-1, TEAM-1).

Seed keys (West Dongting 2023): enforcement.file_reviews (1), enforcement.joint_file_reviews (2),
enforcement.exam_passed (34), enforcement.certified_officers (91).
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, F, OuterRef, Q, Sum

from fazhi.core.models import Deadline
from fazhi.indicators.registry import Indicator, Period, Result, UnitGroups, rate, register
from fazhi.streams.enforcement import rules
from fazhi.streams.enforcement.models import (
    Benchmark,
    Campaign,
    Decision,
    ExamResult,
    FileReview,
    Grade,
    LicenceItem,
    Officer,
    TrainingRecord,
    expiring,
    valid_on,
)

HELD_CAMPAIGN_STATES = ("reviewing", "issued", "closed")
SCORED_STATES = ("scored", "rectifying", "rectified")


# -- review campaigns and score sheets (spec §11.5) ---------------------------------------------

def _campaigns(units, period: Period, kind: str):
    return Campaign.objects.filter(unit__in=units, kind=kind, state__in=HELD_CAMPAIGN_STATES,
                                   held_on__gte=period.start, held_on__lte=period.end)


def file_reviews(units, period: Period) -> Result:
    """案卷评查活动 organised by the county itself ("全年组织开展行政执法案卷评查1次")."""
    return Result.count(_campaigns(units, period, Campaign.Kind.OWN))


def joint_file_reviews(units, period: Period) -> Result:
    """市区联合评查 ("市区专项领域联合评查2次")."""
    return Result.count(_campaigns(units, period, Campaign.Kind.JOINT))


def _scored(units, period: Period):
    """Score sheets completed in campaigns held in the period, for files of the given units."""
    return FileReview.objects.filter(
        reviewed_unit__in=units, state__in=SCORED_STATES, campaign__state__in=HELD_CAMPAIGN_STATES,
        campaign__held_on__gte=period.start, campaign__held_on__lte=period.end)


def files_reviewed(units, period: Period) -> Result:
    return Result.count(_scored(units, period))


def file_pass_rate(units, period: Period) -> Result:
    """SUP-1 案卷合格率 = (优秀 + 合格) ÷ files evaluated."""
    qs = _scored(units, period)
    return Result.ratio(qs.filter(grade__in=(Grade.EXCELLENT, Grade.ACCEPTABLE)), qs)


def file_excellent_rate(units, period: Period) -> Result:
    qs = _scored(units, period)
    return Result.ratio(qs.filter(grade=Grade.EXCELLENT), qs)


def file_average_score(units, period: Period) -> Result:
    qs = _scored(units, period)
    total = qs.count()
    points = qs.aggregate(s=Sum("total"))["s"] or Decimal(0)
    value = Decimal(points) / total if total else None  # rounded once, where it is shown
    return Result(value=value, denominator=total, records=qs)


def rectification_rate(units, period: Period) -> Result:
    """Issues rectified ÷ issues found (files sent for rectification) in the period's campaigns."""
    qs = _scored(units, period).filter(rectification_due__isnull=False)
    return Result.ratio(qs.filter(state="rectified"), qs)


# -- officers, exams, training (spec §12.3) ------------------------------------------------------

def _valid_officers(units, day):
    return Officer.objects.filter(unit__in=units).filter(valid_on(day))


def certified_officers(units, period: Period) -> Result:
    """Officers holding a valid certificate on the period's last day ("全区现持有行政执法证件91人")."""
    return Result.count(_valid_officers(units, period.end))


def expiring_certificates(units, period: Period) -> Result:
    """Certificates valid at the period's end that expire within the following 90 days (alert)."""
    qs = _valid_officers(units, period.end).filter(valid_until__lte=expiring(period.end))
    return Result.count(qs)


def _exams(units, period: Period):
    return ExamResult.objects.filter(unit__in=units, exam_date__gte=period.start, exam_date__lte=period.end)


def exam_passed(units, period: Period) -> Result:
    """Candidates who passed the 行政执法资格考试 in the period ("参考…并通过34人")."""
    return Result.count(_exams(units, period).filter(passed=True))


def exam_pass_rate(units, period: Period) -> Result:
    qs = _exams(units, period)
    return Result.ratio(qs.filter(passed=True), qs)


def _trainings(units, period: Period):
    return TrainingRecord.objects.filter(officer__in=_valid_officers(units, period.end),
                                         held_on__gte=period.start, held_on__lte=period.end)


def _hours_by_officer(units, period: Period) -> dict[int, Decimal]:
    rows = _trainings(units, period).values("officer_id").annotate(h=Sum("hours"))
    return {row["officer_id"]: row["h"] for row in rows}


def training_hours_per_officer(units, period: Period) -> Result:
    """Training hours in the period of the officers certified at its end ÷ those officers."""
    officers = _valid_officers(units, period.end)
    total = officers.count()
    hours = Decimal(_trainings(units, period).aggregate(h=Sum("hours"))["h"] or 0)  # the sum of the per-officer sums
    value = hours / total if total else None  # rounded once, where it is shown
    return Result(value=value, numerator=int(hours), denominator=total, records=officers)


def training_compliance_rate(units, period: Period) -> Result:
    """Officers meeting the required annual hours (default 60 学时) ÷ certified officers."""
    officers = _valid_officers(units, period.end)
    required = rules.training_hours_required()
    met = sum(1 for h in _hours_by_officer(units, period).values() if h >= required)
    total = officers.count()
    return Result(value=rate(met, total), numerator=met, denominator=total, records=officers)


def training_compliance_rate_by_unit(groups: UnitGroups, period: Period) -> dict[int, Result]:
    """``training_compliance_rate`` of each unit: the government's certified officers and their
    hours read once."""
    required = rules.training_hours_required()
    hours = _hours_by_officer(groups.universe, period)
    officers = groups.collect(_valid_officers(groups.universe, period.end).order_by().values_list("unit_id", "pk"))
    results = {}
    for unit, ids in officers.items():
        met = sum(1 for pk in ids if pk in hours and hours[pk] >= required)
        results[unit] = Result(value=rate(met, len(ids)), numerator=met, denominator=len(ids), record_count=len(ids))
    return results


# -- decisions (spec §6.5, ENF-1) ------------------------------------------------------------------

def _disclosure_deadline(**conditions):
    ct = ContentType.objects.get_for_model(Decision)
    return Deadline.objects.filter(content_type=ct, object_id=OuterRef("pk"), key=rules.DISCLOSURE_KEY,
                                   **conditions)


def decisions(units, period: Period) -> Result:
    return Result.count(Decision.objects.filter(unit__in=units, decided_on__gte=period.start,
                                                decided_on__lte=period.end))


def _decisions_of(decision_type: str):
    def compute(units, period: Period) -> Result:
        return Result.count(Decision.objects.filter(unit__in=units, decided_on__gte=period.start,
                                                    decided_on__lte=period.end, decision_type=decision_type))

    compute.__doc__ = (f"Enforcement decisions of type {decision_type} made in the period (GIP annual report "
                       "table 二, 本年处理决定数量).")
    return compute


def due_for_disclosure(units, period: Period):
    """Decisions of the period that were published, or whose disclosure period ran out by its end."""
    qs = Decision.objects.filter(unit__in=units, decided_on__gte=period.start, decided_on__lte=period.end)
    return qs.filter(Q(disclosed_on__isnull=False, state__in=("published", "withdrawn"))
                     | Exists(_disclosure_deadline(due__lte=period.end)))


def disclosure_timely_rate(units, period: Period) -> Result:
    """ENF-1 执法决定公示及时率 = decisions published within 7 / 20 working days ÷ decisions due."""
    due = due_for_disclosure(units, period)
    timely = due.filter(Exists(_disclosure_deadline(met_on__isnull=False, due__gte=F("met_on"))))
    return Result.ratio(timely, due)


def withdrawn_decisions(units, period: Period) -> Result:
    return Result.count(Decision.objects.filter(unit__in=units, state="withdrawn", withdrawn_on__gte=period.start,
                                                withdrawn_on__lte=period.end))


# -- licence list and benchmarks (spec §13.3) ----------------------------------------------------

def _published_at(model, units, day):
    return model.objects.filter(unit__in=units, published_on__lte=day).filter(
        Q(repealed_on__isnull=True) | Q(repealed_on__gt=day))


def licence_items(units, period: Period) -> Result:
    """行政许可事项 in force (published, not repealed) at the period's end."""
    return Result.count(_published_at(LicenceItem, units, period.end))


def benchmarks(units, period: Period) -> Result:
    return Result.count(_published_at(Benchmark, units, period.end))


register(
    Indicator("enforcement.file_reviews", "组织开展行政执法案卷评查", "次", file_reviews),
    Indicator("enforcement.joint_file_reviews", "市区专项领域联合评查", "次", joint_file_reviews),
    Indicator("enforcement.files_reviewed", "评查案卷数", "件", files_reviewed),
    Indicator("enforcement.file_pass_rate", "案卷合格率", "%", file_pass_rate, precision=1),
    Indicator("enforcement.file_excellent_rate", "案卷优秀率", "%", file_excellent_rate, precision=1),
    Indicator("enforcement.file_average_score", "案卷评查平均分", "分", file_average_score, precision=1),
    Indicator("enforcement.rectification_rate", "评查问题整改率", "%", rectification_rate, precision=1),
    Indicator("enforcement.certified_officers", "持有行政执法证件人数", "人", certified_officers),
    Indicator("enforcement.expiring_certificates", "90日内到期的执法证件", "个", expiring_certificates),
    Indicator("enforcement.exam_passed", "参加行政执法资格考试并通过", "人", exam_passed),
    Indicator("enforcement.exam_pass_rate", "行政执法资格考试通过率", "%", exam_pass_rate, precision=1),
    Indicator("enforcement.training_hours_per_officer", "执法人员人均培训学时", "学时", training_hours_per_officer,
              precision=1),
    Indicator("enforcement.training_compliance_rate", "执法人员培训学时达标率", "%", training_compliance_rate,
              precision=1, grouped=training_compliance_rate_by_unit),
    Indicator("enforcement.decisions", "行政执法决定数", "件", decisions),
    Indicator("enforcement.licence_decisions", "行政许可决定数", "件", _decisions_of("licence")),
    Indicator("enforcement.penalty_decisions", "行政处罚决定数", "件", _decisions_of("penalty")),
    Indicator("enforcement.coercion_decisions", "行政强制决定数", "件", _decisions_of("coercion")),
    Indicator("enforcement.disclosure_timely_rate", "执法决定公示及时率", "%", disclosure_timely_rate, precision=1),
    Indicator("enforcement.withdrawn_decisions", "撤回公示的执法决定", "件", withdrawn_decisions),
    Indicator("enforcement.licence_items", "行政许可事项清单事项数", "个", licence_items),
    Indicator("enforcement.benchmarks", "公布的行政裁量权基准条目", "条", benchmarks),
)
