"""Indicators of the 依申请公开 stream (spec §4.5, §19 GIP-1, GIP-2, GIP-4) and table 三 of the
GIP annual report (收到和处理政府信息公开申请情况, spec §21.6).

A request belongs to the period it was received in (一), or is carried in from before (二);
it is handled (三) in the period of its 办结日期 (the reply date, or the day it was deemed
withdrawn); what is still open at the period's end is carried forward (四). So
一 + 二 = 三 + 四 holds by construction, per applicant column (GIP-4).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet

from fazhi.core.models import Deadline
from fazhi.indicators.registry import Indicator, Period, Result, register
from fazhi.streams.disclosure import rules
from fazhi.streams.disclosure.models import ApplicantType, DisclosureRequest, ReplyReason, ReplyType
from fazhi.streams.disclosure.workflow import REPLIED_STATES

ROW_LABELS = {
    "public": "（一）予以公开",
    "partial": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "refused": "（三）不予公开",
    "no_info": "（四）无法提供",
    "not_processed": "（五）不予处理",
    "other": "（六）其他处理",
}


def row_of(reply_type: str) -> str:
    """The table 三 row a reply type is counted in (spec §21.6 mapping; [U] rows are settings)."""
    return {
        ReplyType.PUBLIC: "public",
        ReplyType.ALREADY_PUBLIC: rules.already_public_row(),
        ReplyType.PARTIAL: "partial",
        ReplyType.REFUSED: "refused",
        ReplyType.NO_INFO: "no_info",
        ReplyType.NOT_PROCESSED: "not_processed",
        ReplyType.SPECIAL_CHANNEL: rules.special_channel_row(),
    }.get(reply_type, "other")


def types_in_row(row: str) -> list[str]:
    found = [t for t in ReplyType.values if row_of(t) == row]
    return [*found, ""] if row == "other" else found  # a conclusion without a type is "other"


# -- the four populations of table 三 -----------------------------------------------------------

def _requests(units) -> QuerySet[DisclosureRequest]:
    return DisclosureRequest.objects.filter(unit__in=units)


def _open_at(day) -> Q:
    return Q(closed_on__isnull=True) | Q(closed_on__gt=day)


def received_in(units, period: Period) -> QuerySet[DisclosureRequest]:
    """一、本年新收: received (条例 第三十一条 receipt date) in the period."""
    return _requests(units).filter(received_on__gte=period.start, received_on__lte=period.end)


def carried_in(units, period: Period) -> QuerySet[DisclosureRequest]:
    """二、上年结转: received before the period and still open when it began."""
    return _requests(units).filter(received_on__lt=period.start).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gte=period.start))


def handled_in(units, period: Period) -> QuerySet[DisclosureRequest]:
    """三、本年度办理结果: concluded (replied or deemed withdrawn) in the period."""
    return _requests(units).filter(closed_on__gte=period.start, closed_on__lte=period.end)


def carried_forward(units, period: Period) -> QuerySet[DisclosureRequest]:
    """四、结转下年度继续办理: received by the period's end and not concluded by then."""
    return _requests(units).filter(received_on__lte=period.end).filter(_open_at(period.end))


def _reply_deadline(**conditions) -> QuerySet[Deadline]:
    ct = ContentType.objects.get_for_model(DisclosureRequest)
    return Deadline.objects.filter(content_type=ct, object_id=OuterRef("pk"), key=rules.REPLY.key, **conditions)


def replied_in(units, period: Period) -> QuerySet[DisclosureRequest]:
    return handled_in(units, period).filter(state__in=REPLIED_STATES)


def due_in(units, period: Period) -> QuerySet[DisclosureRequest]:
    """Requests due in the period (GIP-1 denominator): those replied in it, plus those still
    unanswered at its end whose reply period had run out. Requests not yet due at the end are
    carried over and do not count; requests deemed withdrawn (no supplement, 条例 第三十条)
    do not meet the legal conditions for a reply and do not count either."""
    overdue = (carried_forward(units, period).exclude(state="deemed_withdrawn")
               .filter(Exists(_reply_deadline(due__lte=period.end))))
    replied = replied_in(units, period)
    return _requests(units).filter(Q(pk__in=replied.values("pk")) | Q(pk__in=overdue.values("pk")))


# -- indicators ------------------------------------------------------------------------------

def requests(units, period: Period) -> Result:
    return Result.count(received_in(units, period))


def carried_in_count(units, period: Period) -> Result:
    return Result.count(carried_in(units, period))


