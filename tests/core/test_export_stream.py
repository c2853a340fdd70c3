"""The list export is streamed (a file produced while the rows are read), opens in Excel
readers, keeps text as text, and masks personal data as the list does."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from django.http import StreamingHttpResponse
from openpyxl import load_workbook

from fazhi.core.excel import Column, stream_workbook
from fazhi.core.ledger import record_create
from fazhi.core.models import AuditEvent
from fazhi.streams.study.models import StudySession

pytestmark = pytest.mark.django_db


def _rows(data: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(data)).active.values)


def test_the_workbook_is_produced_chunk_by_chunk_while_rows_are_read():
    consumed = []

    def rows():
        for i in range(3000):
            consumed.append(i)
            yield {"n": i, "text": f"第{i}行", "day": date(2024, 1, 1)}

    columns = [Column("序号", lambda r: r["n"]), Column("内容", lambda r: r["text"]), Column("日期", lambda r: r["day"])]
    stream = stream_workbook("测试", columns, rows())
    first = next(stream)
    assert first.startswith(b"PK") and not consumed  # the file starts before any row is read
    second = next(stream)
    assert second and 0 < len(consumed) < 3000  # rows are written while they are read
    data = first + second + b"".join(stream)
    table = _rows(data)
    assert table[0] == ("序号", "内容", "日期")
    assert table[1] == (0, "第0行", datetime(2024, 1, 1)) and len(table) == 3001


def test_odd_values_are_written_safely():
    columns = [Column("值", lambda r: r)]
    values = ["=1+1", "a\x07b <&> \"q\"", None, 3.5, True, datetime(2024, 5, 6, 7, 8, 9)]
    table = _rows(b"".join(stream_workbook("特殊[值]:", columns, iter(values))))
    assert table[1:] == [("=1+1",), ('ab <&> "q"',), (None,), (3.5,), (True,), (datetime(2024, 5, 6, 7, 8, 9),)]


def test_a_list_export_streams_with_the_filter_applied_and_is_audited(login, coordinator, market_unit, clerk):
    for i in range(30):
        record_create(StudySession, by=clerk, unit=market_unit, year=2024, kind="topic" if i % 2 else "lecture",
                      title=f"议题{i:02d}")
    response = login(coordinator).get("/s/study/", {"format": "xlsx", "kind": "topic", "sort": "title"})
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Disposition"].startswith("attachment; filename*=UTF-8''")
    table = _rows(b"".join(response.streaming_content))
    assert [r[2] for r in table[1:]] == [f"议题{i:02d}" for i in range(1, 30, 2)]
    assert {r[1] for r in table[1:]} == {"专题研究法治工作"}
    assert AuditEvent.objects.filter(action="export", note__contains="（15条）").exists()


def test_personal_fields_are_masked_for_staff_without_personal_view_and_in_public_exports(
        login, leader, clerk, market_unit, monkeypatch):
    from fazhi.core import privacy
    from fazhi.streams.study.views import LEDGER

    # declare the speaker's name personal data for this test, and export it
    monkeypatch.setattr(StudySession, "personal_fields", {"speaker": "name"})
    monkeypatch.setattr(LEDGER, "export_columns", ["title", "speaker"])
    record_create(StudySession, by=clerk, unit=market_unit, year=2024, kind="topic", title="讲座", speaker="欧阳明")
    masked = privacy.mask("name", "欧阳明")
    assert masked != "欧阳明"

    def exported(user, **params) -> tuple:
        response = login(user).get("/s/study/", {"format": "xlsx", **params})
        return _rows(b"".join(response.streaming_content))[1]

    assert exported(clerk) == ("讲座", "欧阳明")  # personal.view on the record's unit
    assert exported(clerk, public="1") == ("讲座", masked)  # the public export always masks
    assert exported(leader) == ("讲座", masked)  # reads every unit, but no personal.view


def test_the_sheet_is_compressed_so_a_large_export_downloads_small():
    import zipfile

    rows = ({"n": i, "text": "研究部署年度法治工作", "day": date(2024, 1, 1)} for i in range(5000))
    columns = [Column("序号", lambda r: r["n"]), Column("内容", lambda r: r["text"]), Column("日期", lambda r: r["day"])]
    data = b"".join(stream_workbook("测试", columns, rows))
    sheet = zipfile.ZipFile(io.BytesIO(data)).getinfo("xl/worksheets/sheet1.xml")
    assert sheet.compress_type == zipfile.ZIP_DEFLATED
    assert len(data) * 5 < sheet.file_size  # deflated: a fifth of the XML or less
    assert len(_rows(data)) == 5001


def test_a_failure_in_the_middle_of_an_export_is_logged_and_aborts_the_download(caplog):
    from fazhi.core.excel import xlsx_response

    def rows():
        yield from ({"n": i} for i in range(3000))
        raise RuntimeError("database went away")

    response = xlsx_response("台账.xlsx", "台账", [Column("序号", lambda r: r["n"], 8)], rows())
    received = []
    with pytest.raises(RuntimeError), caplog.at_level("ERROR", logger="fazhi.core.excel"):
        for chunk in response.streaming_content:
            received.append(chunk)
    assert received  # the download had started: too late for an error page
    assert "台账.xlsx" in caplog.text and "aborted" in caplog.text
