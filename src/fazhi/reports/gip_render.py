"""The 政府信息公开工作年度报告 as a document: HTML (also the PDF's source) and .docx, from
``gip.gip_json`` — the text parts as GB/T 9704 paragraphs, parts 二、三、四 as the national tables."""

from __future__ import annotations

import html
from datetime import date

from django.utils import timezone
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Pt

from fazhi.reports.gip import PART_TITLES
from fazhi.reports.render import (
    DOCUMENT_CSS,
    FONT_BODY,
    FONT_HEI,
    FONT_KAI,
    FONT_TITLE,
    _fonts,
    gbt9704_bytes,
    gbt9704_paragraph,
    new_document,
    require_chinese_fonts,
    signature_layout,
    title_lines,
)

TABLE_CSS = """
table.gip { border-collapse: collapse; width: 100%; margin: 6pt 0 12pt; font-size: 10.5pt; line-height: 14pt; }
table.gip th, table.gip td { border: 0.5pt solid #000; padding: 2pt 3pt; text-align: center; }
table.gip td.label { text-align: left; }
table.gip td.l2 { padding-left: 1.5em; } table.gip td.l3 { padding-left: 3em; }
"""


def _date(iso: str | None) -> str:
    """成文日期 in Arabic numerals (GB/T 9704 7.3.5.1); today while the report is not dated."""


    d = date.fromisoformat(iso) if iso else timezone.localdate()
    return f"{d.year}年{d.month}月{d.day}日"


def _cell(value: object) -> str:
    return "—" if value is None else html.escape(str(value))


def table_rows(part: str, data: dict) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """(header, [(indent level, cells)]) of table 二, 三 or 四, shared by HTML and .docx."""
    p = data["parts"][part]
    if part == "二":
        header = ["第二十条", "信息内容", "项目", "数量"]
        rows = [(0, [r["item"], r["label"], c["column"], "—" if c["value"] is None else str(c["value"])])
                for r in p["rows"] for c in r["cells"]]
        return header, rows
    header = ["", *[c["label"] for c in p["columns"]]]
    rows = []
    for r in p["rows"]:
        if r.get("heading"):
            rows.append((0, [r["label"], *[""] * len(p["columns"])]))
        else:
            rows.append((r.get("level", 0), [r["label"], *["—" if r["cells"].get(c["key"]) is None
                                                           else str(r["cells"][c["key"]]) for c in p["columns"]]]))
    return header, rows


def header_spans(part: str, data: dict) -> list[tuple[str, int, list[str]]] | None:
    """Table 三's two header rows: (label, columns spanned, the labels below it; [] when the label spans
    both rows) — 自然人 | 法人或其他组织 (商业企业 … 其他) | 总计; None for a one-row header."""
    columns = data["parts"][part].get("columns", [])
    if not any(c.get("group") for c in columns):
        return None
    spans: list[tuple[str, int, list[str]]] = []
    for c in columns:
        if c.get("group") and spans and spans[-1][0] == c["group"]:
            label, n, below = spans[-1]
            spans[-1] = (label, n + 1, [*below, c["label"]])
        elif c.get("group"):
            spans.append((c["group"], 1, [c["label"]]))
        else:
            spans.append((c["label"], 1, []))
    return spans


def _table_html(part: str, data: dict) -> str:
    header, rows = table_rows(part, data)
    head = "<tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in header) + "</tr>"
    spans = header_spans(part, data)
    if spans:
        top = '<th rowspan="2"></th>' + "".join(
            f'<th colspan="{n}">{html.escape(label)}</th>' if below else f'<th rowspan="2">{html.escape(label)}</th>'
            for label, n, below in spans)
        head = f"<tr>{top}</tr><tr>" + "".join(f"<th>{html.escape(x)}</th>" for _l, _n, below in spans
                                                for x in below) + "</tr>"
    body = "".join(
        "<tr>" + "".join(f'<td class="label l{level + 1}">{html.escape(cells[0])}</td>' if i == 0 else f"<td>{_cell(c)}</td>"
                         for i, c in enumerate(cells)) + "</tr>"
        for level, cells in rows)
    return f'<table class="gip gip-{part} table table-bordered table-sm"><thead>{head}</thead><tbody>{body}</tbody></table>'


def body_html(data: dict, document: bool = False) -> str:
    """The six parts as HTML; ``document``: the title broken into lines as on paper (回行)."""

    lines = title_lines(data["title"]) if document else [data["title"]]
    out = ['<h1 class="gw-title">' + "<br>".join(html.escape(x) for x in lines) + "</h1>"]
    for part, title in PART_TITLES.items():
        p = data["parts"][part]
        out.append(f'<h2 class="gw-h1" data-part="{part}">{html.escape(title)}</h2>')
        if "paragraphs" in p:
            out += [f'<p class="gw-body">{html.escape(line)}</p>' for line in p["paragraphs"]]
        else:
            out.append(_table_html(part, data))
        if part == "三" and not p["balanced"]:
            out.append('<p class="gw-body fz-missing">表三不平衡：' + html.escape("；".join(p["problems"])) + "</p>")
    layout = _signature(data)
    out.append(f'<p class="gw-signature" style="padding-right: {layout.signature_right:g}em; '
               f'margin-top: {28.95 * layout.blank_lines:g}pt;">{html.escape(data["signatory"])}</p>')
    out.append(f'<p class="gw-date" style="padding-right: {layout.date_right:g}em;">{_date(data["signed_on"])}</p>')
    return "\n".join(out)


