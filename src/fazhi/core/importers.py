"""Excel import for any ledger: a template with Chinese headers, drop-downs and an example
row; an upload is validated whole and either every row is written or none is, with a copy
of the workbook returned that marks and explains each bad cell in Chinese.

A stream declares an ``ImportSpec`` (its columns and natural key); re-importing the same
file updates the matching records instead of duplicating them.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from itertools import islice
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import signals
from django.db.models.expressions import DatabaseDefault
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from python_calamine import CalamineWorkbook

from fazhi.core import audit, bulk, scope
from fazhi.core.deadlines import sync_many as sync_deadlines
from fazhi.core.identifiers import BAD_ID, BAD_USCC, is_valid_id_number, is_valid_uscc
from fazhi.core.ledger import Record, record_create, record_update
from fazhi.core.models import AuditEvent, Unit
from fazhi.core.uploads import UploadRefused, check_xlsx

MAX_ROWS = 200_000
MAX_CELL_CHARS = 2_000
BAD_FILE = "无法读取该文件，请上传由模板填写的 .xlsx 格式 Excel 文件"
EMPTY_FILE = "文件中没有数据行"
TOO_MANY_ROWS = "单次导入不能超过{n}行，请拆分后分批导入"
OTHER_UNIT_KEY = "其他单位已登记相同{labels}的记录，不能由本单位导入覆盖，请核对"
ERROR_FILL = PatternFill("solid", fgColor="FFC7CE")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
OPTIONS_SHEET = "选项"

TEXT, INT, DATE, CHOICE, UNIT, BOOL, ID_NUMBER, USCC, PHONE, DECIMAL = (
    "text", "int", "date", "choice", "unit", "bool", "id_number", "uscc", "phone", "decimal")


@dataclass(frozen=True)
class ImportField:
    name: str  # model field name ("unit" for the owning unit)
    label: str  # Chinese column header
    kind: str = TEXT
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()  # (value, label) for CHOICE
    example: Any = ""  # a value, or example(user) -> the value for that user (e.g. their county's court)
    help: str = ""


@dataclass
class ImportSpec:
    model: type[models.Model]
    title: str
    fields: list[ImportField]
    key: tuple[str, ...]  # natural key: field names identifying a record (with "unit")
    defaults: Callable[[dict], dict] = field(default=lambda row: {})  # extra values computed per row
    create_defaults: Callable[[dict], dict] = field(default=lambda row: {})  # values set only when a row creates
    # Rows may refer to records created by earlier rows of the same file (e.g. a repeat petition
    # naming the earlier one): such a ledger is written row by row, never in bulk.
    rows_refer_to_earlier_rows: bool = False
    # For a sheet that is not a ledger (e.g. accounts): the units its 单位 column may name, as
    # fn(user) -> queryset (default: the units the user may write records in), and its own writer
    # fn(spec, parsed rows, by, result) (default: ledger records, in bulk where it can).
    units: Callable[[Any], models.QuerySet[Unit]] | None = None
    write: Callable[..., None] | None = None

    @property
    def headers(self) -> list[str]:
        return [f.label for f in self.fields]


@dataclass
class CellError:
    row: int  # 1-based sheet row
    column: int  # 1-based column
    message: str
    header: str = ""  # the template's header of the column, set once the errors are collected
    field: str = ""  # the model field a validation message names ("__all__": the record as a whole)

    @property
    def column_name(self) -> str:
        """How the error page and the error workbook name the column: "O列（受理日期）"."""
        letter = get_column_letter(self.column)
        return f"{letter}列（{self.header}）" if self.header else f"{letter}列"


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[CellError] = field(default_factory=list)
    file_error: str = ""
    error_workbook: bytes | None = None
    handed_over: list = field(default_factory=list)  # what a writer gives back once (one-time passwords)

    @property
    def ok(self) -> bool:
        return not self.errors and not self.file_error


# -- template ----------------------------------------------------------------------------

def template_workbook(spec: ImportSpec, user) -> bytes:
    """An empty ledger sheet with Chinese headers, drop-downs and one example row."""
    wb = Workbook()
    ws = wb.active
    ws.title = spec.title[:31]
    options = wb.create_sheet(OPTIONS_SHEET)
    options.sheet_state = "hidden"
    for col, f in enumerate(spec.fields, start=1):
        cell = ws.cell(row=1, column=col, value=f.label + ("*" if f.required else ""))
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        ws.column_dimensions[get_column_letter(col)].width = max(12, len(f.label) * 2 + 4)
        if f.help:
            cell.comment = Comment(f.help, "Fazhi")
        example = ws.cell(row=2, column=col, value=_example_value(f, user, spec))
        example.font = Font(italic=True, color="808080")
        values = _dropdown_values(f, user, spec)
        if values:
            _add_dropdown(ws, options, col, values)
    ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _dropdown_values(f: ImportField, user, spec: ImportSpec) -> list[str]:
    if f.kind == CHOICE:
        return [label for _, label in f.choices]
    if f.kind == BOOL:
        return ["是", "否"]
    if f.kind == UNIT:
        return list(_units_of(spec, user).values_list("name", flat=True)[:500])
    return []


def _add_dropdown(ws, options, col: int, values: list[str]) -> None:
    letter = get_column_letter(col)
    for i, value in enumerate(values, start=1):
        options.cell(row=i, column=col, value=value)
    dv = DataValidation(type="list", formula1=f"'{OPTIONS_SHEET}'!${letter}$1:${letter}${len(values)}",
                        allow_blank=True, showErrorMessage=True, errorTitle="输入有误", error="请从下拉列表中选择")
    ws.add_data_validation(dv)
    dv.add(f"{letter}2:{letter}5000")


def _example_value(f: ImportField, user, spec: ImportSpec) -> Any:
    if callable(f.example):
        return f.example(user)
    if f.example not in ("", None):
        return f.example
    if f.kind == UNIT:
        unit = _units_of(spec, user).first()
        return unit.name if unit else ""
    if f.kind == CHOICE and f.choices:
        return f.choices[0][1]
    return ""


# -- parsing -----------------------------------------------------------------------------

class _CellProblem(Exception):
    pass


def _parse(f: ImportField, raw: Any, units: dict[str, Unit]) -> Any:
    if isinstance(raw, str):
        raw = raw.strip()
        if len(raw) > MAX_CELL_CHARS:
            raise _CellProblem(f"内容过长（超过{MAX_CELL_CHARS}个字符）")
    if raw in (None, ""):
        if f.required:
            raise _CellProblem("必填项不能为空")
        return None if f.kind in {INT, DECIMAL, DATE, UNIT} else ("" if f.kind != BOOL else False)
    return _PARSERS[f.kind](f, raw, units)


def _parse_text(f: ImportField, raw: Any, units: dict) -> str:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return str(raw)


def _parse_int(f: ImportField, raw: Any, units: dict) -> int:
    if isinstance(raw, bool):
        raise _CellProblem("应为整数")
    if isinstance(raw, (int, float)) and float(raw).is_integer():
        return int(raw)
    if isinstance(raw, str) and raw.lstrip("-").isdigit():
        return int(raw)
    raise _CellProblem(f"“{raw}”不是整数")


EXCEL_EPOCH = date(1899, 12, 30)  # day 0 of Excel's (and Calc's) 1900 date system, leap-year bug included
SERIALS = range(1, 109575)  # 1900-01-01 .. 2199-12-31
AS_TEXT = "，请将该列单元格设置为“文本”格式后重新填写（数字格式会丢失末位和前导零）"


def _parse_decimal(f: ImportField, raw: Any, units: dict) -> Decimal:
    """An amount (元): a number cell or its text, with "," and "元" allowed; kept to the fen."""
    if isinstance(raw, bool):
        raise _CellProblem("应为数字")
    text = str(raw).replace(",", "").replace("，", "").removesuffix("元").strip()
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise _CellProblem(f"“{raw}”不是数字") from None
    if not value.is_finite():
        raise _CellProblem(f"“{raw}”不是数字")
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _parse_date(f: ImportField, raw: Any, units: dict) -> date:
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    serial = raw if isinstance(raw, int | float) and not isinstance(raw, bool) else None
    if isinstance(raw, str) and raw.isdigit() and len(raw) == 5:
        serial = int(raw)
    if serial is not None and float(serial).is_integer() and int(serial) in SERIALS:
        return EXCEL_EPOCH + timedelta(days=int(serial))  # a date cell that lost its date format
    text = str(raw).replace("/", "-").replace(".", "-").replace("年", "-").replace("月", "-").rstrip("日")
    try:
        return date.fromisoformat("-".join(part.zfill(2) for part in text.split("-")))
    except ValueError:
        raise _CellProblem(f"“{raw}”不是有效日期，请按 2024-01-31 格式填写") from None


def _parse_choice(f: ImportField, raw: Any, units: dict) -> str:
    by_label = {label: value for value, label in f.choices}
    text = str(raw)
    if text in by_label:
        return by_label[text]
    if text in by_label.values():
        return text
    raise _CellProblem(f"“{raw}”不在可选范围内（{'、'.join(by_label)}）")


def _parse_unit(f: ImportField, raw: Any, units: dict) -> Unit:
    unit = units.get(str(raw))
    if unit is None:
        raise _CellProblem(f"单位“{raw}”不存在或您无权为其登记")
    return unit


def _parse_bool(f: ImportField, raw: Any, units: dict) -> bool:
    text = str(raw)
    if text in {"是", "1", "True", "TRUE", "Y"} or raw is True:
        return True
    if text in {"否", "0", "False", "FALSE", "N"} or raw is False:
        return False
    raise _CellProblem(f"“{raw}”应填写“是”或“否”")


def _numeric(raw: Any) -> bool:
    return isinstance(raw, int | float) and not isinstance(raw, bool)


def _parse_id_number(f: ImportField, raw: Any, units: dict) -> str:
    text = _parse_text(f, raw, units).upper()
    if not is_valid_id_number(text):
        raise _CellProblem(BAD_ID + (AS_TEXT if _numeric(raw) else ""))
    return text


def _parse_uscc(f: ImportField, raw: Any, units: dict) -> str:
    text = _parse_text(f, raw, units).upper()
    if not is_valid_uscc(text):
        raise _CellProblem(BAD_USCC + (AS_TEXT if _numeric(raw) else ""))
    return text


def _parse_phone(f: ImportField, raw: Any, units: dict) -> str:
    text = _parse_text(f, raw, units)
    if not (text.isdigit() and 7 <= len(text) <= 12) and not (text.startswith("0") and "-" in text):
        raise _CellProblem(f"“{raw}”不是有效的电话号码")
    return text


_PARSERS = {TEXT: _parse_text, INT: _parse_int, DATE: _parse_date, CHOICE: _parse_choice, UNIT: _parse_unit,
            BOOL: _parse_bool, ID_NUMBER: _parse_id_number, USCC: _parse_uscc, PHONE: _parse_phone,
            DECIMAL: _parse_decimal}


# -- import ------------------------------------------------------------------------------

def _open(upload) -> Any:
    """The workbook as python-calamine reads it (a Rust reader of the sheet XML, ~15× faster than
    openpyxl's read-only mode here), or None when the file cannot be opened."""
    try:
        upload.seek(0)
        return CalamineWorkbook.from_filelike(upload)
    except Exception:  # an untrusted file may break the reader in any way
        return None
    except BaseException as exc:  # a Rust panic (pyo3's PanicException) is a BaseException
        if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        return None


def read_upload(upload) -> tuple[list, str]:
    """(rows, "") of an uploaded workbook's first sheet, or ([], Chinese reason) when the upload
    fails the checks of ``core.uploads`` (size, type, zip bomb) or cannot be read."""
    try:
        check_xlsx(upload)  # before openpyxl sees the file
    except UploadRefused as exc:
        return [], str(exc)
    rows = _read_rows(upload)
    return ([], BAD_FILE) if rows is None else (rows, "")


def _read_rows(upload) -> list | None:
    """The first sheet's rows (at most MAX_ROWS + 2: enough to refuse a longer file), or None when
    the file cannot be read. Values come as openpyxl's read-only mode gave them (``_cell``), so
    parsing, messages and the error workbook do not depend on the reader."""
    wb = _open(upload)
    if wb is None:
        return None
    try:
        if not wb.sheet_names:
            return None
        sheet = wb.get_sheet_by_index(0)
        strings: dict[str, str] = {}  # one object per distinct text: a column's repeated values share it
        cell = _cell_reader(strings)
        if (sheet.start or (0, 0))[1] == 0:  # streamed (iter_rows starts its columns at the first used one)
            return [tuple(map(cell, row)) for row in islice(sheet.iter_rows(), MAX_ROWS + 2)]
        return [tuple(map(cell, row)) for row in sheet.to_python(skip_empty_area=False, nrows=MAX_ROWS + 2)]
    except Exception:  # same as above: malformed XML, bad CRC, odd cell types
        return None
    except BaseException as exc:  # a Rust panic, as in _open
        if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        return None
    finally:
        wb.close()


MAX_EXACT_FLOAT = 2**53  # beyond this a float cell was never an exact integer


def _cell_reader(strings: dict[str, str]) -> Callable[[Any], Any]:
    """A cell as openpyxl (read-only, values only) returns it: empty → None, a whole number → int
    (calamine gives every number as float), a date cell → datetime; equal texts as one object."""
    def cell(value: Any) -> Any:
        kind = type(value)
        if kind is str:
            return strings.setdefault(value, value) if value else None
        if kind is float:
            return int(value) if value.is_integer() and -MAX_EXACT_FLOAT < value < MAX_EXACT_FLOAT else value
        if kind is date:
            return datetime(value.year, value.month, value.day)
        return value
    return cell


def _units_of(spec: ImportSpec, user) -> models.QuerySet[Unit]:
    return spec.units(user) if spec.units else scope.units_for(user, "records.write", spec.model)


def _writable_units(user, spec: ImportSpec | None = None) -> dict[str, Unit]:
    units = {}
    for unit in (_units_of(spec, user) if spec else scope.units_for(user, "records.write")):
        units[unit.name] = unit
        units.setdefault(unit.code, unit)
        if unit.short_name:
            units.setdefault(unit.short_name, unit)
    return units


def _header_errors(spec: ImportSpec, header: list[Any]) -> list[CellError]:
    found = [str(h or "").strip().rstrip("*") for h in header]
    errors = []
    for col, f in enumerate(spec.fields, start=1):
        if col > len(found) or found[col - 1] != f.label:
            got = found[col - 1] if col <= len(found) else "（缺失）"
            errors.append(CellError(1, col, f"第{col}列表头应为“{f.label}”，实际为“{got}”，请使用下载的模板"))
    return errors


def _example_row(spec: ImportSpec, user) -> list[Any]:
    return [_example_value(f, user, spec) for f in spec.fields]


def import_workbook(spec: ImportSpec, upload, *, by) -> ImportResult:
    """Validate the whole file, then write every row (or nothing)."""
    rows, file_error = read_upload(upload)
    if file_error:
        return ImportResult(file_error=file_error)
    if not rows:
        return ImportResult(file_error=EMPTY_FILE)
    if len(rows) > MAX_ROWS + 1:
        return ImportResult(file_error=TOO_MANY_ROWS.format(n=MAX_ROWS))
    result = ImportResult(errors=_header_errors(spec, list(rows[0])))
    if result.errors:
        result.error_workbook = _error_workbook(spec, rows, result.errors)
        return result
    parsed = _parse_rows(spec, rows, by, result)
    if not parsed and not result.errors:
        return ImportResult(file_error=EMPTY_FILE)
    if not result.errors:
        with transaction.atomic():  # a writer's cell error undoes the rows written before it
            (spec.write or _write)(spec, parsed, by, result)
            if result.errors:
                transaction.set_rollback(True)
    if result.errors:
        result.created = result.updated = result.unchanged = 0
        result.error_workbook = _error_workbook(spec, rows, result.errors)
    return result


def _parse_rows(spec: ImportSpec, rows: list, by, result: ImportResult) -> list[tuple[int, dict]]:
    units = _writable_units(by, spec)
    example = _example_row(spec, by)
    seen: dict[tuple, int] = {}
    parsed = []
    caches: dict[str, dict] = {}  # a column of repeated values is parsed once per distinct cell
    for number, raw_row in enumerate(rows[1:], start=2):
        values = list(raw_row[: len(spec.fields)]) + [None] * (len(spec.fields) - len(raw_row))
        if all(v in (None, "") for v in values) or _is_example(values, example):
            continue
        data, problems = parse_row(spec, {f.name: raw for f, raw in zip(spec.fields, values, strict=True)}, units,
                                   caches=caches)
        result.errors += [CellError(number, _column_of(spec, name), message) for name, message in problems]
        duplicate = duplicate_key(spec, data, number, seen)
        if duplicate:
            result.errors.append(CellError(number, _column_of(spec, spec.key[-1]), duplicate))
        parsed.append((number, data))
    return parsed


REPEATED_KINDS = frozenset({INT, DATE, CHOICE, UNIT, BOOL, DECIMAL})  # pure functions of the cell, few distinct values


def parse_row(spec: ImportSpec, values: dict[str, Any], units: dict[str, Unit],
              fields: list[ImportField] | None = None,
              caches: dict[str, dict] | None = None) -> tuple[dict, list[tuple[str, str]]]:
    """One row's raw values (by field name; a missing name is an empty cell) as the values the
    writer takes, and the (field name, Chinese message) of each value that does not parse.
    The Excel import reads its cells into this; the API's batch its JSON records. ``fields``:
    the spec's fields to read (default all). ``caches`` (kept by the caller across rows): the
    outcome of each distinct cell of a column of repeated values (REPEATED_KINDS), parsed once."""
    data, problems = {}, []
    for f in spec.fields if fields is None else fields:
        raw = values.get(f.name)
        if caches is None or f.kind not in REPEATED_KINDS:
            try:
                data[f.name] = _parse(f, raw, units)
            except _CellProblem as exc:
                problems.append((f.name, str(exc)))
            continue
        cache = caches.setdefault(f.name, {})
        cell = (type(raw), raw)
        outcome = cache.get(cell)
        if outcome is None:
            try:
                outcome = cache[cell] = (True, _parse(f, raw, units))
            except _CellProblem as exc:
                outcome = cache[cell] = (False, str(exc))
        if outcome[0]:
            data[f.name] = outcome[1]
        else:
            problems.append((f.name, outcome[1]))
    return data, problems


def duplicate_key(spec: ImportSpec, data: dict, number: int, seen: dict[tuple, int]) -> str:
    """The Chinese refusal of a row whose natural key an earlier row of the same upload had
    (``seen``: key -> that row's number, filled here), or ""."""
    key = tuple(data.get(k) for k in spec.key)
    if None in key or "" in key:
        return ""
    if key in seen:
        return f"与第{seen[key]}行重复（{'、'.join(_labels(spec, spec.key))}相同）"
    seen[key] = number
    return ""


def _is_example(values: list, example: list) -> bool:
    return [("" if v is None else str(v)) for v in values] == [("" if v is None else str(v)) for v in example]


def _labels(spec: ImportSpec, names: tuple[str, ...]) -> list[str]:
    return [f.label for f in spec.fields if f.name in names]


def _column_of(spec: ImportSpec, name: str) -> int:
    return next((i for i, f in enumerate(spec.fields, start=1) if f.name == name), 1)


WRITE_BATCH = 2000  # rows validated, inserted and audited per round trip


def _write(spec: ImportSpec, parsed: list[tuple[int, dict]], by, result: ImportResult,
           *, bulk: bool | None = None) -> None:
    """All rows in one transaction; any model validation error rolls everything back.

    Existing records are found by natural key in one query per batch. A ledger whose model
    has no ``after_save`` hook, no ``save()`` override and no save signals is written in bulk
    (the same validation per row, then ``bulk_create``/``bulk_update`` and one audit event per
    record inserted in bulk); any other ledger goes through ``record_create``/``record_update``
    row by row, so its hooks run exactly as on the form."""
    if bulk is None:
        bulk = _bulk_safe(spec.model) and not spec.rows_refer_to_earlier_rows
    # a row's dict is shared with ``parsed`` when its defaults add nothing (memory at 100,000 rows)
    rows = [(number, {**data, **extra} if (extra := spec.defaults(data)) else data) for number, data in parsed]
    try:
        with transaction.atomic():
            existing = _existing(spec, rows, lock=bulk)
            if bulk:
                _write_bulk(spec, rows, existing, by, result)
            else:
                for number, data in rows:
                    _write_row(spec, number, data, by, result, existing)
            if result.errors:
                raise _Rollback
    except _Rollback:
        pass
    except IntegrityError:
        # A database rule the row-by-row validation did not see (e.g. a unique constraint
        # between two new rows): write row by row to name the rows, then roll back.
        if not bulk:
            raise
        result.created = result.updated = result.unchanged = 0
        _write(spec, parsed, by, result, bulk=False)


class _Rollback(Exception):
    pass


def write_rows(spec: ImportSpec, parsed: list[tuple[int, dict]], *, by) -> ImportResult:
    """Write rows already parsed (``parse_row``), numbered as the caller names them in errors:
    every row or none, as an upload is written (the spec's own writer, or ledger records in bulk
    where the model allows). Runs inside the caller's transaction when there is one."""
    result = ImportResult()
    with transaction.atomic():
        (spec.write or _write)(spec, parsed, by, result)
        if result.errors:
            transaction.set_rollback(True)
    if result.errors:
        result.created = result.updated = result.unchanged = 0
    return result


def find_existing(spec: ImportSpec, parsed: list[tuple[int, dict]]) -> dict[tuple, Any]:
    """The records registered under the rows' natural keys (key of ``natural_key`` -> record)."""
    return _existing(spec, parsed, lock=False)


def natural_key(spec: ImportSpec, data: dict) -> tuple:
    """A parsed row's natural key as ``find_existing`` keys it (records by their primary key)."""
    return _key(spec, data)


def writable_units(user, spec: ImportSpec) -> dict[str, Unit]:
    """The units a row may name (by name, code or short name): those ``user`` may write in."""
    return _writable_units(user, spec)


def _bulk_safe(model: type[models.Model]) -> bool:

    return (getattr(model, "after_save", None) is Record.after_save
            and model.save is models.Model.save
            and not signals.pre_save.has_listeners(model)
            and not signals.post_save.has_listeners(model))


def _key_value(value: Any) -> Any:
    return value.pk if isinstance(value, models.Model) else value


def _key(spec: ImportSpec, data: dict) -> tuple:
    return tuple(_key_value(data.get(k)) for k in spec.key)


def _existing(spec: ImportSpec, rows: list[tuple[int, dict]], *, lock: bool) -> dict[tuple, Any]:
    """The records already registered under the rows' natural keys, one query per batch:
    each key field narrowed with ``IN``, then matched exactly here. As the row-by-row lookup
    did, the first record in the model's ordering wins if a key matches several."""
    model = spec.model
    attnames = [model._meta.get_field(k).attname for k in spec.key]
    keys = sorted({_key(spec, data) for _, data in rows if None not in _key(spec, data)}, key=repr)
    found: dict[tuple, Any] = {}
    for i in range(0, len(keys), WRITE_BATCH):
        chunk = keys[i:i + WRITE_BATCH]
        qs = model.objects.select_related("unit").filter(
            **{f"{a}__in": {k[j] for k in chunk} for j, a in enumerate(attnames)})
        if lock:
            qs = qs.select_for_update(of=("self",))
        wanted = set(chunk)
        for obj in qs:
            key = tuple(getattr(obj, a) for a in attnames)
            if key in wanted:
                found.setdefault(key, obj)
    return found


def _lookup(spec: ImportSpec, data: dict, existing: dict[tuple, Any]) -> Any:
    key = _key(spec, data)
    if None in key:  # a key with an empty value is matched by the database as before (IS NULL)
        return spec.model.objects.select_related("unit").filter(**{k: data[k] for k in spec.key}).first()
    return existing.get(key)


def _other_unit_error(spec: ImportSpec, number: int) -> CellError:
    col = _column_of(spec, spec.key[-1])
    return CellError(number, col, OTHER_UNIT_KEY.format(labels="、".join(_labels(spec, spec.key))))


def _cell_errors(spec: ImportSpec, number: int, exc: ValidationError) -> list[CellError]:
    out = []
    for name, messages in getattr(exc, "message_dict", {"__all__": exc.messages}).items():
        col = _column_of(spec, name) if name != "__all__" else 1
        out.extend(CellError(number, col, m, field=name) for m in messages)
    return out


def _write_row(spec: ImportSpec, number: int, data: dict, by, result: ImportResult,
               existing: dict[tuple, Any] | None = None) -> None:
    if existing is None:
        found = spec.model.objects.select_related("unit").filter(**{k: data[k] for k in spec.key}).first()
    else:
        found = _lookup(spec, data, existing)
    if found is not None and not scope.can(by, "records.write", found.unit, spec.model):
        result.errors.append(_other_unit_error(spec, number))
        return
    try:
        with transaction.atomic():
            if found is None:
                data = dict(data)
                unit = data.pop("unit")
                record_create(spec.model, by=by, unit=unit, **{**data, **spec.create_defaults(data)})
                result.created += 1
            else:
                changes = {k: v for k, v in data.items() if getattr(found, k) != v}
                if changes:
                    record_update(found, by=by, **changes)
                    result.updated += 1
                else:
                    result.unchanged += 1
    except ValidationError as exc:
        result.errors.extend(_cell_errors(spec, number, exc))


def _validate(obj: models.Model, known: list[str], *, fields: _FieldCheck | None = None) -> None:
    """``full_clean()``, except that the existence queries of the foreign keys in ``known``
    (the owning unit taken from the actor's writable units, the actor) are not repeated for
    every row. Uniqueness and constraints are checked on every field, as ``full_clean`` does."""
    errors = _validate_unique(obj, _validate_fields(obj, known, fields))
    if errors:
        raise ValidationError(errors)


def _validate_fields(obj: models.Model, known: list[str], fields: _FieldCheck | None = None) -> dict:
    """The first half of ``_validate``: the fields (``fields.clean`` skips values already found
    valid) and the model's ``clean()``; the errors as ``update_error_dict`` collects them."""
    errors: dict = {}
    clean_fields = (lambda: fields.clean(obj, known)) if fields else (lambda: obj.clean_fields(exclude=known))
    for step in (clean_fields, obj.clean):
        try:
            step()
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
    return errors


def _validate_unique(obj: models.Model, errors: dict) -> dict:
    """The second half: uniqueness and constraints, on the fields that passed."""
    failed = {name for name in errors if name != NON_FIELD_ERRORS}
    for step in (lambda: obj.validate_unique(exclude=failed), lambda: obj.validate_constraints(exclude=failed)):
        try:
            step()
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
    return errors


MEMO_PER_FIELD = 4096  # distinct valid values remembered per column (units, years, kinds, dates …)


class _FieldCheck:
    """``Model.clean_fields`` for many rows of one model: a value a plain field (no relation, no
    custom ``clean``/``validate``) has already accepted unchanged is not cleaned again — the
    column's repeated values (unit, year, kind, dates, the model's defaults) are checked once."""

    def __init__(self, model: type[models.Model]):
        self.fields = [f for f in model._meta.fields if not f.generated]
        self.memo = {f.attname: set() for f in self.fields if self._pure(f)}

    @staticmethod
    def _pure(f: models.Field) -> bool:
        kind = type(f)
        return (not f.is_relation and kind.clean is models.Field.clean and kind.validate is models.Field.validate
                and kind.run_validators is models.Field.run_validators)

    def clean(self, obj: models.Model, exclude: list[str]) -> None:
        errors = {}
        for f in self.fields:
            if f.name in exclude:
                continue
            raw = getattr(obj, f.attname)
            if f.blank and raw in f.empty_values:
                continue
            if isinstance(raw, DatabaseDefault):
                continue
            seen = self.memo.get(f.attname)
            try:
                if seen is not None and (type(raw), raw) in seen:
                    continue
            except TypeError:  # an unhashable value is cleaned every time
                seen = None
            try:
                value = f.clean(raw, obj)
            except ValidationError as exc:
                errors[f.name] = exc.error_list
                continue
            setattr(obj, f.attname, value)
            if seen is not None and type(value) is type(raw) and value == raw and len(seen) < MEMO_PER_FIELD:
                seen.add((type(raw), raw))
        if errors:
            raise ValidationError(errors)


class _UniqueScreen:
    """Which records of a batch could break a uniqueness rule, found with one query per rule
    instead of two per row: a record whose values of a unique field, ``unique_together`` or
    ``UniqueConstraint(fields=…)`` (its condition ignored: a superset) match another stored row is
    validated in full by ``_validate`` and gets Django's own message; the others cannot clash with
    a stored row. A model with any other constraint (checks, expressions, ``unique_for_date``) or
    a multi-table parent is validated row by row as before (``per_row``)."""

    def __init__(self, model: type[models.Model]):
        self.model = model
        self.per_row = bool(model._meta.all_parents)
        groups: list[tuple[str, ...]] = []
        opts = model._meta
        for f in opts.local_fields:
            if f.unique and not f.primary_key:
                groups.append((f.attname,))
            if f.unique_for_date or f.unique_for_year or f.unique_for_month:
                self.per_row = True
        for names in opts.unique_together:
            groups.append(tuple(opts.get_field(n).attname for n in names))
        for constraint in opts.constraints:
            if isinstance(constraint, models.UniqueConstraint) and constraint.fields and not constraint.expressions \
                    and not any(opts.get_field(n).generated for n in constraint.fields):
                groups.append(tuple(opts.get_field(n).attname for n in constraint.fields))
            else:
                self.per_row = True
        self.groups = list(dict.fromkeys(groups))

    def suspects(self, objs: list[models.Model]) -> set[int]:
        """Indexes (into ``objs``) of the records to validate in full."""
        if self.per_row:
            return set(range(len(objs)))
        out: set[int] = set()
        manager = self.model._base_manager
        for attnames in self.groups:
            values = [tuple(getattr(obj, a) for a in attnames) for obj in objs]
            out.update(i for i, v in enumerate(values) if None in v)
            wanted = {v for v in values if None not in v}
            stored: dict[tuple, set] = {}
            keys = sorted(wanted, key=repr)
            for first in range(0, len(keys), WRITE_BATCH):
                chunk = keys[first:first + WRITE_BATCH]
                qs = manager.filter(**{f"{a}__in": {k[j] for k in chunk} for j, a in enumerate(attnames)})
                for pk, *found in qs.values_list("pk", *attnames):
                    if tuple(found) in wanted:
                        stored.setdefault(tuple(found), set()).add(pk)
            for i, (obj, v) in enumerate(zip(objs, values, strict=True)):
                if stored.get(v, set()) - {obj.pk}:
                    out.add(i)
        return out


def _write_bulk(spec: ImportSpec, rows: list[tuple[int, dict]], existing: dict[tuple, Any], by,
                result: ImportResult) -> None:
    """The same checks and audit as ``record_create``/``record_update``, in batches."""
    model = spec.model
    writable = {u.pk for u in _writable_units(by).values()}
    now = timezone.now()
    initial = model.workflow.initial if model.workflow else ""
    fields, screen = _FieldCheck(model), _UniqueScreen(model)
    for i in range(0, len(rows), WRITE_BATCH):
        new, changed, events = [], [], []
        changed_fields: set[str] = set()
        # each row: (number, refusal) or (number, obj, found, changes, before, field errors)
        pending: list[tuple] = []
        for number, data in rows[i:i + WRITE_BATCH]:
            found = _lookup(spec, data, existing)
            unit = data.get("unit")
            known = ["created_by", "updated_by"] + (["unit"] if getattr(unit, "pk", None) in writable else [])
            if found is not None and not scope.can(by, "records.write", found.unit, model):
                pending.append((number, _other_unit_error(spec, number)))
                continue
            changes, before = {}, None
            if found is None:
                if not scope.can(by, "records.write", unit, model):
                    pending.append((number, CellError(number, _column_of(spec, "unit"), scope.DENIED_MESSAGE)))
                    continue
                rest = {k: v for k, v in data.items() if k != "unit"}
                obj = model(unit=unit, created_by=by, updated_by=by, **{**rest, **spec.create_defaults(rest)})
                if not obj.state and model.workflow:
                    obj.state = initial
            else:
                changes = {k: v for k, v in data.items() if getattr(found, k) != v}
                if not changes:
                    result.unchanged += 1
                    continue
                if "unit" in changes and not scope.can(by, "records.write", changes["unit"], model):
                    pending.append((number, CellError(number, _column_of(spec, "unit"), scope.DENIED_MESSAGE)))
                    continue
                obj, before = found, audit.editable_snapshot(found)
                for name, value in changes.items():
                    setattr(obj, name, value)
                obj.updated_by, obj.updated_at = by, now
                obj.version += 1
            pending.append((number, obj, found, changes, before, _validate_fields(obj, known, fields)))
        clean = [entry[1] for entry in pending if len(entry) > 2 and not entry[5]]
        suspects = {id(clean[j]) for j in screen.suspects(clean)} if clean else set()
        for entry in pending:
            if len(entry) == 2:
                result.errors.append(entry[1])
                continue
            number, obj, found, changes, before, errors = entry
            if errors or id(obj) in suspects:
                errors = _validate_unique(obj, errors)
            if errors:
                result.errors.extend(_cell_errors(spec, number, ValidationError(errors)))
                continue
            if found is None:
                new.append(obj)
            else:
                old, after = audit.diff(before, audit.editable_snapshot(obj))
                changed_fields.update(changes)
                changed.append(obj)
                if after:
                    events.append(audit.build(action=audit.Action.UPDATE, actor=by, obj=obj, before=old, after=after))
        if result.errors:
            continue  # keep validating the rest so every bad cell is reported; nothing is kept
        bulk.insert(model, new, batch_size=WRITE_BATCH)
        if changed:
            model.objects.bulk_update(changed, sorted({*changed_fields, "version", "updated_by", "updated_at"}),
                                      batch_size=WRITE_BATCH)
        events.extend(audit.build(action=audit.Action.CREATE, actor=by, obj=obj, after=audit.editable_snapshot(obj))
                      for obj in new)
        if model.tracked:  # declared deadlines, as record_create does, one batch at a time
            written = [*new, *changed]
            for first in range(0, len(written), WRITE_BATCH):
                sync_deadlines(written[first:first + WRITE_BATCH])
        bulk.insert(AuditEvent, events, batch_size=WRITE_BATCH)
        audit.recorded.send(sender=AuditEvent, events=events)
        result.created += len(new)
        result.updated += len(changed)


def _name_columns(spec: ImportSpec, errors: list[CellError]) -> None:
    for e in errors:
        if not e.header and e.column <= len(spec.fields):
            e.header = spec.fields[e.column - 1].label


def _error_workbook(spec: ImportSpec, rows: list, errors: list[CellError]) -> bytes:
    """The uploaded rows with each bad cell filled red, commented, and a summary column."""
    wb = Workbook()
    ws = wb.active
    ws.title = "导入错误"
    for row in rows:
        ws.append([v if not isinstance(v, str) or not v.startswith("=") else "'" + v for v in row])
    summary_col = max(len(spec.fields), max((len(r) for r in rows), default=0)) + 1
    ws.cell(row=1, column=summary_col, value="错误说明").font = Font(bold=True, color="C00000")
    by_row: dict[int, list[str]] = {}
    _name_columns(spec, errors)
    for e in errors:
        cell = ws.cell(row=e.row, column=e.column)
        cell.fill = ERROR_FILL
        cell.comment = Comment(e.message, "Fazhi")
        by_row.setdefault(e.row, []).append(f"{e.header or e.column_name}：{e.message}")
    for number, messages in by_row.items():
        ws.cell(row=number, column=summary_col, value="；".join(messages))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
