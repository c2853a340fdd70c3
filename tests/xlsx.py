"""An uploaded Excel file as the import tests send it: one sheet, a header row, the rows."""

from __future__ import annotations

import io

from openpyxl import Workbook


def upload_xlsx(header, rows) -> io.BytesIO:
    """An .xlsx upload (named upload.xlsx) with ``header`` then ``rows`` on its only sheet."""
    wb = Workbook()
    ws = wb.active
    ws.append(list(header))
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    buffer.name = "upload.xlsx"
    return buffer
