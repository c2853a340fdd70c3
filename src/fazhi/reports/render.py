"""The report as a document: one block list rendered to HTML (figures linked to their
drill-down), .docx in GB/T 9704-2012 format and PDF (WeasyPrint, embedded CJK fonts).

GB/T 9704 (spec §17): A4; margins top 37, bottom 35, left 28, right 26 mm; 22 lines of 28
characters; title 2号 小标宋; body 3号 仿宋; 一级 heading 黑体, 二级 楷体; page numbers 4号
half-width "— 1 —", odd pages right, even pages left, one character in from the edge.
A report with a 发文字号 is printed with its 版头 (7.2): the 发文机关标志 in red 小标宋 centred 35 mm
below the top of the text block, the 发文字号 centred two lines below it, a red separator line as
wide as the text block 4 mm under the number, the title two lines below the line. The web page
(and the portal) leaves the red 版头 out and shows the number under the title.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from fazhi.reports import gip
from fazhi.reports.models import AnnualReport
from fazhi.reports.placeholders import Token, keys_in, tokens
from fazhi.reports.services import figures_of, live_figures

# East-Asian font names as Word/WPS know them (w:eastAsia), and the CSS chains WeasyPrint falls
# back along (every chain ends in an installed Debian CJK family, see stack.md §5).
FONT_TITLE, FONT_BODY, FONT_HEI, FONT_KAI, FONT_SONG = "方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"
CSS_TITLE = '"方正小标宋简体","FZXiaoBiaoSong-B05S","华文中宋","Noto Serif CJK SC",serif'
CSS_BODY = '"FangSong_GB2312","仿宋_GB2312","仿宋","FangSong","Noto Serif CJK SC",serif'
CSS_HEI = '"黑体","SimHei","Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif'
CSS_KAI = '"楷体_GB2312","KaiTi_GB2312","楷体","KaiTi","AR PL UKai CN","Noto Serif CJK SC",serif'
CSS_SONG = '"宋体","SimSun","AR PL UMing CN","Noto Serif CJK SC",serif'

# The 版头's red (发文机关标志 and separator line, GB/T 9704 7.2.3, 7.2.6) and the 版心's width (156 mm).
MARK_RED, MARK_CSS = "FF0000", "#f00"
LINE_WIDTH_PT = 156 / 25.4 * 72

RUN_IN = re.compile(r"^(（[一二三四五六七八九十]+）[^。：]{1,30}[。：])")


@dataclass
class Block:
    kind: str  # mark | doc_number | title | addressee | h1 | h2 | h3 | body | signature | date
    tokens: list[Token] = field(default_factory=list)
    lead: str = ""  # run-in heading of a body paragraph ("（一）加强组织领导。"), set in 楷体

    @property
    def text(self) -> str:
        return self.lead + "".join(t.text for t in self.tokens)


def _body(line: str, figures: dict) -> Block:
    match = RUN_IN.match(line)
    lead = match.group(1) if match else ""
    return Block("body", tokens(line[len(lead):], figures), lead=lead)


def issuer_mark(report: AnnualReport) -> str:
    """The 发文机关标志 (GB/T 9704 7.2.3): the issuing body's full name (the 发文机关署名, else the
    reporting unit's) followed by 文件."""
    return f"{(report.signatory or report.unit.name).strip()}文件"


def blocks(report: AnnualReport, figures: dict | None = None, sections: list | None = None, *,
           banner: bool = False) -> list[Block]:
    """The report as GB/T 9704 blocks; ``sections`` for a report not saved (the CLI's figure summary).
    ``banner``: the printed document, whose 发文字号 stands in the 版头 under the 发文机关标志, above
    the title; otherwise (a web page) the number follows the title."""
    figures = figures_of(report) if figures is None else figures
    number = report.doc_number.strip()
    out = [Block("mark", [Token(issuer_mark(report))]), Block("doc_number", [Token(number)])] if banner and number else []
    out.append(Block("title", tokens(report.title, figures)))
    if number and not banner:
        out.append(Block("doc_number", [Token(number)]))
    if report.addressee:
        out.append(Block("addressee", [Token(report.addressee.rstrip("：:") + "：")]))
    counters = [0, 0, 0]
    for section in report.sections.all() if sections is None else sections:
        if section.heading:
            level = section.level if section.level in (1, 2, 3) else 3
            heading = _numbered(section.heading, level, counters)
            out.append(Block(f"h{level}", tokens(heading, figures)))
        for line in section.text.splitlines():
            if line.strip():
                out.append(_body(line.strip(), figures))
    if report.signatory:
        out.append(Block("signature", [Token(report.signatory)]))
    if report.signed_on:
        out.append(Block("date", [Token(date_text(report.signed_on))]))
    return out


