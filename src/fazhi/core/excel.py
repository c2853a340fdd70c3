"""Excel export of any list: one header row of Chinese labels, streamed to the browser.

The workbook is produced row by row as a zip stream (Office Open XML written directly,
strings inline rather than in a shared-string table), so a list of a million rows is sent
while it is read from the database and the process memory stays flat. Text is always
written as text: a value that looks like a formula (``=HYPERLINK(...)``) is never evaluated.
"""

from __future__ import annotations

import logging
import math
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

from django.http import StreamingHttpResponse
from django.utils import timezone
from openpyxl.utils import get_column_letter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ROWS_PER_FLUSH = 500  # rows of XML joined before they go through the compressor
EXCEL_EPOCH = datetime(1899, 12, 30)
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
MAX_CELL_CHARS = 32_767  # Excel's limit for one cell

# style indexes in STYLES below
_DATE, _DATETIME, _BOLD = 1, 2, 3


@dataclass(frozen=True)
class Column:
    label: str
    value: Callable[[Any], Any]
    width: int = 16


def _cell_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if value is None or isinstance(value, (int, float, date, str)):
        return value
    return str(value)


def _text(value: str) -> str:
    value = _ILLEGAL_XML.sub("", value)[:MAX_CELL_CHARS]
    return escape(value)


def _cell_xml(ref: str, value: Any) -> str:
    value = _cell_value(value)
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{_text(value)}</t></is></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, datetime):
        delta = value - EXCEL_EPOCH
        serial = delta.days + delta.seconds / 86400 + delta.microseconds / 86_400_000_000
        return f'<c r="{ref}" s="{_DATETIME}"><v>{serial!r}</v></c>'
    if isinstance(value, date):
        return f'<c r="{ref}" s="{_DATE}"><v>{(value - EXCEL_EPOCH.date()).days}</v></c>'
    if isinstance(value, float) and not math.isfinite(value):
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'
    return f'<c r="{ref}"><v>{value!r}</v></c>'


def _sheet_name(title: str) -> str:
    return (_SHEET_NAME_FORBIDDEN.sub("_", title).strip("'")[:31]) or "Sheet1"


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    "</Types>")
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>')
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'styles" Target="styles.xml"/></Relationships>')
STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>'
    '<numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="等线"/></font>'
    '<font><b/><sz val="11"/><name val="等线"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>")


def _workbook_xml(title: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<sheets><sheet name={quoteattr(_sheet_name(title))} sheetId="1" r:id="rId1"/></sheets></workbook>')


def _sheet_head(columns: list[Column]) -> str:
    cols = "".join(f'<col min="{i}" max="{i}" width="{c.width}" customWidth="1"/>'
                   for i, c in enumerate(columns, start=1))
    header = "".join(f'<c r="{get_column_letter(i)}1" t="inlineStr" s="{_BOLD}"><is><t>{_text(c.label)}</t></is></c>'
                     for i, c in enumerate(columns, start=1))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
            'state="frozen"/></sheetView></sheetViews>'
            f'<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols>'
            f'<sheetData><row r="1">{header}</row>')


class _Sink:
    """A write-only, unseekable file: zipfile then streams (data descriptors after each part)."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.chunks.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def drain(self) -> bytes:
        data = b"".join(self.chunks)
        self.chunks.clear()
        return data


def stream_workbook(title: str, columns: list[Column], rows: Iterable[Any],
                    counter: list[int] | None = None) -> Iterator[bytes]:
    """The .xlsx file as a sequence of byte chunks, produced while ``rows`` is consumed.
    ``counter`` (a one-item list), when given, receives the number of data rows written."""
    sink = _Sink()
    letters = [get_column_letter(i) for i in range(1, len(columns) + 1)]
    getters = [c.value for c in columns]
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", ROOT_RELS)
        zf.writestr("xl/workbook.xml", _workbook_xml(title))
        zf.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        zf.writestr("xl/styles.xml", STYLES)
        yield sink.drain()
        # A ZipInfo passed to open() keeps its own compression (stored by default), not the archive's.
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml", date_time=_now_tuple())
        info.compress_type = zipfile.ZIP_DEFLATED
        with zf.open(info, "w", force_zip64=True) as sheet:
            sheet.write(_sheet_head(columns).encode())
            number = 1
            batch: list[str] = []
            for row in rows:
                number += 1
                n = str(number)
                cells = "".join([_cell_xml(letter + n, get(row)) for letter, get in zip(letters, getters, strict=True)])
                batch.append(f'<row r="{n}">{cells}</row>')
                if len(batch) >= ROWS_PER_FLUSH:
                    sheet.write("".join(batch).encode())
                    batch.clear()
                    data = sink.drain()
                    if data:
                        yield data
            sheet.write(("".join(batch) + "</sheetData></worksheet>").encode())
        if counter is not None:
            counter[0] = number - 1
    yield sink.drain()


def _now_tuple() -> tuple[int, int, int, int, int, int]:
    now = timezone.now()
    now = timezone.localtime(now) if timezone.is_aware(now) else now
    return (max(now.year, 1980), now.month, now.day, now.hour, now.minute, now.second)


def write_workbook(path: str, title: str, columns: list[Column], rows: Iterable[Any]) -> int:
    """Write the workbook to ``path``; returns the number of data rows."""
    counter = [0]
    with open(path, "wb") as out:
        for chunk in stream_workbook(title, columns, rows, counter):
            out.write(chunk)
    return counter[0]


logger = logging.getLogger(__name__)


def _reported(chunks: Iterator[bytes], filename: str) -> Iterator[bytes]:
    """The chunks; a failure after the first byte cannot become an error page any more, so it is
    logged and re-raised: the server then aborts the chunked response and the browser reports
    the download as failed instead of saving a truncated file as if it were complete."""
    sent = 0
    try:
        for chunk in chunks:
            sent += len(chunk)
            yield chunk
    except Exception:
        logger.exception("Excel export %s failed after %d bytes; the download was aborted", filename, sent)
        raise


def xlsx_response(filename: str, title: str, columns: list[Column], rows: Iterable[Any]) -> StreamingHttpResponse:
    """A download streamed while ``rows`` (e.g. ``queryset.iterator(chunk_size=…)``) is read."""
    response = StreamingHttpResponse(_reported(stream_workbook(title, columns, rows), filename), content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
