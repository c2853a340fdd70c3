"""The 政府信息公开工作年度报告 as a document: HTML (also the PDF's source) and .docx, from
``gip.gip_json`` — the text parts as GB/T 9704 paragraphs, parts 二、三、四 as the national tables."""

from __future__ import annotations

import html
import io

from fazhi.reports.gip import PART_TITLES

TABLE_CSS = """
table.gip { border-collapse: collapse; width: 100%; margin: 6pt 0 12pt; font-size: 10.5pt; line-height: 14pt; }
table.gip th, table.gip td { border: 0.5pt solid #000; padding: 2pt 3pt; text-align: center; }
table.gip td.label { text-align: left; }
table.gip td.l2 { padding-left: 1.5em; } table.gip td.l3 { padding-left: 3em; }
"""


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


def _table_html(part: str, data: dict) -> str:
    header, rows = table_rows(part, data)
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f'<td class="label l{level + 1}">{html.escape(cells[0])}</td>' if i == 0 else f"<td>{_cell(c)}</td>"
                         for i, c in enumerate(cells)) + "</tr>"
        for level, cells in rows)
    return f'<table class="gip gip-{part} table table-bordered table-sm"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def body_html(data: dict) -> str:
    out = [f'<h1 class="gw-title">{html.escape(data["title"])}</h1>']
    for part, title in PART_TITLES.items():
        p = data["parts"][part]
        out.append(f'<h2 class="gw-h1" data-part="{part}">{html.escape(title)}</h2>')
        if "paragraphs" in p:
            out += [f'<p class="gw-body">{html.escape(line)}</p>' for line in p["paragraphs"]]
        else:
            out.append(_table_html(part, data))
        if part == "三" and not p["balanced"]:
            out.append('<p class="gw-body fz-missing">表三不平衡：' + html.escape("；".join(p["problems"])) + "</p>")
    return "\n".join(out)


def standalone_html(data: dict) -> str:
    from fazhi.reports.render import DOCUMENT_CSS

    return (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(data["title"])}</title>'
            f"<style>{DOCUMENT_CSS}{TABLE_CSS}</style></head><body>{body_html(data)}</body></html>")


def pdf_bytes(data: dict) -> bytes:
    from fazhi.reports.render import require_chinese_fonts

    require_chinese_fonts()
    from weasyprint import HTML

    return HTML(string=standalone_html(data)).write_pdf()


def docx_bytes(data: dict) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    from fazhi.reports.render import FONT_BODY, FONT_HEI, FONT_TITLE, _fonts

    doc = Document()
    props = doc.core_properties
    props.title, props.author = data["title"], data["unit"]["name"]
    props.comments = ""
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _fonts(p.add_run(data["title"]), FONT_TITLE, 22)
    for part, title in PART_TITLES.items():
        part_data = data["parts"][part]
        p = doc.add_paragraph()
        p.paragraph_format.first_line_indent = Pt(32)
        _fonts(p.add_run(title), FONT_HEI, 16)
        if "paragraphs" in part_data:
            for line in part_data["paragraphs"]:
                p = doc.add_paragraph()
                p.paragraph_format.first_line_indent = Pt(32)
                _fonts(p.add_run(line), FONT_BODY, 16)
            continue
        header, rows = table_rows(part, data)
        table = doc.add_table(rows=1 + len(rows), cols=len(header))
        table.style = "Table Grid"
        for r, cells in enumerate([(0, header), *rows]):
            level, values = cells
            for c, value in enumerate(values):
                cell = table.cell(r, c)
                cell.text = ""
                run = cell.paragraphs[0].add_run(("　" * level if c == 0 else "") + value)
                _fonts(run, FONT_BODY, 10.5)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def export(data: dict, fmt: str) -> bytes:
    if fmt == "html":
        return standalone_html(data).encode("utf-8")
    if fmt == "docx":
        return docx_bytes(data)
    if fmt == "pdf":
        return pdf_bytes(data)
    raise ValueError(fmt)