def date_text(day: dt.date) -> str:
    """成文日期 in Arabic numerals, without leading zeros (GB/T 9704 7.3.5.1): 2024年1月15日."""
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass(frozen=True)
class SignatureLayout:
    """Where the 发文机关署名 and the 成文日期 stand (GB/T 9704 7.3.5), in characters from the right
    edge of the 版心, and how many empty lines separate them from the text."""

    blank_lines: int
    signature_right: float
    date_right: float


def signature_layout(signatory: str, date: str, seal: str) -> SignatureLayout:
    """加盖印章 (7.3.5.1): the date 右空四字 and the 署名 centred over it; two empty lines above the 署名,
    because the seal (4.2 cm, about four lines) presses on the 署名 and the date from above its centre
    and its top must stay within one line of the text. Without a date yet, the 署名 右空二字.
    不加盖印章 (7.3.5.2): one empty line; the 署名 右空二字 and the date on the next line, its first
    character two characters right of the 署名's; when the date is the longer, the date 右空二字 and
    the 署名 moves left to keep that step."""
    sig, day = _width(signatory), _width(date)
    if seal == "unsealed":
        signature_right = max(2.0, day + 4 - sig)
        return SignatureLayout(1, signature_right, signature_right + sig - 2 - day)
    if not day:
        return SignatureLayout(2, 2.0, 4.0)
    return SignatureLayout(2, max(4 + (day - sig) / 2, 0.0), 4.0)


# One heading hierarchy (GB/T 9704 7.3.3): 一、 / （一） / 1. / (1). A heading written with any
# enumerator is renumbered by its level and position, so a part never mixes 一、 with 1. or （一）.
ENUMERATOR = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|\d+[.．、]|[（(]\d+[）)])\s*")
CN_DIGITS = "一二三四五六七八九十"


