"""Checks every uploaded file passes before anything parses it.

Two kinds of upload: Excel imports (``core.importers.import_workbook``, ``check_xlsx``) and
documents kept with a record (a report, evidence of rectification: ``check_document``, .docx
or .pdf). An Excel file is refused, with a Chinese message and before openpyxl opens it, when it is

- larger than ``FAZHI_UPLOAD_MAX_MB`` (default 20 MB);
- not named ``.xlsx``;
- not a zip whose ``[Content_Types].xml`` declares an Excel workbook (a CSV, an old .xls, a
  Word file or a truncated/broken file renamed .xlsx);
- a zip bomb: more than ``FAZHI_UPLOAD_MAX_MEMBERS`` members (default 1,000) or more than
  ``FAZHI_UPLOAD_MAX_UNPACKED_MB`` (default 300 MB) once unpacked, or one member packed more
  than ``MAX_RATIO`` times.

The unpacked sizes come from the zip's central directory. They can be forged, but Python's
``zipfile`` (which openpyxl reads through) never inflates a member beyond its declared size
and fails on a CRC mismatch, so the declared sizes bound the work done.
"""

from __future__ import annotations

import os
import zipfile

from django.core.files.uploadhandler import FileUploadHandler, StopUpload

from fazhi.core.config import setting

MB = 1024 * 1024
CONTENT_TYPES = "[Content_Types].xml"
XLSX_MAIN = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
MAX_RATIO = 1000  # XML of a real sheet packs 5–50 times; a bomb packs hundreds of thousands of times
MAX_CONTENT_TYPES_BYTES = 1 * MB

TOO_LARGE = "文件超过{mb}MB，请拆分后分批导入"
DOCUMENT_TOO_LARGE = "文件超过{mb}MB，请压缩后重新上传"
NOT_XLSX_NAME = "只能上传 .xlsx 格式的 Excel 文件（不支持 .xls、.csv 等格式，请在 Excel 中另存为 .xlsx）"
NOT_XLSX_CONTENT = "无法读取该文件：内容不是 .xlsx 格式的 Excel 工作簿（可能是改了扩展名的其他文件，或文件已损坏、不完整），请在 Excel 中另存为 .xlsx 后重新上传"
BOMB = "文件解压后过大或结构异常，已拒绝处理；请上传由导入模板填写的普通 Excel 文件"
EMPTY = "请选择要上传的文件"


NOT_DOCUMENT_NAME = "只能上传 .docx 或 .pdf 格式的文件（不支持 .doc、.wps 等格式，请另存为 .docx 或 .pdf）"
NOT_DOCUMENT_CONTENT = "无法读取该文件：内容不是{kind}文件（可能是改了扩展名的其他文件，或文件已损坏），请重新导出后上传"
DOCX_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"


class UploadRefused(Exception):
    """The upload fails a check; ``str(exc)`` is the Chinese message for the page."""


def max_bytes() -> int:
    return int(setting("FAZHI_UPLOAD_MAX_MB", 20)) * MB


def _size(upload) -> int:
    size = getattr(upload, "size", None)
    if isinstance(size, int):
        return size
    position = upload.tell()
    upload.seek(0, os.SEEK_END)
    size = upload.tell()
    upload.seek(position)
    return size


