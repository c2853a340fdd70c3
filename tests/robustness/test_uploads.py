"""Upload limits and bad Excel files (issue 7 item 7, issue 9 item 3): whatever is uploaded to a
ledger's import page — a CSV or Word file renamed .xlsx, a truncated or broken zip, a zip bomb,
a sheet claiming a million rows, formulas, 32k-character cells, invalid XML encodings — the
answer is a Chinese message on the import page, never a server error, and nothing is written."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from fazhi.core import uploads
from fazhi.core.importers import import_workbook
from fazhi.streams.study.importers import STUDY_IMPORT
from fazhi.streams.study.models import StudySession
from tests.robustness.conftest import FEW, has_chinese, snapshot

pytestmark = pytest.mark.django_db

HEADER = ["承办单位", "年度", "类型", "议题/主题", "会议名称及届次", "召开日期", "主讲人", "应到人数", "实到人数", "纪要要点"]
GOOD = ["市场监督管理局", 2024, "专题研究法治工作", "研究执法公示", "局党组会", "2024-03-15", "", 10, 9, ""]
URL = "/s/study/import/"


def xlsx(rows: list[list], header: list = HEADER) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def rezip(data: bytes, change) -> bytes:
    """A copy of the .xlsx ``data`` with ``change(name, content) -> content | None`` applied to
    each member (None drops it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = change(info.filename, src.read(info))
            if content is not None:
                dst.writestr(info.filename, content)
    return out.getvalue()


def post(client, payload: bytes, name: str = "upload.xlsx"):
    return client.post(URL, {"file": SimpleUploadedFile(name, payload)})


def refused(response) -> str:
    """The page's Chinese explanation of a refused upload."""
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="alert alert-danger"' in html
    message = html.split('class="alert alert-danger" role="alert">', 1)[1].split("</div>", 1)[0]
    assert has_chinese(message)
    return message


@pytest.fixture
def clerk_client(login, clerk, market_unit):
    return login(clerk)


def zip_of(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in members.items():
            z.writestr(name, content)
    return out.getvalue()


GOOD_FILE = xlsx([GOOD])
REF = "中文议题".encode("ascii", "xmlcharrefreplace")  # how openpyxl writes the text
WORD_TYPES = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
              b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
              b'officedocument.wordprocessingml.document.main+xml"/></Types>')

BAD_FILES = {
    "a CSV renamed .xlsx": ("承办单位,年度\n市场监督管理局,2024\n".encode("gbk"), "导入.xlsx", "无法读取该文件"),
    "an old .xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500, "导入.xls", "只能上传 .xlsx"),
    "a CSV with its own name": (b"a,b\n1,2\n", "data.csv", "只能上传 .xlsx"),
    "an empty file": (b"", "empty.xlsx", "无法读取该文件"),
    "a truncated file": (GOOD_FILE[: len(GOOD_FILE) // 2], "cut.xlsx", "无法读取该文件"),
    "a zip with no content types": (rezip(GOOD_FILE, lambda n, c: None if n == "[Content_Types].xml" else c),
                                    "nozip.xlsx", "无法读取该文件"),
    "a Word file renamed .xlsx": (zip_of({"[Content_Types].xml": WORD_TYPES, "word/document.xml": b"<w/>"}),
                                  "word.xlsx", "无法读取该文件"),
    "a sheet of broken XML": (rezip(GOOD_FILE, lambda n, c: c[: len(c) // 2] if n.endswith("sheet1.xml") else c),
                              "broken.xlsx", "无法读取该文件"),
    "text cells that are not UTF-8": (
        rezip(xlsx([["市场监督管理局", 2024, "专题研究法治工作", "中文议题"]]),
              lambda n, c: c.replace(REF, "中文议题".encode("gbk")) if n.endswith("sheet1.xml") else c),
        "gbk.xlsx", "无法读取该文件"),
    "a sheet declared GBK": (
        rezip(xlsx([["市场监督管理局", 2024, "专题研究法治工作", "中文议题"]]),
              lambda n, c: b'<?xml version="1.0" encoding="GBK"?>' + c.replace(REF, "中文议题".encode("gbk"))
              if n.endswith("sheet1.xml") else c), "gbk2.xlsx", None),
    "a CRC error in a member": (
        rezip(GOOD_FILE, lambda n, c: c), "crc.xlsx", None),  # replaced below with a corrupted copy
    "too many members": (zip_of({"[Content_Types].xml": b"x", **{f"x/{i}.xml": b"" for i in range(1001)}}),
                         "many.xlsx", "解压后过大或结构异常"),
    "a zip bomb": (zip_of({"[Content_Types].xml": b"x", "xl/worksheets/sheet1.xml": b"\0" * (8 * 1024 * 1024)}),
                   "bomb.xlsx", "解压后过大或结构异常"),
}


def _corrupt_crc(data: bytes) -> bytes:
    """Flip a byte of the sheet's compressed data: the zip reads, the CRC check fails."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 2
    return data[:start] + bytes([data[start] ^ 0xFF]) + data[start + 1:]


BAD_FILES["a CRC error in a member"] = (_corrupt_crc(GOOD_FILE), "crc.xlsx", "无法读取该文件")


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_gets_a_chinese_message_and_writes_nothing(case, clerk_client):
    payload, name, expected = BAD_FILES[case]
    before = snapshot(StudySession)
    response = post(clerk_client, payload, name)
    if expected is None and response.status_code == 302:  # a parser that honours the declaration
        assert StudySession.objects.filter(title="中文议题").exists()
        return
    message = refused(response)
    assert expected is None or expected in message
    assert snapshot(StudySession) == before


def test_the_good_file_used_above_does_import(clerk_client):
    """The control: the cases above are refused for what was done to the file, not the file."""
    assert post(clerk_client, GOOD_FILE).status_code == 302
    assert StudySession.objects.count() == 1


def test_a_sheet_claiming_a_million_rows_is_refused_without_reading_them_all(clerk_client):
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append(GOOD)
    ws.cell(row=1_000_001, column=1, value="市场监督管理局")  # 999,998 empty rows in between
    buffer = io.BytesIO()
    wb.save(buffer)
    message = refused(post(clerk_client, buffer.getvalue()))
    assert "单次导入不能超过200000行" in message
    assert not StudySession.objects.exists()


def test_a_file_over_the_size_limit_is_stopped_while_it_arrives(clerk_client, settings):
    settings.FAZHI_UPLOAD_MAX_MB = 1
    payload = xlsx([GOOD]) + b"\0" * (1024 * 1024 + 1)  # the zip directory is found from the end
    message = refused(post(clerk_client, payload))
    assert "不超过1MB" in message
    assert not StudySession.objects.exists()


def test_the_service_itself_refuses_an_oversized_or_unpacked_too_large_file(clerk, market_unit, settings):
    settings.FAZHI_UPLOAD_MAX_MB = 1
    big = io.BytesIO(GOOD_FILE + b"\0" * (1024 * 1024))
    big.name = "big.xlsx"
    assert import_workbook(STUDY_IMPORT, big, by=clerk).file_error == uploads.TOO_LARGE.format(mb=1)
    settings.FAZHI_UPLOAD_MAX_MB = 20
    settings.FAZHI_UPLOAD_MAX_UNPACKED_MB = 0
    small = io.BytesIO(GOOD_FILE)
    small.name = "small.xlsx"
    assert import_workbook(STUDY_IMPORT, small, by=clerk).file_error == uploads.BOMB
    assert not StudySession.objects.exists()


@pytest.mark.parametrize("formula", ['=HYPERLINK("http://evil.example/","点我")', "=cmd|' /C calc'!A0",
                                     "=1+1", '=WEBSERVICE("http://evil.example/")'])
def test_a_formula_is_never_imported_as_a_formula(formula, clerk_client):
    """openpyxl reads the cached value (none: the file was never opened in Excel), so a formula in
    a required cell is an empty required cell."""
    response = post(clerk_client, xlsx([[*GOOD[:3], formula, *GOOD[4:]]]))
    assert response.status_code == 400 and "必填项不能为空" in response.content.decode()
    assert not StudySession.objects.exists()


def test_a_32k_character_cell_is_a_cell_error(clerk_client):
    response = post(clerk_client, xlsx([[*GOOD[:3], "议" * 32_767, *GOOD[4:]]]))
    assert response.status_code == 400 and "内容过长" in response.content.decode()
    assert not StudySession.objects.exists()


# -- any cell content -----------------------------------------------------------------------

cell_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40).map(
    lambda s: ILLEGAL_CHARACTERS_RE.sub("", s))
cells = st.one_of(
    st.none(), cell_text, st.booleans(),
    st.integers(min_value=-(2**53), max_value=2**53),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(min_value=date(1900, 3, 1), max_value=date(9999, 12, 31)),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 12, 31)),
    st.sampled_from(["=1/0", '=HYPERLINK("x")', "=cmd|' /C calc'!A0", "@SUM(1)", "+1", "-1", "中文".encode("gbk").decode("latin-1"),
                     "议" * 2_500, "2024-02-30", "二〇二四", "是", "否", "市场监督管理局", "交通运输局", "专题研究法治工作"]),
)
rows = st.lists(st.lists(cells, min_size=0, max_size=12), min_size=1, max_size=6)


@FEW
@given(rows=rows)
def test_any_cell_content_is_answered_in_chinese_and_a_refusal_writes_nothing(rows, clerk_client, transport_unit):
    before = snapshot(StudySession)
    response = post(clerk_client, xlsx(rows))
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert has_chinese(refused(response))
        assert snapshot(StudySession) == before
    else:
        assert snapshot(StudySession)[0] >= before[0]
