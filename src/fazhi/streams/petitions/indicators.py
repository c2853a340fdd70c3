"""Indicators of the petition stream (spec §15.5, catalogue §19 PET-1..PET-6).

Petitions count in the period by their registration date (registered, PET-1, PET-4) or by
the date of the written reply that concluded them (PET-2, PET-3, PET-5); reception figures
by the reception date.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from fazhi.indicators.registry import Indicator, Result, Tally, UnitGroups, rate, register
from fazhi.streams.petitions import rules
from fazhi.streams.petitions.models import Petition, Reception
from fazhi.streams.petitions.workflow import CONCLUDED


def _registered(units, period):
    return Petition.objects.filter(unit__in=units, registered_on__gte=period.start, registered_on__lte=period.end)


def _concluded(units, period):
    """Matters concluded (written reply given) in the period."""
    return Petition.objects.filter(unit__in=units, state__in=CONCLUDED, replied_on__isnull=False,
                                   replied_on__gte=period.start, replied_on__lte=period.end)


def _ids(records) -> list[int]:
    return [p.pk for p in records]


def _memo(fn):
    """``fn`` remembered for the length of one computation (many petitions share a start day)."""
    seen: dict = {}

    def call(*args):
        if args not in seen:
            seen[args] = fn(*args)
        return seen[args]

    return call


def registered(units, period) -> Result:
    """信访件登记数: petitions registered in the period."""
    return Result.count(_registered(units, period))


def timely_acceptance_rate(units, period, today: date | None = None) -> Result:
    """PET-1 及时受理率 = matters routed/assigned or told of acceptance within 15 days of
    registration (信访工作条例 第二十二条、第二十三条) ÷ matters registered. A matter still within
    its 15 days and not yet disposed is not counted yet."""
    today = today or timezone.localdate()
    base, timely = [], []
    due_of = _memo(rules.due)
    rows = _registered(units, period).values_list("pk", "registered_on", "routed_on", "acceptance_on")
    for pk, registered_on, routed_on, acceptance_on in rows:
        due = due_of(rules.DISPOSE, registered_on)
        done = min(d for d in (routed_on, acceptance_on) if d) if routed_on or acceptance_on else None  # first_disposal
        if done is None and due >= today:
            continue
        base.append(pk)
        if done is not None and done <= due:
            timely.append(pk)
    qs = Petition.objects.filter(pk__in=base)
    return Result(value=rate(len(timely), len(base)), numerator=len(timely), denominator=len(base), records=qs)


def _closing(units, period):
    return _concluded(units, period).filter(acceptance_on__isnull=False)


def _on_time(concluded, due_of) -> int:
    """How many of the (pk, acceptance_on, replied_on, extension_approved_on) rows were closed in time."""
    return sum(1 for _pk, acceptance_on, replied_on, extended in concluded  # extended: Petition.extension_days
               if replied_on <= due_of(rules.HANDLE, acceptance_on, rules.EXTENSION_DAYS if extended else 0))


def on_time_closing_rate(units, period) -> Result:
    """PET-2 按期办结率 = matters concluded within 60 days of acceptance (+30 on an approved
    extension, 信访工作条例 第三十四条) ÷ matters concluded in the period."""
    concluded = list(_closing(units, period).values_list("pk", "acceptance_on", "replied_on", "extension_approved_on"))
    on_time = _on_time(concluded, _memo(rules.due))
    qs = Petition.objects.filter(pk__in=[row[0] for row in concluded])
    return Result(value=rate(on_time, len(concluded)), numerator=on_time, denominator=len(concluded), records=qs)


def on_time_closing_rate_by_unit(groups: UnitGroups, period) -> dict[int, Result]:
    """``on_time_closing_rate`` of each unit: the government's concluded matters read once."""
    rows = _closing(groups.universe, period).order_by().values_list(  # counted: no order needed
        "unit_id", "pk", "acceptance_on", "replied_on", "extension_approved_on")
    matters = groups.collect((row[0], row[1:]) for row in rows)
    due_of = _memo(rules.due)
    results = {}
    for unit, concluded in matters.items():
        on_time = _on_time(concluded, due_of)
        results[unit] = Result(value=rate(on_time, len(concluded)), numerator=on_time, denominator=len(concluded),
                               record_count=len(concluded))
    return results


def evaluation_rate(units, period) -> Result:
    """PET-3 参评率 = matters evaluated by the petitioner ÷ matters concluded."""
    qs = _concluded(units, period)
    return Result.ratio(qs.exclude(satisfaction=Petition.Satisfaction.NONE), qs)


def satisfaction_rate(units, period) -> Result:
    """PET-3 满意率 = "满意" (plus "基本满意" when FAZHI_PETITIONS_COUNT_BASIC_SATISFIED) ÷ matters evaluated."""
    qs = _concluded(units, period).exclude(satisfaction=Petition.Satisfaction.NONE)
    good = [Petition.Satisfaction.SATISFIED]
    if rules.counts_basic_satisfied():
        good.append(Petition.Satisfaction.BASIC)
    return Result.ratio(qs.filter(satisfaction__in=good), qs)


def leader_case_resolution_rate(units, period) -> Result:
    """PET-4 包案化解率 = leader-packaged cases resolved ÷ leader-packaged cases registered in the period."""
    qs = _registered(units, period).filter(leader_case=True)
    return Result.ratio(qs.filter(leader_resolved=True), qs)


def repeats_within(p: Petition, days: int):
    """Later petitions on the same matter by the same petitioner registered within ``days``
    of the last written answer: linked by 原登记编号, or same ID number and same 反映问题."""
    start = p.last_reply
    same = Q(earlier_reg_no=p.reg_no)
    if p.petitioner_id_number:
        same |= Q(petitioner_id_number=p.petitioner_id_number, subject=p.subject)
    return (Petition.objects.filter(same).exclude(pk=p.pk)
            .filter(registered_on__gt=start, registered_on__lte=start + timedelta(days=days)))