def _cn(n: int) -> str:
    if n <= 10:
        return CN_DIGITS[n - 1]
    return ("十" if n < 20 else CN_DIGITS[n // 10 - 1] + "十") + (CN_DIGITS[n % 10 - 1] if n % 10 else "")


def _numbered(heading: str, level: int, counters: list[int]) -> str:
    """``heading`` with the enumerator of its place in the hierarchy (only if it was written with one)."""
    counters[level - 1] += 1
    counters[level:] = [0] * (len(counters) - level)
    match = ENUMERATOR.match(heading)
    if not match:
        return heading
    n = counters[level - 1]
    prefix = {1: f"{_cn(n)}、", 2: f"（{_cn(n)}）", 3: f"{n}."}[level]
    return prefix + heading[match.end():]


# 回行 (GB/T 9704 7.3.1): a long title breaks between words, never inside one. The candidate
# breaks: after the issuing body's name, around 关于, after a year; the most balanced pair wins.
TITLE_CHARS = 20  # 二号 (22 pt) characters on a 156 mm line
TITLE_BREAKS = re.compile(r"(?<=人民政府)|(?<=管理委员会)|(?<=委员会)|(?<=办公室)|(?<=局)|(?=关于)|(?<=关于)"
                          r"|(?<=\d{4}年度)|(?<=\d{4}年)(?!度)|(?=工作情况)|(?=的报告)|(?=工作年度报告)")


def title_lines(title: str, width: int = TITLE_CHARS) -> list[str]:
    """The title as lines of at most ``width`` characters, broken only at word boundaries."""
    if _width(title) <= width:
        return [title]
    cuts = sorted({m.start() for m in TITLE_BREAKS.finditer(title)} - {0, len(title)})
    best = None
    for cut in cuts:
        head, tail = title[:cut], title[cut:]
        rest = title_lines(tail, width) if _width(tail) > width else [tail]
        if _width(head) > width or any(_width(x) > width for x in rest):
            continue
        lines = [head, *rest]
        score = (len(lines), max(_width(x) for x in lines) - min(_width(x) for x in lines))
        if best is None or score < best[0]:
            best = (score, lines)
    return best[1] if best else [title]


def drilldown_link(report: AnnualReport, key: str) -> str:
    return f"{reverse('indicators:drilldown', args=[key])}?{urlencode({'unit': report.unit.code, 'year': report.year})}"


def _gip(fn: str, report: AnnualReport):
    """A 政府信息公开工作年度报告 is its six parts (gip.py), not a list of sections."""
    from fazhi.reports import gip_render  # lazy: gip_render imports this module

    return getattr(gip_render, fn)(gip.gip_json(report.unit, report.year, report))


# ------------------------------------------------------------------ HTML

def _html_tokens(report: AnnualReport, toks: list[Token], links: bool) -> str:
    parts = []
    for t in toks:
        text = html.escape(t.text)
        if t.key and links and not t.missing:
            parts.append(f'<a class="fz-fig" href="{html.escape(drilldown_link(report, t.key))}" '
                         f'data-key="{t.key}" title="{t.key}">{text}</a>')
        elif t.missing:
            parts.append(f'<span class="fz-missing">{text}</span>')
        else:
            parts.append(text)
    return "".join(parts)


def body_html(report: AnnualReport, *, links: bool = True, figures: dict | None = None,
              sections: list | None = None, document: bool = False) -> str:
    """The report's text as HTML paragraphs with GB/T 9704 classes (used by the page, the CLI and the PDF);
    ``document``: the title broken into lines as on paper (回行), not left to the browser."""
    if report.kind == AnnualReport.Kind.DISCLOSURE and sections is None:
        return _gip("body_html", report)
    tags = {"title": "h1", "h1": "h2", "h2": "h3", "h3": "h4"}
    out = []
    for b in blocks(report, figures, sections, banner=document):
        inner = _html_tokens(report, b.tokens, links)
        if b.kind == "title" and document:  # 回行 between words, as in the .docx
            inner = "<br>".join(html.escape(line) for line in title_lines(b.text))
        if b.kind == "mark":  # condensed, never wrapped, when the name is wider than the line
            size = 22 * mark_scale(b.text) / 100
            out.append(f'<p class="gw-mark" style="font-size: {size:.1f}pt">{inner}</p>')
            continue
        if b.lead:
            inner = f'<span class="gw-kai">{html.escape(b.lead)}</span>{inner}'
        tag = tags.get(b.kind, "p")
        out.append(f'<{tag} class="gw-{b.kind}"{_signature_style(report, b.kind)}>{inner}</{tag}>')
    return "\n".join(out)


def _signature_style(report: AnnualReport, kind: str) -> str:
    """The 署名's and the date's place (``signature_layout``) as an inline style, in em of 三号."""
    if kind not in ("signature", "date"):
        return ""
    layout = signature_layout(report.signatory, date_text(report.signed_on) if report.signed_on else "", report.seal)
    if kind == "date":
        top = f" margin-top: {28.95 * (layout.blank_lines + 1):g}pt;" if not report.signatory else ""
        return f' style="padding-right: {layout.date_right:g}em;{top}"'
    return f' style="padding-right: {layout.signature_right:g}em; margin-top: {28.95 * layout.blank_lines:g}pt;"'


DOCUMENT_CSS = f"""
@page {{ size: A4; margin: 37mm 26mm 35mm 28mm; }}
@page :right {{ @bottom-right {{ content: "— " counter(page) " —"; font-family: {CSS_SONG}; font-size: 14pt;
  padding-right: 14pt; vertical-align: top; }} }}
@page :left {{ @bottom-left {{ content: "— " counter(page) " —"; font-family: {CSS_SONG}; font-size: 14pt;
  padding-left: 14pt; vertical-align: top; }} }}
body {{ font-family: {CSS_BODY}; font-size: 16pt; line-height: 28.95pt; margin: 0; color: #000; }}
p, h1, h2, h3, h4 {{ margin: 0; font-size: 16pt; font-weight: normal; line-height: 28.95pt; }}
.gw-title {{ font-family: {CSS_TITLE}; font-size: 22pt; font-weight: bold; line-height: 35pt; text-align: center;
  margin: 0 0 28.95pt; }}
.gw-title + .gw-doc_number {{ margin-top: -28.95pt; }}
.gw-doc_number {{ text-align: center; margin-bottom: 28.95pt; }}
.gw-mark {{ font-family: {CSS_TITLE}; font-size: 22pt; line-height: 35pt; color: {MARK_CSS}; text-align: center;
  white-space: nowrap; margin: 35mm 0 57.9pt; }}
.gw-mark + .gw-doc_number {{ padding-bottom: 4mm; border-bottom: 1pt solid {MARK_CSS}; margin-bottom: 57.9pt; }}
.gw-body, .gw-h1, .gw-h2, .gw-h3 {{ text-indent: 2em; text-align: justify; }}
.gw-h1 {{ font-family: {CSS_HEI}; }}
.gw-h2, .gw-kai {{ font-family: {CSS_KAI}; }}
.gw-signature, .gw-date {{ text-align: right; }}
a.fz-fig {{ color: inherit; text-decoration: underline dotted; }}
.fz-missing {{ color: #b91c1c; }}
"""


def standalone_html(report: AnnualReport, *, links: bool = True, figures: dict | None = None,
                    sections: list | None = None) -> str:
    if report.kind == AnnualReport.Kind.DISCLOSURE:
        return _gip("standalone_html", report)
    return (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(report.title)}</title>'
            f"<style>{DOCUMENT_CSS}</style></head><body>{body_html(report, links=links, figures=figures, sections=sections, document=True)}</body></html>")


# The CJK families the CSS chains end in, and the Debian packages that install them
# (scripts/install-system-deps.sh; stack.md §5).
CJK_FAMILIES = ("Noto Serif CJK SC", "Noto Sans CJK SC", "AR PL UKai CN", "AR PL UMing CN", "WenQuanYi Zen Hei")
CJK_PACKAGES = "fonts-noto-cjk fonts-arphic-ukai fonts-arphic-uming fonts-wqy-zenhei"


class MissingCJKFont(RuntimeError):
    """No Chinese font is visible to fontconfig: WeasyPrint would print every character as a box."""


_FONTS_FOUND: dict[str | None, list[str]] = {}  # per FONTCONFIG_FILE: fonts once found stay found


def chinese_fonts() -> list[str]:
    """The families fontconfig offers for Chinese (``fc-list :lang=zh family``, the lookup WeasyPrint's
    fontconfig makes; FONTCONFIG_FILE is honoured by both). A positive answer is kept for the
    process, so a download does not start a subprocess each time."""
    config = os.environ.get("FONTCONFIG_FILE")
    if config in _FONTS_FOUND:
        return _FONTS_FOUND[config]
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        raise MissingCJKFont("无法生成PDF：找不到 fontconfig 的 fc-list 命令，无法确认本机有中文字体。"
                             "请安装：sudo apt-get install fontconfig " + CJK_PACKAGES)
    out = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, timeout=30, check=False)
    found = sorted({name.strip() for line in out.stdout.splitlines() for name in line.split(",") if name.strip()})
    if found:
        _FONTS_FOUND[config] = found
    return found