def check_xlsx(upload) -> None:
    """Raise ``UploadRefused`` unless ``upload`` (an uploaded file or a named binary stream) is a
    plausible .xlsx workbook within the limits. The stream is left at its start."""
    if upload is None:
        raise UploadRefused(EMPTY)
    name = str(getattr(upload, "name", "") or "")
    if name and not name.lower().endswith(".xlsx"):
        raise UploadRefused(NOT_XLSX_NAME)
    size = _size(upload)
    if size == 0:
        raise UploadRefused(NOT_XLSX_CONTENT)
    limit = max_bytes()
    if size > limit:
        raise UploadRefused(TOO_LARGE.format(mb=limit // MB))
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            _check_archive(archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, KeyError,
            NotImplementedError, RuntimeError):
        raise UploadRefused(NOT_XLSX_CONTENT) from None
    finally:
        upload.seek(0)


def check_document(upload) -> str:
    """Raise ``UploadRefused`` unless ``upload`` is a .docx (a zip whose ``[Content_Types].xml``
    declares a Word document, with the zip-bomb limits of .xlsx) or a .pdf (starting with the
    magic bytes ``%PDF-``) within the size limit. Returns the kind ("docx" or "pdf"); the
    stream is left at its start. The name is never trusted alone: the bytes must agree."""
    if upload is None:
        raise UploadRefused(EMPTY)
    name = str(getattr(upload, "name", "") or "").lower()
    kind = name.rsplit(".", 1)[-1] if "." in name else ""
    if kind not in {"docx", "pdf"}:
        raise UploadRefused(NOT_DOCUMENT_NAME)
    refused = UploadRefused(NOT_DOCUMENT_CONTENT.format(kind=f".{kind}"))
    size = _size(upload)
    if size == 0:
        raise refused
    limit = max_bytes()
    if size > limit:
        raise UploadRefused(DOCUMENT_TOO_LARGE.format(mb=limit // MB))
    try:
        upload.seek(0)
        head = upload.read(len(PDF_MAGIC))
        if kind == "pdf":
            if head != PDF_MAGIC:
                raise refused
            return kind
        if not head.startswith(ZIP_MAGIC):
            raise refused
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            _check_archive(archive, main=DOCX_MAIN, refused=NOT_DOCUMENT_CONTENT.format(kind=".docx"))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, KeyError,
            NotImplementedError, RuntimeError):
        raise refused from None
    finally:
        upload.seek(0)
    return kind


def _check_archive(archive: zipfile.ZipFile, main: bytes = XLSX_MAIN, refused: str = NOT_XLSX_CONTENT) -> None:
    members = archive.infolist()
    if len(members) > int(setting("FAZHI_UPLOAD_MAX_MEMBERS", 1000)):
        raise UploadRefused(BOMB)
    unpacked = sum(m.file_size for m in members)
    if unpacked > int(setting("FAZHI_UPLOAD_MAX_UNPACKED_MB", 300)) * MB:
        raise UploadRefused(BOMB)
    for m in members:
        if m.file_size > MB and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise UploadRefused(BOMB)
    try:
        info = archive.getinfo(CONTENT_TYPES)
    except KeyError:
        raise UploadRefused(refused) from None
    if info.file_size > MAX_CONTENT_TYPES_BYTES:
        raise UploadRefused(BOMB)
    if main not in archive.read(info):
        raise UploadRefused(refused)


def cut_off_message(request) -> str | None:
    """The Chinese refusal for a request whose file was over the limit and was not received (the
    form fields after it are lost too), or None."""
    if request.method == "POST":
        request.POST  # noqa: B018 - parsing the body is what runs the upload handlers
    if getattr(request, "upload_cut_off", None) is None:
        return None
    return f"上传的文件超过{max_bytes() // MB}MB，未能接收，本次提交未保存：请压缩或拆分后重新上传"


NOT_EVIDENCE_NAME = "只能上传 .pdf、.docx、.jpg 或 .png 格式的佐证材料（不支持 .doc、.wps、.zip 等格式）"
IMAGE_MAGIC = {"png": (b"\x89PNG\r\n\x1a\n",), "jpg": (b"\xff\xd8\xff",), "jpeg": (b"\xff\xd8\xff",)}


def check_evidence(upload) -> str:
    """``check_document``, and also a .jpg/.jpeg or .png photo or scan whose first bytes are the
    format's signature (a renamed file is refused), within the same size limit. Returns the
    kind ("pdf", "docx", "jpg", "png"); the stream is left at its start."""
    if upload is None:
        raise UploadRefused(EMPTY)
    name = str(getattr(upload, "name", "") or "").lower()
    kind = name.rsplit(".", 1)[-1] if "." in name else ""
    if kind in {"pdf", "docx"}:
        return check_document(upload)
    return _check_image(upload, kind, NOT_EVIDENCE_NAME, NOT_DOCUMENT_CONTENT.format(kind=f".{kind}图片"))


NOT_PHOTO_NAME = "只能上传 JPEG（.jpg）或 PNG（.png）格式的照片（不支持 HEIC 等其他格式，请在手机相机设置中选择“兼容性最佳”后重新拍照）"
NOT_PHOTO_CONTENT = "无法读取该文件：内容不是 JPEG 或 PNG 图片（可能是改了扩展名的其他文件，或文件已损坏），请重新拍照后上传"


def check_photo(upload) -> str:
    """Raise ``UploadRefused`` unless ``upload`` is a .jpg/.jpeg or .png within the size limit
    whose first bytes are the format's signature. Returns "jpg" or "png"; the stream is left at
    its start. ``core.images.photo_content`` then decodes and cleans it."""
    if upload is None:
        raise UploadRefused(EMPTY)
    name = str(getattr(upload, "name", "") or "").lower()
    kind = name.rsplit(".", 1)[-1] if "." in name else ""
    return _check_image(upload, kind, NOT_PHOTO_NAME, NOT_PHOTO_CONTENT)


def _check_image(upload, kind: str, wrong_name: str, wrong_content: str) -> str:
    """A .jpg/.jpeg or .png (``kind``, from the name) within the size limit whose first bytes are
    the format's signature; "jpg" or "png", the stream left at its start."""
    if kind not in IMAGE_MAGIC:
        raise UploadRefused(wrong_name)
    size = _size(upload)
    if size > max_bytes():
        raise UploadRefused(DOCUMENT_TOO_LARGE.format(mb=max_bytes() // MB))
    try:
        upload.seek(0)
        head = upload.read(8)
    finally:
        upload.seek(0)
    if size == 0 or not any(head.startswith(magic) for magic in IMAGE_MAGIC[kind]):
        raise UploadRefused(wrong_content)
    return "jpg" if kind == "jpeg" else kind


class SizeLimitUploadHandler(FileUploadHandler):
    """First in ``FILE_UPLOAD_HANDLERS``: stops receiving a file once it passes the upload limit,
    so an oversized upload is never written to disk in full; the view then finds no file and
    says how large a file may be."""

    def __init__(self, request=None) -> None:
        super().__init__(request)
        self.received = 0

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > max_bytes():
            if self.request is not None:  # the view must refuse, not go on as if no file was chosen
                self.request.upload_cut_off = self.field_name
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None
