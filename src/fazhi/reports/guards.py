"""What a report needs before it may be published (issue 17), as pure checks over its sections.

``publish_gaps(report)`` lists every gap at once, so the coordinator reads in one message what is
still missing: the statutory parts with nothing under them (第二十五条), the units asked for a
contribution that neither submitted nor were released, the placeholders that name no registered
indicator, and the 保密审查 (第二十四条: published unless it involves Party or state secrets).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from fazhi.reports import gip
from fazhi.reports.models import AnnualReport, ReportSection, SecrecyReview, StatutoryPart
from fazhi.reports.placeholders import FILTERS, PLACEHOLDER

ANY_PLACEHOLDER = re.compile(r"\{\{.*?\}\}")
MARKUP = re.compile(r"<[^>]*>|&nbsp;|&#160;")
BLANK = re.compile(r"[\s\u3000\u00a0\u200b]+")

# The outline every new report starts with: (part, heading; {prev}/{next} are the years), level 1.
STATUTORY_OUTLINE: list[tuple[str, str]] = [
    (StatutoryPart.MEASURES, "一、{prev}年度推进法治政府建设的主要举措和成效"),
    (StatutoryPart.SHORTCOMINGS, "二、存在的不足和原因"),
    (StatutoryPart.FIRST_DUTY, "三、党政主要负责人履行推进法治建设第一责任人职责情况"),
    (StatutoryPart.NEXT_YEAR, "四、{next}年度推进法治政府建设的主要安排"),
    (StatutoryPart.OTHER, "五、其他需要报告的情况"),
]
# How a level-1 heading written by hand is recognised as a statutory part.
PART_PHRASES = {
    StatutoryPart.MEASURES: "主要举措和成效", StatutoryPart.SHORTCOMINGS: "存在的不足和原因",
    StatutoryPart.FIRST_DUTY: "第一责任人职责", StatutoryPart.NEXT_YEAR: "年度推进法治政府建设的主要安排",
    StatutoryPart.OTHER: "其他需要报告的情况",
}


def statutory_outline(year: int) -> list[dict]:
    return [{"heading": heading.format(prev=year, next=year + 1), "level": 1, "statutory": part}
            for part, heading in STATUTORY_OUTLINE]


def part_of(heading: str, level: int) -> str:
    """The statutory part a level-1 heading names ("" for any other heading)."""
    if level != ReportSection.Level.FIRST:
        return ""
    return next((part for part, phrase in PART_PHRASES.items() if phrase in (heading or "")), "")


# A new report's prompt for a part still to be written ("（待填写：…）") is not text.
TO_BE_WRITTEN = re.compile(r"（待填写[^）]*）")


def has_text(text: str) -> bool:
    """Whether ``text`` says anything once markup, (full-width) whitespace and the 待填写
    prompts a new report starts with are stripped."""
    return bool(BLANK.sub("", TO_BE_WRITTEN.sub("", MARKUP.sub("", text or ""))))


def _depth(section: ReportSection) -> int:
    return section.level or 99  # untitled body text sits under the heading before it


def _under(sections: Sequence[ReportSection], i: int) -> list[ReportSection]:
    """Section ``i`` and everything below it up to the next heading of its level or higher."""
    out = [sections[i]]
    for s in sections[i + 1:]:
        if s.level and s.level <= sections[i].level:
            break
        out.append(s)
    return out


def empty_statutory(sections: Sequence[ReportSection]) -> list[ReportSection]:
    return [s for i, s in enumerate(sections)
            if s.statutory and not any(has_text(x.text) for x in _under(sections, i))]


def is_container(sections: Sequence[ReportSection], i: int) -> bool:
    """A heading without text of its own whose content is asked for in the sections below it."""
    s = sections[i]
    return (bool(s.level) and not has_text(s.text) and i + 1 < len(sections)
            and _depth(sections[i + 1]) > s.level)


def pending_contributions(report: AnnualReport, sections: Sequence[ReportSection]) -> list[ReportSection]:
    """Sections another unit was asked to write that it has neither submitted nor been released from."""
    return [s for i, s in enumerate(sections)
            if s.unit_id != report.unit_id and not is_container(sections, i)
            and s.submitted_at is None and s.released_at is None]


def unresolved_placeholders(texts: Sequence[str], registry: dict) -> list[str]:
    """Every ``{{ … }}`` that does not name a registered indicator (with a known filter)."""
    bad = []
    for text in texts:
        for m in ANY_PLACEHOLDER.finditer(text or ""):
            ok = PLACEHOLDER.fullmatch(m.group(0))
            if not ok or ok.group(1) not in registry or (ok.group(2) and ok.group(2) not in FILTERS):
                bad.append(m.group(0))
    return list(dict.fromkeys(bad))


def valid_secrecy_review(report: AnnualReport) -> SecrecyReview | None:
    """The latest 保密审查 recorded since the report was (last) approved."""
    reviews = report.secrecy_reviews.order_by("-recorded_at", "-pk")
    if report.approved_at is not None:
        reviews = reviews.filter(recorded_at__gte=report.approved_at)
    return reviews.first()


def _label(section: ReportSection) -> str:
    return section.heading or "（正文）"


def publish_gaps(report: AnnualReport, registry: dict, *, table_three: dict | None = None) -> list[str]:
    """One Chinese phrase per kind of gap; empty when the report may be published. ``table_three``: a
    政府信息公开 report's table 三 when the caller has built it already (gip.part_three)."""
    sections = list(report.sections.select_related("unit").order_by("order"))
    gaps = []
    empty = empty_statutory(sections)
    if empty:
        gaps.append("以下法定部分尚无内容：" + "、".join(_label(s) for s in empty))
    pending = pending_contributions(report, sections)
    if pending:
        by_unit: dict[str, list[str]] = {}
        for s in pending:
            by_unit.setdefault(s.unit.short_name or s.unit.name, []).append(_label(s))
        gaps.append("以下单位尚未报送：" + "、".join(f"{u}（{'、'.join(h)}）" for u, h in by_unit.items()))
    texts = [report.title] + [t for s in sections for t in (s.heading, s.text)]
    unresolved = unresolved_placeholders(texts, registry)
    if unresolved:
        gaps.append("以下占位符没有对应的已登记指标：" + "、".join(unresolved))
    gaps += gip.balance_gaps(report, table_three)
    review = valid_secrecy_review(report)
    if review is None:
        gaps.append("尚未记录保密审查（审查人、日期、结论）")
    elif not review.passed:
        gaps.append(f"保密审查未通过（{review.reviewed_on:%Y-%m-%d}，意见：{review.opinion or '无'}）")
    return gaps