def handled(units, period: Period) -> Result:
    return Result.count(handled_in(units, period))


def carried_over(units, period: Period) -> Result:
    return Result.count(carried_forward(units, period))


def _row_indicator(row: str):
    def compute(units, period: Period) -> Result:
        return Result.count(handled_in(units, period).filter(reply_type__in=types_in_row(row)))

    compute.__doc__ = f"Table 三 row {ROW_LABELS[row]}: requests concluded in the period with that result."
    return compute


def reply_rate(units, period: Period) -> Result:
    """GIP-1 答复率 = requests replied in the period ÷ requests due in the period (spec §4.5)."""
    return Result.ratio(replied_in(units, period), due_in(units, period))


def on_time_rate(units, period: Period) -> Result:
    """GIP-2 按期答复率 = replies by their due date (20 wd, + the one extension, without the
    third-party consultation) ÷ replies in the period."""
    replied = replied_in(units, period)
    on_time = replied.filter(Exists(_reply_deadline(met_on__isnull=False, due__gte=F("met_on"))))
    return Result.ratio(on_time, replied)


def correction_rate(units, period: Period) -> Result:
    """Requests replied in the period whose handling was corrected in reconsideration or
    litigation ÷ those challenged with a decided outcome (spec §4.5)."""
    decided = replied_in(units, period).filter(Q(reconsideration=True) | Q(litigation=True)).filter(
        challenge_outcome__in=("upheld", "corrected", "other"))
    return Result.ratio(decided.filter(challenge_outcome="corrected"), decided)


register(
    Indicator("disclosure.requests", "本年新收政府信息公开申请数量", "件", requests),
    Indicator("disclosure.carried_in", "上年结转政府信息公开申请数量", "件", carried_in_count),
    Indicator("disclosure.handled", "本年度办理政府信息公开申请总计", "件", handled),
    Indicator("disclosure.replied_public", "办理结果：予以公开", "件", _row_indicator("public")),
    Indicator("disclosure.replied_partial", "办理结果：部分公开", "件", _row_indicator("partial")),
    Indicator("disclosure.replied_refused", "办理结果：不予公开", "件", _row_indicator("refused")),
    Indicator("disclosure.replied_no_info", "办理结果：无法提供", "件", _row_indicator("no_info")),
    Indicator("disclosure.replied_not_processed", "办理结果：不予处理", "件", _row_indicator("not_processed")),
    Indicator("disclosure.replied_other", "办理结果：其他处理", "件", _row_indicator("other")),
    Indicator("disclosure.carried_over", "结转下年度继续办理", "件", carried_over),
    Indicator("disclosure.reply_rate", "依申请公开答复率", "%", reply_rate, precision=1),
    Indicator("disclosure.on_time_rate", "依申请公开按期答复率", "%", on_time_rate, precision=1),
    Indicator("disclosure.correction_rate", "依申请公开复议诉讼纠错率", "%", correction_rate, precision=1),
)


# -- table 三 of the annual GIP report ------------------------------------------------------------

COLUMNS = list(ApplicantType.choices)
SUB_ROWS = {
    "refused": [r for r in ReplyReason if r.value.startswith("refused_")],
    "no_info": [r for r in ReplyReason if r.value.startswith("no_info_")],
    "not_processed": [r for r in ReplyReason if r.value.startswith("not_processed_")],
    "other": [r for r in ReplyReason if r.value.startswith("other_")],
}


@dataclass
class TableRow:
    key: str
    label: str
    level: int = 0  # 0 heading row, 1 result row, 2 sub-reason row
    counts: dict[str, int] = field(default_factory=dict)  # applicant type -> requests
    heading: bool = False  # a heading without figures ("三、本年度办理结果")

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def cells(self) -> list[int]:
        return [self.counts.get(value, 0) for value, _ in COLUMNS]


def _by_applicant(qs: QuerySet) -> dict[str, int]:
    return {row["applicant_type"]: row["n"] for row in qs.values("applicant_type").annotate(n=Count("id"))}


@dataclass
class TableThree:
    rows: list[TableRow]

    def row(self, key: str) -> TableRow:
        return next(r for r in self.rows if r.key == key)

    def balance_problems(self) -> list[str]:
        """GIP-4: 一 + 二 = 三 + 四 for each applicant column and the total; the problems, if any."""
        new, old, done, rest = (self.row(k) for k in ("new", "carried_in", "handled", "carried_forward"))
        problems = []
        for (_value, label), a, b, c, d in zip(COLUMNS, new.cells, old.cells, done.cells, rest.cells, strict=True):
            if a + b != c + d:
                problems.append(f"{label}：新收{a}+上年结转{b}≠办理{c}+结转下年度{d}")
        return problems

    @property
    def balanced(self) -> bool:
        return not self.balance_problems()