def _later_petitions(concluded) -> dict[object, list[tuple[int, date]]]:
    """Every petition that may repeat one of ``concluded``, fetched in one query and indexed
    the way ``repeats_within`` matches: by 原登记编号 (earlier_reg_no) and by (ID number, 反映问题)."""
    fields = ("pk", "earlier_reg_no", "petitioner_id_number", "subject", "registered_on")
    # Two queries, each on its own index: an OR of the two IN subqueries scans the whole table.
    # "> ''" (never false for a match: 登记编号 is never empty) lets the planner see that few
    # petitions carry an earlier number, and read them from the index instead of the table.
    by_reg_no = (Petition.objects.filter(earlier_reg_no__gt="", earlier_reg_no__in=concluded.values("reg_no"))
                 .values_list(*fields))
    by_person = Petition.objects.filter(
        petitioner_id_number__in=concluded.exclude(petitioner_id_number="").values("petitioner_id_number"),
    ).values_list(*fields)
    index: dict[object, list[tuple[int, date]]] = {}
    rows = {row[0]: row for row in [*by_reg_no, *by_person]}.values()
    for pk, earlier, id_number, subject, registered_on in rows:
        if earlier:
            index.setdefault(earlier, []).append((pk, registered_on))
        if id_number:
            index.setdefault((id_number, subject), []).append((pk, registered_on))
    return index


def _repeated(p: Petition, days: int, index: dict[object, list[tuple[int, date]]]) -> bool:
    """``repeats_within(p, days).exists()``, answered from ``_later_petitions``."""
    start = p.last_reply
    end = start + timedelta(days=days)
    candidates = index.get(p.reg_no, [])
    if p.petitioner_id_number:
        candidates = candidates + index.get((p.petitioner_id_number, p.subject), [])
    return any(pk != p.pk and start < registered_on <= end for pk, registered_on in candidates)


def cessation_rate(units, period, today: date | None = None) -> Result:
    """PET-5 息诉罢访率 = matters concluded with no repeat petition within N days (setting
    FAZHI_PETITIONS_CESSATION_DAYS, default 180) of the last written answer ÷ matters
    concluded (spec §15.5 [D]). A matter whose window is still running and has no repeat
    yet is not counted until the window ends."""
    today = today or timezone.localdate()
    days = rules.cessation_days()
    base, ceased = [], []
    concluded = list(_concluded(units, period).only("pk", "reg_no", "petitioner_id_number", "subject", "replied_on",
                                                    "review_answered_on", "re_exam_answered_on"))
    later = _later_petitions(_concluded(units, period))
    for p in concluded:
        repeated = _repeated(p, days, later)
        if not repeated and p.last_reply + timedelta(days=days) >= today:
            continue
        base.append(p)
        if not repeated:
            ceased.append(p)
    qs = Petition.objects.filter(pk__in=_ids(base))
    return Result(value=rate(len(ceased), len(base)), numerator=len(ceased), denominator=len(base), records=qs)


def _receptions(units, period):
    return Reception.objects.filter(unit__in=units, received_on__gte=period.start, received_on__lte=period.end)


def reception_batches(units, period) -> Result:
    """接访批次: batches received by leaders and lawyers ("区领导、律师坐班接访约访202批次")."""
    return Result.total(_receptions(units, period), "batches")


def lawyer_receptions(units, period) -> Result:
    """律师坐班接访批次: batches received by lawyers on duty (the petition office's legal consultations)."""
    return Result.total(_receptions(units, period).filter(kind=Reception.Kind.LAWYER), "batches")


def resolved_on_site(units, period) -> Result:
    """现场解决件数 ("现场解决159件")."""
    return Result.total(_receptions(units, period), "resolved_on_site")


def on_site_rate(units, period) -> Result:
    """PET-6 现场解决率 = solved at reception ÷ reception batches (West Dongting 159 ÷ 202 = 78.7%)."""
    qs = _receptions(units, period)
    return Result.ratio(Tally(qs, "resolved_on_site"), Tally(qs, "batches"), records=qs)


register(
    Indicator("petitions.registered", "信访件登记数", "件", registered),
    # Figures that depend on today until their windows have run out: a snapshot of a closed
    # year waits for them (15 working days to dispose; the cessation window after the last
    # answer, which 复查/复核 may bring up to ~180 days after the period's end).
    Indicator("petitions.timely_acceptance_rate", "及时受理率", "%", timely_acceptance_rate, precision=1,
              settles_after=60),
    Indicator("petitions.on_time_closing_rate", "按期办结率", "%", on_time_closing_rate, precision=1,
              grouped=on_time_closing_rate_by_unit),
    Indicator("petitions.evaluation_rate", "参评率", "%", evaluation_rate, precision=1),
    Indicator("petitions.satisfaction_rate", "参评群众满意率", "%", satisfaction_rate, precision=1),
    Indicator("petitions.leader_case_resolution_rate", "包案化解率", "%", leader_case_resolution_rate,
              precision=1, target=Decimal(85)),
    Indicator("petitions.cessation_rate", "息诉罢访率", "%", cessation_rate, precision=1,
              settles_after=lambda: rules.cessation_days() + 180),
    Indicator("petitions.reception_batches", "领导、律师接访批次", "批次", reception_batches),
    Indicator("petitions.lawyer_receptions", "律师坐班接访批次", "批次", lawyer_receptions),
    Indicator("petitions.resolved_on_site", "接访现场解决件数", "件", resolved_on_site),
    Indicator("petitions.on_site_rate", "现场解决率", "%", on_site_rate, precision=1),
)