def require_chinese_fonts() -> list[str]:
    """The Chinese families available, or ``MissingCJKFont`` naming the fonts and how to install them."""
    found = chinese_fonts()
    if not found:
        raise MissingCJKFont(
            f"无法生成PDF：本机没有中文字体，PDF中的汉字会显示为方框。缺少的字体：{'、'.join(CJK_FAMILIES)}。"
            f"请安装（Debian/Ubuntu）：sudo apt-get install {CJK_PACKAGES}"
            "（或运行 scripts/install-system-deps.sh），然后重试。")
    return found


def pdf_bytes(report: AnnualReport, figures: dict | None = None, sections: list | None = None) -> bytes:
    """The PDF; ``MissingCJKFont`` rather than a document of boxes when no Chinese font is installed."""
    if report.kind == AnnualReport.Kind.DISCLOSURE:
        return _gip("pdf_bytes", report)
    require_chinese_fonts()
    from weasyprint import HTML  # lazy: WeasyPrint loads Pango and fonts, only for a PDF

    return HTML(string=standalone_html(report, links=False, figures=figures, sections=sections)).write_pdf()


# ------------------------------------------------------------------ DOCX

def _fonts(run, east_asia: str, size_pt: float, bold: bool = False, latin: str = "Times New Roman") -> None:
    run.font.size = Pt(size_pt)
    run.font.bold = bold or None
    run.font.name = latin
    rfonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    rfonts.set(qn("w:eastAsia"), east_asia)
    rfonts.set(qn("w:hint"), "eastAsia")