def table_three(units, period: Period) -> TableThree:
    """Table 三 of the GIP annual report (2019/2021 format, rows 一 to 四), per applicant column."""
    handled_qs = handled_in(units, period)
    rows = [
        TableRow("new", "一、本年新收政府信息公开申请数量", 0, _by_applicant(received_in(units, period))),
        TableRow("carried_in", "二、上年结转政府信息公开申请数量", 0, _by_applicant(carried_in(units, period))),
        TableRow("results", "三、本年度办理结果", 0, heading=True),
    ]
    for row, label in ROW_LABELS.items():
        in_row = handled_qs.filter(reply_type__in=types_in_row(row))
        rows.append(TableRow(row, label, 1, _by_applicant(in_row)))
        for i, reason in enumerate(SUB_ROWS.get(row, []), start=1):
            rows.append(TableRow(reason.value, f"{i}．{reason.label.split('—', 1)[1]}", 2,
                                 _by_applicant(in_row.filter(reply_reason=reason.value))))
    rows.append(TableRow("handled", "（七）总计", 1, _by_applicant(handled_qs)))
    rows.append(TableRow("carried_forward", "四、结转下年度继续办理", 0,
                         _by_applicant(carried_forward(units, period))))
    return TableThree(rows)


def part_three(units, year: int) -> dict:
    """Part 三 of the GIP annual report for the reports layer (``StreamManifest.gip_report``): the
    national columns and rows of table 三 over ``units`` in ``year``, with the GIP-4 balance check."""
    table = table_three(units, Period.year(year))
    return {
        "columns": [{"key": value, "label": label.split("—")[-1], "group": label.split("—")[0] if "—" in label else ""}
                    for value, label in COLUMNS] + [{"key": "total", "label": "总计", "group": ""}],
        "rows": [{"key": r.key, "label": r.label, "level": r.level, "heading": r.heading,
                  "cells": {**dict(zip([v for v, _ in COLUMNS], r.cells, strict=True)), "total": r.total}}
                 for r in table.rows],
    }


# -- table 四 of the annual GIP report: reconsideration and litigation about disclosure ------------------

CHALLENGE_ROUTES = {
    "reconsideration": "行政复议",
    "litigation_direct": "行政诉讼（未经复议直接起诉）",
    "litigation_after": "行政诉讼（复议后起诉）",
}
CHALLENGE_COLUMNS = {"upheld": "结果维持", "corrected": "结果纠正", "other": "其他结果", "pending": "尚未审结",
                     "total": "总计"}


def challenged(units, period: Period, route: str) -> QuerySet[DisclosureRequest]:
    """Requests concluded in the period that the applicant took to reconsideration or court.
    ``challenge_outcome`` records the final outcome; for a suit after reconsideration the
    reconsideration is counted as 结果维持 (had it corrected the reply, nothing would be left to sue on)."""
    qs = handled_in(units, period)
    return {
        "reconsideration": qs.filter(reconsideration=True),
        "litigation_direct": qs.filter(litigation=True, reconsideration=False),
        "litigation_after": qs.filter(litigation=True, reconsideration=True),
    }[route]


def _challenge_indicator(route: str, column: str):
    def compute(units, period: Period) -> Result:
        qs = challenged(units, period, route)
        if column == "total":
            return Result.count(qs)
        if route == "reconsideration":
            after = Q(litigation=True)
            if column == "upheld":
                return Result.count(qs.filter(after | Q(challenge_outcome="upheld")))
            qs = qs.exclude(after)
        if column == "pending":
            return Result.count(qs.filter(challenge_outcome__in=("pending", "")))
        return Result.count(qs.filter(challenge_outcome=column))

    compute.__doc__ = (f"Table 四 {CHALLENGE_ROUTES[route]}·{CHALLENGE_COLUMNS[column]}: requests concluded in "
                       "the period and challenged this way, by the recorded outcome.")
    return compute


register(*(
    Indicator(f"disclosure.{route}_{column}", f"政府信息公开{label}{CHALLENGE_COLUMNS[column]}", "件",
              _challenge_indicator(route, column))
    for route, label in CHALLENGE_ROUTES.items() for column in CHALLENGE_COLUMNS
))