def _signature(data: dict):
    """The 署名's and the date's place, with or without a 印章 (render.signature_layout); a report
    published before the choice existed was sealed."""
    return signature_layout(data["signatory"], _date(data["signed_on"]), data.get("seal", "sealed"))


def standalone_html(data: dict) -> str:
    return (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(data["title"])}</title>'
            f"<style>{DOCUMENT_CSS}{TABLE_CSS}</style></head><body>{body_html(data, document=True)}</body></html>")


def pdf_bytes(data: dict) -> bytes:
    require_chinese_fonts()
    from weasyprint import HTML  # lazy: WeasyPrint loads Pango and fonts, only for a PDF

    return HTML(string=standalone_html(data)).write_pdf()


def header_spans_below(spans: list[tuple[str, int, list[str]]], column: int) -> bool:
    """Whether header column ``column`` (1-based after the label column) sits under a group heading."""
    col = 1
    for _label, n, below in spans:
        if col <= column < col + n:
            return bool(below)
        col += n
    return False


def _put(cell, text: str, font: str, *, center: bool) -> None:
    cell.text = ""
    para = cell.paragraphs[0]
    para.paragraph_format.line_spacing_rule, para.paragraph_format.first_line_indent = WD_LINE_SPACING.SINGLE, None
    if center:
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _fonts(para.add_run(text), font, 10.5)


def docx_bytes(data: dict) -> bytes:
    """The report on the GB/T 9704 page of the annual report (render.new_document, render.gbt9704_paragraph,
    render.gbt9704_bytes with the official fonts' fallbacks): title in 小标宋, part headings in 黑体, text
    in 仿宋, the tables in 五号 with single spacing."""


    doc = new_document(title=data["title"], author=data["unit"]["name"])

    def paragraph(text: str, font: str, size: float = 16, *, indent: bool = True, align=None, line: float = 28.95):
        p = gbt9704_paragraph(doc, align, indent, line)
        _fonts(p.add_run(text), font, size)
        return p

    for line in title_lines(data["title"]):
        paragraph(line, FONT_TITLE, 22, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER, line=35)
    gbt9704_paragraph(doc, indent=False)
    for part, title in PART_TITLES.items():
        part_data = data["parts"][part]
        paragraph(title, FONT_HEI)
        if "paragraphs" in part_data:
            for line in part_data["paragraphs"]:
                paragraph(line, FONT_BODY)
            continue
        _table(doc, part, data)
    layout = _signature(data)
    for _ in range(layout.blank_lines):
        gbt9704_paragraph(doc, indent=False)
    for text, right in ((data["signatory"], layout.signature_right), (_date(data["signed_on"]), layout.date_right)):
        p = paragraph(text, FONT_BODY, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
        p.paragraph_format.right_indent = Pt(right * 16)
    return gbt9704_bytes(doc)


def _table(doc, part: str, data: dict) -> None:
    """Table 二, 三 or 四 in 五号 (table 三 with its two header rows); row labels keep the heading
    hierarchy's fonts: 一、 黑体, （一） 楷体, 1. 仿宋."""

    header, rows = table_rows(part, data)
    spans = header_spans(part, data)
    table = doc.add_table(rows=1 + len(rows), cols=len(header))
    table.style = "Table Grid"
    if spans:  # 法人或其他组织 over its five kinds, the other headings over both rows
        new = table.add_row()._tr
        table.rows[0]._tr.addprevious(new)
        top, col = table.rows[0], 1
        top.cells[0].merge(table.rows[1].cells[0])
        for label, n, below in spans:
            end = top.cells[col + n - 1] if below else table.rows[1].cells[col]
            _put(top.cells[col].merge(end), label, FONT_BODY, center=True)
            col += n
    offset = 1 if spans else 0
    for r, (level, values) in enumerate([(0, header), *rows]):
        for c, value in enumerate(values):
            font = (FONT_HEI, FONT_KAI)[level] if c == 0 and r and level < 2 else FONT_BODY
            if r == 0 and (spans or not value):
                if spans and header_spans_below(spans, c):
                    _put(table.cell(offset, c), value, font, center=True)
                continue
            _put(table.cell(r + offset, c), ("　" * level if c == 0 else "") + value, font, center=c > 0)


def export(data: dict, fmt: str) -> bytes:
    if fmt == "html":
        return standalone_html(data).encode("utf-8")
    if fmt == "docx":
        return docx_bytes(data)
    if fmt == "pdf":
        return pdf_bytes(data)
    raise ValueError(fmt)