def _page_number_footer(footer, align) -> None:
    p = footer.paragraphs[0]
    p.alignment = align
    fmt = p.paragraph_format
    fmt.right_indent = Pt(14) if align == 2 else None
    fmt.left_indent = Pt(14) if align == 0 else None

    def run(text: str = ""):
        r = p.add_run(text)
        _fonts(r, FONT_SONG, 14, latin="宋体")
        return r

    run("— ")
    for kind, instr in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        r = run()
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif instr.strip() == "PAGE":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = instr
        else:
            el = OxmlElement("w:t")
            el.text = instr
        r._element.append(el)
    run(" —")


def gbt9704_document():
    """An empty python-docx Document with the GB/T 9704 page: A4, margins 37/35/28/26 mm, 22 lines ×
    28 characters (a lines-only grid), 仿宋_GB2312 三号 body, page numbers "— 1 —" outside."""

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28) - Mm(7)  # footer line sits ~7 mm below the text block
    # 22 lines in the 225 mm text block; a lines-only grid: with w:charSpace (linesAndChars) LibreOffice
    # lays out ~13 characters a line; 28 characters come from the 16 pt type on the 156 mm line.
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), "579")
    if grid.get(qn("w:charSpace")) is not None:
        del grid.attrib[qn("w:charSpace")]

    normal = doc.styles["Normal"]
    normal.font.size = Pt(16)
    normal.font.name = "Times New Roman"
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT_BODY)
    nf = normal.paragraph_format
    nf.line_spacing_rule, nf.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(28.95)
    nf.space_before, nf.space_after = Pt(0), Pt(0)

    doc.settings.odd_and_even_pages_header_footer = True
    _page_number_footer(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number_footer(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)
    return doc


def new_document(*, title: str, author: str):
    """``gbt9704_document`` with the document's own properties: title, author (the issuing body),
    created today — nothing left from python-docx's template (its author, comment, 2013 date and
    thumbnail)."""

    doc = gbt9704_document()
    props = doc.core_properties
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    props.title, props.author, props.last_modified_by = title, author, author
    props.comments = props.keywords = props.subject = props.category = ""
    props.created = props.modified = now
    props.revision = 1
    _drop_thumbnail(doc)
    return doc


def _drop_thumbnail(doc) -> None:
    """python-docx's template carries a thumbnail of its own blank page: remove it."""
    package = doc.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package.rels[rel_id]


def gbt9704_paragraph(doc, align=None, indent: bool = True, line: float = 28.95):
    """A paragraph at the fixed line pitch, first line indented two characters unless ``indent`` is False."""

    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY if align is None else align
    f = p.paragraph_format
    f.line_spacing_rule, f.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(line)
    f.space_before, f.space_after = Pt(0), Pt(0)
    if indent:
        f.first_line_indent = Pt(32)
    return p


def gbt9704_bytes(doc) -> bytes:
    """The document with the official fonts' fallbacks in its font table, as .docx bytes."""
    _font_table_fallbacks(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def docx_bytes(report: AnnualReport, figures: dict | None = None, sections: list | None = None) -> bytes:
    if report.kind == AnnualReport.Kind.DISCLOSURE:
        return _gip("docx_bytes", report)
    doc = new_document(title=report.title, author=report.signatory or report.unit.name)

    def paragraph(align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent: bool = True, line: float = 28.95):
        return gbt9704_paragraph(doc, align, indent, line)

    fonts = {"h1": (FONT_HEI, False), "h2": (FONT_KAI, False), "h3": (FONT_BODY, False), "body": (FONT_BODY, False)}
    for b in blocks(report, figures, sections, banner=True):
        if b.kind == "mark":
            _banner_mark(paragraph(WD_ALIGN_PARAGRAPH.CENTER, indent=False, line=35), b.text)
            paragraph(indent=False)
            paragraph(indent=False)  # the number two lines below the mark
        elif b.kind == "doc_number":
            _banner_number(paragraph(WD_ALIGN_PARAGRAPH.CENTER, indent=False), b.text)
            paragraph(indent=False)
            paragraph(indent=False)  # the title two lines below the separator line
        elif b.kind == "title":
            p = paragraph(WD_ALIGN_PARAGRAPH.CENTER, indent=False, line=35)
            for i, line in enumerate(title_lines(b.text)):
                run = p.add_run(line)
                _fonts(run, FONT_TITLE, 22)
                if i:
                    run._element.addprevious(_line_break())
            paragraph(indent=False)  # the 主送机关 (or the text) one line below the title
        elif b.kind == "addressee":
            _fonts(paragraph(indent=False).add_run(b.text), FONT_BODY, 16)
        elif b.kind in fonts:
            p = paragraph()
            if b.lead:
                _fonts(p.add_run(b.lead), FONT_KAI, 16)
            east, bold = fonts[b.kind]
            _fonts(p.add_run("".join(t.text for t in b.tokens)), east, 16, bold)
    # The 署名 and the 成文日期 with or without a 印章 (GB/T 9704 7.3.5, spec §17).
    day = date_text(report.signed_on) if report.signed_on else ""
    if report.signatory or day:
        layout = signature_layout(report.signatory, day, report.seal)
        for _ in range(layout.blank_lines):
            paragraph(indent=False)
        for text, right in ((report.signatory, layout.signature_right), (day, layout.date_right)):
            if text:
                p = paragraph(WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
                p.paragraph_format.right_indent = Pt(right * 16)
                _fonts(p.add_run(text), FONT_BODY, 16)
    return gbt9704_bytes(doc)


# The elements that follow w:pBdr in a paragraph's and w:w in a run's properties (ECMA-376 CT_PPr, CT_RPr).
PPR_AFTER_BORDER = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
                    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
                    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
                    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
                    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
RPR_AFTER_SCALE = ("w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd",
                   "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
                   "w:specVanish", "w:oMath")


def mark_scale(text: str, size: float = 22) -> int:
    """The width, in percent, the 发文机关标志 is set at so that it stays on one line of the 版心."""
    return min(100, int(LINE_WIDTH_PT / (_width(text) * size) * 100))


def _banner_mark(p, text: str) -> None:
    """The 发文机关标志: red 小标宋 二号, centred, 35 mm below the top of the text block (GB/T 9704 7.2.3)."""

    p.paragraph_format.space_before = Mm(35)
    run = p.add_run(text)
    _fonts(run, FONT_TITLE, 22)
    run.font.color.rgb = RGBColor.from_string(MARK_RED)
    scale = mark_scale(text)
    if scale < 100:  # a long name is condensed (字符缩放), not wrapped
        w = OxmlElement("w:w")
        w.set(qn("w:val"), str(scale))
        run._element.get_or_add_rPr().insert_element_before(w, *RPR_AFTER_SCALE)


def _banner_number(p, text: str) -> None:
    """The 发文字号 in 仿宋 三号 with the red separator line as wide as the 版心 4 mm below it
    (GB/T 9704 7.2.4, 7.2.6): a bottom border of the centred paragraph."""

    _fonts(p.add_run(text), FONT_BODY, 16)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("val", "single"), ("sz", "8"), ("space", "11"), ("color", MARK_RED)):
        bottom.set(qn(f"w:{name}"), value)
    borders.append(bottom)
    # CT_PPr keeps its children in schema order: pBdr comes before shading, tabs, spacing, indent, jc.
    p._p.get_or_add_pPr().insert_element_before(borders, *PPR_AFTER_BORDER)


def _line_break():
    run = OxmlElement("w:r")
    run.append(OxmlElement("w:br"))
    return run


# The fallback chain in Word terms: a font-table entry per official font with the name Word
# and WPS use when the official (licensed) font is not installed.
FONT_FALLBACKS = {FONT_TITLE: "华文中宋", FONT_BODY: "仿宋", FONT_KAI: "楷体", FONT_HEI: "SimHei", FONT_SONG: "SimSun"}


def _font_table_fallbacks(doc) -> None:
    for part in doc.part.package.iter_parts():
        if str(part.partname) == "/word/fontTable.xml":
            entries = "".join(
                f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
                f'<w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>'
                for name, alt in FONT_FALLBACKS.items())
            part._blob = part.blob.replace(b"</w:fonts>", entries.encode("utf-8") + b"</w:fonts>")
            return


def _width(text: str) -> float:
    """Width in full-width characters (digits and Latin letters are half-width)."""
    return sum(0.5 if ord(c) < 0x2E80 else 1 for c in text)


def body_html_section(section) -> str:
    """One section's text with its figures (live) filled in, for the section page's preview."""

    report = section.report
    figures = figures_of(report) if report.is_published else live_figures(report, keys_in(section.text))
    parts = []
    for line in section.text.splitlines():
        if line.strip():
            b = _body(line.strip(), figures)
            parts.append(f'<p class="gw-body">{html.escape(b.lead)}{_html_tokens(report, b.tokens, True)}</p>')
    return "\n".join(parts)
