"""Excel export of any list: one header row of Chinese labels, streamed from a write-only
workbook so a long list does not sit in memory."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import quote

from django.http import FileResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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


def _cell(ws, value: Any) -> Any:  # noqa: ANN001
    value = _cell_value(value)
    if isinstance(value, str) and value.startswith("="):
        # Text that looks like a formula stays text: Excel never evaluates it.
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"
        return cell
    return value


def write_workbook(path: str, title: str, columns: list[Column], rows: Iterable[Any]) -> int:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title[:31] or "Sheet1")
    for i, col in enumerate(columns):
        ws.column_dimensions[get_column_letter(i + 1)].width = col.width
    bold = Font(bold=True)
    header = []
    for col in columns:
        cell = WriteOnlyCell(ws, value=col.label)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    count = 0
    for row in rows:
        ws.append([_cell(ws, col.value(row)) for col in columns])
        count += 1
    wb.save(path)
    return count


def xlsx_response(filename: str, title: str, columns: list[Column], rows: Iterable[Any]) -> FileResponse:
    tmp = tempfile.NamedTemporaryFile(suffix=".xlsx")  # deleted when the response closes it
    write_workbook(tmp.name, title, columns, rows)
    tmp.seek(0)
    response = FileResponse(tmp, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
