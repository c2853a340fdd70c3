"""Indicators of public legal services (spec §7, §19 PLS-1).

The 2023 report: "定期开展“一村一法律顾问”值班咨询活动，为群众解答法律问题千余次，18个村（社区）
法律顾问全覆盖" → legal_services.consultations (1000–1999), legal_services.villages_with_advisor
(18) and legal_services.advisor_coverage_rate (100%).
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType

from fazhi.core.models import Deadline, Unit
from fazhi.indicators.registry import Indicator, Result, Tally, UnitGroups, rate, register
from fazhi.streams.legal_services import rules
from fazhi.streams.legal_services.models import (
    AdvisorAppointment,
    CertificationItem,
    CommitmentCase,
    Consultation,
    DutyDay,
    Lecture,
    LegalAidApplication,
)
from fazhi.streams.legal_services.workflow import DECIDED, GRANTED


def _in(qs, units, name: str, period):
    return qs.filter(unit__in=units, **{f"{name}__gte": period.start, f"{name}__lte": period.end})


def _villages(units):
    """The villages and communities among ``units`` (PLS-1's denominator)."""
    ids = [u.pk for u in units]
    return Unit.objects.filter(pk__in=ids, kind=Unit.Kind.VILLAGE, is_active=True)


def _covered(units, period):
    villages = _villages(units)
    appointments = AdvisorAppointment.overlapping(period.start, period.end).filter(village__in=villages)
    return villages, appointments


# -- village legal advisers ----------------------------------------------------------------------

def consultations(units, period) -> Result:
    """Questions answered by village legal advisers ("为群众解答法律问题千余次")."""
    qs = _in(Consultation.objects.all(), units, "consulted_on", period)
    return Result.count(qs)


def consultations_on_site(units, period) -> Result:
    """Questions answered by village legal advisers on duty in the village (驻村值班咨询)."""
    return Result.count(_in(Consultation.objects.filter(channel=Consultation.Channel.ON_SITE), units, "consulted_on",
                            period))


def consultations_online(units, period) -> Result:
    """Questions asked on the portal and answered by village legal advisers (网上咨询)."""
    return Result.count(_in(Consultation.objects.filter(channel=Consultation.Channel.ONLINE), units, "consulted_on",
                            period))


def villages_with_advisor(units, period) -> Result:
    """Villages and communities with an adviser under contract in the period."""
    _villages_, appointments = _covered(units, period)
    return Result(value=Tally(appointments.values("village").distinct()), records=appointments)


def advisor_coverage_rate(units, period) -> Result:
    """PLS-1: villages with an adviser ÷ villages and communities."""
    villages, appointments = _covered(units, period)
    return Result.ratio(appointments.values("village").distinct(), villages, records=appointments)


def advisor_coverage_rate_by_unit(groups: UnitGroups, period) -> dict[int, Result]:
    """``advisor_coverage_rate`` of each unit: the government's villages and their advisers'
    appointments read once."""
    villages = groups.universe.filter(kind=Unit.Kind.VILLAGE, is_active=True)
    return groups.coverage(villages, AdvisorAppointment.overlapping(period.start, period.end)
                           .filter(village__in=villages).values_list("village_id", flat=True))


def duty_compliance_rate(units, period) -> Result:
    """Duty days held ÷ duty days scheduled in the period (spec §7.1)."""
    qs = _in(DutyDay.objects.all(), units, "duty_on", period).exclude(state="scheduled", duty_on__gt=period.end)
    return Result.ratio(qs.filter(state="held"), qs)


def duty_days_held(units, period) -> Result:
    qs = _in(DutyDay.objects.all(), units, "duty_on", period).filter(state="held")
    return Result.count(qs)


def consultation_referrals(units, period) -> Result:
    """Consultations referred to mediation, legal aid, litigation or another body."""
    qs = _in(Consultation.objects.all(), units, "consulted_on", period).exclude(
        disposition=Consultation.Disposition.ANSWERED)
    return Result.count(qs)


def lectures(units, period) -> Result:
    qs = _in(Lecture.objects.filter(state="held"), units, "held_on", period)
    return Result.count(qs)


def lecture_audience(units, period) -> Result:
    return Result.total(_in(Lecture.objects.filter(state="held"), units, "held_on", period), "audience")


# -- legal aid -----------------------------------------------------------------------------------

def legal_aid_applications(units, period) -> Result:
    qs = _in(LegalAidApplication.objects.all(), units, "applied_on", period)
    return Result.count(qs)


def legal_aid_cases(units, period) -> Result:
    """Applications granted (准予法律援助) in the period."""
    qs = _in(LegalAidApplication.objects.filter(state__in=GRANTED), units, "decided_on", period)
    return Result.count(qs)


def legal_aid_closed(units, period) -> Result:
    qs = _in(LegalAidApplication.objects.filter(state="closed"), units, "closed_on", period)
    return Result.count(qs)


def _met_in_time(qs, key: str) -> tuple[int, int]:
    ids = list(qs.values_list("pk", flat=True))

    ct = ContentType.objects.get_for_model(LegalAidApplication)
    met = Deadline.objects.filter(content_type=ct, object_id__in=ids, key=key, met_on__isnull=False)
    on_time = sum(1 for m, d in met.values_list("met_on", "due") if m <= d)
    return on_time, len(ids)


def legal_aid_timely_decision_rate(units, period) -> Result:
    """Decided within 7 days (supplement time excluded) ÷ decided in the period (法律援助法 第四十三条)."""
    qs = _in(LegalAidApplication.objects.filter(state__in=DECIDED), units, "decided_on", period)
    on_time, total = _met_in_time(qs, rules.DECIDE)
    return Result(value=rate(on_time, total), numerator=on_time, denominator=total, records=qs)


def legal_aid_timely_assignment_rate(units, period) -> Result:
    """Assigned within 3 days of the decision ÷ assigned in the period."""
    qs = _in(LegalAidApplication.objects.filter(state__in=("assigned", "closed")), units, "assigned_on", period)
    on_time, total = _met_in_time(qs, rules.ASSIGN)
    return Result(value=rate(on_time, total), numerator=on_time, denominator=total, records=qs)


# -- notification and commitment -----------------------------------------------------------------

def certification_items(units, period) -> Result:
    """Items on the 告知承诺 list at the end of the period."""
    qs = CertificationItem.objects.filter(unit__in=units, listed_on__lte=period.end).exclude(
        withdrawn_on__lte=period.end).exclude(state="withdrawn", withdrawn_on__isnull=True)
    return Result.count(qs)


def commitment_cases(units, period) -> Result:
    qs = _in(CommitmentCase.objects.all(), units, "committed_on", period)
    return Result.count(qs)


def certification_verifications(units, period) -> Result:
    """Verifications carried out (核查) in the period."""
    qs = _in(CommitmentCase.objects.exclude(state="pending"), units, "verified_on", period)
    return Result.count(qs)


def verification_completion_rate(units, period) -> Result:
    """Cases committed in the period that have been verified ÷ cases committed in the period."""
    qs = _in(CommitmentCase.objects.all(), units, "committed_on", period)
    return Result.ratio(qs.exclude(state="pending"), qs)


def false_commitment_rate(units, period) -> Result:
    """Commitments found false ÷ verifications carried out in the period."""
    qs = _in(CommitmentCase.objects.exclude(state="pending"), units, "verified_on", period)
    false = qs.filter(result=CommitmentCase.Result.FALSE)
    return Result.ratio(false, qs, records=false)


register(
    Indicator("legal_services.consultations", "村（社区）法律顾问解答法律咨询", "次", consultations),
    Indicator("legal_services.consultations_on_site", "驻村值班法律咨询", "次", consultations_on_site),
    Indicator("legal_services.consultations_online", "网上法律咨询", "次", consultations_online),
    # "为群众解答法律咨询…次": the advisers' two channels and the lawyers on duty at the petition
    # office (petitions' ledger), named by key (docs/ARCHITECTURE.md, composite indicators).
    Indicator.composite("legal_services.consultations_all_channels", "各渠道法律咨询（驻村值班、网上、律师坐班接访）",
                        parts=["legal_services.consultations_on_site", "legal_services.consultations_online",
                               "petitions.lawyer_receptions"], unit="次",
                        doc="驻村值班咨询、网上咨询按咨询日期，律师坐班接访按接访日期（按批次）计入期间，三者相加。"),
    Indicator("legal_services.villages_with_advisor", "配备法律顾问的村（社区）", "个", villages_with_advisor),
    Indicator("legal_services.advisor_coverage_rate", "村（社区）法律顾问覆盖率", "%", advisor_coverage_rate,
              precision=1, grouped=advisor_coverage_rate_by_unit),
    Indicator("legal_services.duty_days_held", "法律顾问值班天数", "天", duty_days_held),
    Indicator("legal_services.duty_compliance_rate", "法律顾问值班履职率", "%", duty_compliance_rate, precision=1),
    Indicator("legal_services.consultation_referrals", "咨询转调解、法律援助、诉讼等", "次", consultation_referrals),
    Indicator("legal_services.lectures", "村（社区）法治讲座", "次", lectures),
    Indicator("legal_services.lecture_audience", "法治讲座听众", "人", lecture_audience),
    Indicator("legal_services.legal_aid_applications", "法律援助申请", "件", legal_aid_applications),
    Indicator("legal_services.legal_aid_cases", "准予法律援助", "件", legal_aid_cases),
    Indicator("legal_services.legal_aid_closed", "法律援助结案", "件", legal_aid_closed),
    Indicator("legal_services.legal_aid_timely_decision_rate", "法律援助7日内作出决定率", "%",
              legal_aid_timely_decision_rate, precision=1),
    Indicator("legal_services.legal_aid_timely_assignment_rate", "法律援助3日内指派率", "%",
              legal_aid_timely_assignment_rate, precision=1),
    Indicator("legal_services.certification_items", "告知承诺证明事项", "项", certification_items),
    Indicator("legal_services.commitment_cases", "告知承诺办件", "件", commitment_cases),
    Indicator("legal_services.certification_verifications", "告知承诺核查", "件", certification_verifications),
    Indicator("legal_services.verification_completion_rate", "告知承诺核查完成率", "%", verification_completion_rate,
              precision=1),
    Indicator("legal_services.false_commitment_rate", "虚假承诺发现率", "%", false_commitment_rate, precision=1),
)
