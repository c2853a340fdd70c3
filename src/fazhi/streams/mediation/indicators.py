"""Indicators of people's mediation (spec §14.5, §19 MED-1).

Cases count in the period in which they were accepted (受理日期): the disputes mediated in a
year are those the committees took up that year, and the settled ones are the part of them
that ended in an agreement — so the success rate's numerator is always within its denominator.
Disputes a party refused (不予调解, 人民调解法 第十七条) were never mediated and do not count.
"""

from __future__ import annotations

from django.db.models import QuerySet

from fazhi.indicators.registry import Indicator, Result, register
from fazhi.streams.mediation.models import MediationCase, MediatorTraining

C = MediationCase


def _mediated(units, period) -> QuerySet[MediationCase]:
    return (C.objects.filter(unit__in=units, accepted_on__gte=period.start, accepted_on__lte=period.end)
            .exclude(state="declined"))


def _settled(units, period) -> QuerySet[MediationCase]:
    return _mediated(units, period).filter(result=C.Result.SUCCESS)


def _concluded(units, period) -> QuerySet[MediationCase]:
    return C.objects.filter(unit__in=units, concluded_on__gte=period.start, concluded_on__lte=period.end,
                            result__in=C.Result.values)


def cases(units, period) -> Result:
    """Disputes mediated: cases accepted in the period ("全年共调处837件")."""
    return Result.count(_mediated(units, period))


def settled(units, period) -> Result:
    """Disputes settled (调解成功) among those accepted in the period ("调成831件")."""
    return Result.count(_settled(units, period))


def success_rate(units, period) -> Result:
    """MED-1 调解成功率 = settled ÷ mediated (831 ÷ 837 = 99.3%)."""
    return Result.ratio(_settled(units, period), _mediated(units, period))


def trainings(units, period) -> Result:
    """Mediator training sessions held in the period."""
    return Result.count(MediatorTraining.objects.filter(unit__in=units, state="held", held_on__gte=period.start,
                                                        held_on__lte=period.end))


def overdue_cases(units, period) -> Result:
    """Cases concluded in the period later than the mediation term ("一般在一个月内调结")."""
    return Result.count(_concluded(units, period).filter(over_term=True))


def within_term_rate(units, period) -> Result:
    """Cases concluded within the term ÷ cases concluded in the period (spec §14.5)."""
    concluded = _concluded(units, period)
    return Result.ratio(concluded.filter(over_term=False), concluded)


def agreement_performance_rate(units, period) -> Result:
    """Agreements fully performed ÷ agreements whose performance was checked at the follow-up visit,
    among the cases settled from the period's intake. Partly performed agreements are not performed;
    agreements not yet visited are not in the denominator."""
    checked = _settled(units, period).exclude(performance="")
    return Result.ratio(checked.filter(performance=C.Performance.PERFORMED), checked)


def judicial_confirmations(units, period) -> Result:
    """Agreements for which the parties applied for judicial confirmation in the period."""
    return Result.count(C.objects.filter(unit__in=units, confirmation_applied_on__gte=period.start,
                                         confirmation_applied_on__lte=period.end))


register(
    Indicator("mediation.cases", "调处矛盾纠纷件数", "件", cases),
    # "各类调解组织共调处矛盾纠纷…件": people's mediation plus the mediations the litigation
    # ledgers hold (行政复议调解, 行政诉讼调解); no ledger holds 诉前调解 yet.
    Indicator.composite("mediation.all_mediated", "各类调解纠纷件数（人民调解、行政复议调解、行政诉讼调解）",
                        parts=["mediation.cases", "litigation.reconsiderations_mediated", "litigation.cases_mediated"],
                        doc="人民调解按受理日期、复议调解和诉讼调解按结案日期计入期间，三者相加。"),
    Indicator("mediation.settled", "调解成功件数", "件", settled),
    Indicator("mediation.success_rate", "调解成功率", "%", success_rate, precision=1),
    Indicator("mediation.trainings", "人民调解员培训次数", "次", trainings),
    Indicator("mediation.overdue_cases", "超期调结件数", "件", overdue_cases),
    Indicator("mediation.within_term_rate", "按期调结率（一个月内调结）", "%", within_term_rate, precision=1),
    Indicator("mediation.agreement_performance_rate", "调解协议履行率", "%", agreement_performance_rate,
              precision=1),
    Indicator("mediation.judicial_confirmations", "申请司法确认件数", "件", judicial_confirmations),
)
