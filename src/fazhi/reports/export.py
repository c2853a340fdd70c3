"""``fazhi report --format html|docx|pdf``: the unit's annual report of the year when there is
one (published: its frozen figures; draft: live), else a summary of every registered figure."""

from __future__ import annotations

import json

from django.core.management.base import CommandError
from django.utils import timezone

from fazhi.core.models import Unit
from fazhi.indicators.engine import by_stream, compute_all
from fazhi.indicators.registry import Period
from fazhi.reports import gip, gip_render, render
from fazhi.reports.models import AnnualReport, ReportSection

NUMERALS = "一二三四五六七八九十"


def _numeral(n: int) -> str:
    if n <= 10:
        return NUMERALS[n - 1]
    return ("十" if n < 20 else NUMERALS[n // 10 - 1] + "十") + (NUMERALS[n % 10 - 1] if n % 10 else "")


def summary(unit: Unit, year: int) -> tuple[AnnualReport, list[ReportSection], dict]:
    """An unsaved report listing every registered figure, grouped by stream."""
    figures = compute_all(unit, Period.year(year))
    report = AnnualReport(unit=unit, year=year, title=f"{unit.name}{year}年度法治政府建设主要指标",
                          signatory=unit.name, signed_on=timezone.localdate())
    sections = [ReportSection(report=report, order=0, level=0, unit=unit,
                              text=f"根据各单位台账记录，{unit.name}{year}年度法治政府建设主要指标如下"
                                   f"（共{len(figures)}项，每项数字均可在平台中展开为所依据的台账记录）：")]
    for i, (_stream, label, rows) in enumerate(by_stream(figures), start=1):
        text = "\n".join(f"{fig.indicator.label}：{{{{ {key} }}}}" + (
            f"（{fig.result.numerator}/{fig.result.denominator}）" if fig.result.denominator else "")
            + "。" for key, fig in rows)
        sections.append(ReportSection(report=report, order=i, heading=f"{_numeral(i)}、{label}", level=1,
                                      text=text, unit=unit))
    return report, sections, {k: f.as_json() for k, f in figures.items()}


def export(unit: Unit, year: int, fmt: str) -> bytes:
    report = AnnualReport.objects.filter(unit=unit, year=year, kind=AnnualReport.Kind.RULE_OF_LAW).first()
    sections = figures = None
    if report is None:
        report, sections, figures = summary(unit, year)
    if fmt == "html":
        return render.standalone_html(report, figures=figures, sections=sections).encode("utf-8")
    if fmt == "docx":
        return render.docx_bytes(report, figures=figures, sections=sections)
    if fmt == "pdf":
        try:
            return render.pdf_bytes(report, figures=figures, sections=sections)
        except render.MissingCJKFont as exc:  # the CLI prints it and exits non-zero; no file is written
            raise CommandError(str(exc)) from exc
    raise ValueError(fmt)


def export_disclosure(unit: Unit, year: int, fmt: str) -> bytes:
    """``fazhi report --kind disclosure``: the unit's 政府信息公开工作年度报告 (its report if there is
    one, else the figures with the outline's text) in the six-part national format."""


    data = gip.gip_json(unit, year)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
    try:
        return gip_render.export(data, fmt)
    except render.MissingCJKFont as exc:
        raise CommandError(str(exc)) from exc
