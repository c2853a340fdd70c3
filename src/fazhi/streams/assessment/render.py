"""The results of a scheme as JSON (``fazhi assess``), an Excel ranking and a GB/T 9704 .docx 通报.

The .docx is built with the annual report's GB/T 9704 helpers (reports/render.py: A4, 22 lines × 28
characters, 仿宋_GB2312 三号 body, "— 1 —" page numbers); the title is 方正小标宋 二号."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from fazhi.core.excel import Column
from fazhi.core.models import Unit
from fazhi.reports.render import (
    FONT_BODY,
    FONT_HEI,
    FONT_TITLE,
    _fonts,
    gbt9704_bytes,
    gbt9704_paragraph,
    new_document,
)
from fazhi.streams.assessment.models import UNIT_KINDS, AssessmentScheme, ScoreSheet


def _n(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(round(value, 4))


def sheets_of(scheme: AssessmentScheme, unit: Unit | None = None):
    qs = scheme.sheets.select_related("unit").prefetch_related("scores__item")
    if unit is not None:
        qs = qs.filter(unit=unit)
    order = {k: i for i, k in enumerate(UNIT_KINDS)}
    return sorted(qs, key=lambda s: (order.get(s.unit.kind, 9), s.rank or 0, s.unit.code))


def sheet_json(sheet: ScoreSheet) -> dict:
    return {
        "unit": {"code": sheet.unit.code, "name": sheet.unit.name},
        "score": _n(sheet.score), "max": _n(sheet.max_score), "rank": sheet.rank,
        "items": [{"key": s.item.key, "label": s.item.label, "mark": s.item.mark, "score": _n(s.points),
                   "max": _n(s.item.max_points), "auto": s.auto, "value": _n(s.value), "evidence": s.evidence}
                  for s in sheet.scores.all()],
    }


def scheme_json(scheme: AssessmentScheme, unit: Unit | None = None) -> dict:
    return {"year": scheme.year, "scheme": scheme.name, "units": [sheet_json(s) for s in sheets_of(scheme, unit)]}


def by_kind(scheme: AssessmentScheme) -> list[tuple[str, list[ScoreSheet]]]:
    groups: dict[str, list[ScoreSheet]] = {}
    for sheet in sheets_of(scheme):
        groups.setdefault(sheet.unit.kind, []).append(sheet)
    return [(UNIT_KINDS[k], groups[k]) for k in UNIT_KINDS if k in groups]


def lost_points(sheet: ScoreSheet) -> str:
    """Where the unit lost points, one clause per item ("依申请公开按期答复率：66.7%，低于100% …")."""
    return "；".join(s.reason for s in sheet.scores.all()
                    if s.points is not None and (s.points < 0 or (s.item.method != "deduction"
                                                                 and s.points < s.item.max_points)))


RANKING_COLUMNS = [
    Column("单位类型", lambda s: UNIT_KINDS.get(s.unit.kind, s.unit.kind), 14),
    Column("排名", lambda s: s.rank, 8),
    Column("单位代码", lambda s: s.unit.code, 16),
    Column("单位名称", lambda s: s.unit.name, 30),
    Column("得分", lambda s: _n(s.score), 10),
    Column("满分", lambda s: _n(s.max_score), 10),
    Column("一票否决", lambda s: "是" if s.vetoed else "否", 10),
    Column("失分说明", lost_points, 80),
]



def mark_label(item) -> str:
    """"[C] 专题研究法治建设工作": the item with its spec mark, as the outputs print it."""
    return f"[{item.mark}] {item.label}"


def _points_of(item_pk: int):
    def points(sheet: ScoreSheet):
        row = next((s for s in sheet.scores.all() if s.item_id == item_pk), None)
        return None if row is None else _n(row.points)
    return points


def ranking_columns(scheme: AssessmentScheme) -> list[Column]:
    """The ranking, then one column of points per item headed by its mark and label."""
    return RANKING_COLUMNS + [Column(mark_label(item), _points_of(item.pk), 14) for item in scheme.items.all()]


BANDS = [(Decimal(90), "90分以上"), (Decimal(80), "80–89.99分"), (Decimal(70), "70–79.99分"),
         (Decimal(60), "60–69.99分"), (Decimal(0), "60分以下")]


def distribution(sheets: list[ScoreSheet]) -> list[tuple[str, int]]:
    """How many units fall in each band of the score as a percentage of their maximum."""
    counts = dict.fromkeys(label for _, label in BANDS)
    for label in counts:
        counts[label] = 0
    for sheet in sheets:
        pct = sheet.score * 100 / sheet.max_score if sheet.max_score else Decimal(0)
        counts[next(label for low, label in BANDS if pct >= low)] += 1
    return list(counts.items())


def _items_table(doc, scheme: AssessmentScheme, paragraph, fonts, head_font: str, body_font: str) -> None:
    """附：考核指标及依据类别 — each item with its points and the spec mark ([C]/[U]/[D])."""
    paragraph(f"{'一二三四五六'[len(by_kind(scheme))]}、考核指标及依据类别", font=head_font)
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("考核内容", "分值", "依据类别"), strict=True):
        fonts(cell.paragraphs[0].add_run(text), head_font, 14)
    for item in scheme.items.all():
        cells = table.add_row().cells
        for cell, text in zip(cells, (item.label, f"{_n(item.max_points)}", item.get_mark_display()), strict=True):
            fonts(cell.paragraphs[0].add_run(text), body_font, 12)


def docx_bytes(scheme: AssessmentScheme) -> bytes:
    """关于…年度法治建设考核结果的通报 (GB/T 9704 page and fonts), one ranking table per unit kind."""


    doc = new_document(title=f"关于{scheme.year}年度法治建设考核结果的通报", author=scheme.issuer or scheme.unit.name)

    def paragraph(text: str = "", align=None, indent: bool = True,
                  font: str = FONT_BODY, size: float = 16, line: float = 28.95):
        p = gbt9704_paragraph(doc, align, indent, line)
        if text:
            _fonts(p.add_run(text), font, size)
        return p

    paragraph(f"关于{scheme.year}年度法治建设考核结果的通报", WD_ALIGN_PARAGRAPH.CENTER, False, FONT_TITLE, 22, 35)
    paragraph(indent=False)
    paragraph("各部门、各乡镇（街道）：", indent=False)
    groups = by_kind(scheme)
    count = sum(len(s) for _, s in groups)
    paragraph(f"根据《{scheme.name}》，依法治区办依据各单位{scheme.year}年度台账记录和评审意见，"
              f"对{count}个单位进行了考核评分，经申辩复核和审定，现将考核结果通报如下。")
    for number, (label, sheets) in enumerate(groups, start=1):
        paragraph(f"{'一二三四五'[number - 1]}、{label}考核结果", font=FONT_HEI)
        table = doc.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ("排名", "单位", "得分", "满分"), strict=True):
            _fonts(cell.paragraphs[0].add_run(text), FONT_HEI, 14)
        for sheet in sheets:
            cells = table.add_row().cells
            rank = f"{sheet.rank}" + ("（一票否决）" if sheet.vetoed else "")
            for cell, text in zip(cells, (rank, sheet.unit.name, f"{_n(sheet.score)}", f"{_n(sheet.max_score)}"),
                                  strict=True):
                _fonts(cell.paragraphs[0].add_run(text), FONT_BODY, 14)
    paragraph("请各单位对照失分项目认真整改，整改情况纳入下一年度考核。")
    _items_table(doc, scheme, paragraph, _fonts, FONT_HEI, FONT_BODY)
    paragraph(indent=False)
    sign = paragraph(scheme.issuer, WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    sign.paragraph_format.right_indent = Pt(4 * 16)
    day = timezone.localtime(scheme.updated_at).date()
    when = paragraph(f"{day.year}年{day.month}月{day.day}日", WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    when.paragraph_format.right_indent = Pt(4 * 16)
    return gbt9704_bytes(doc)
