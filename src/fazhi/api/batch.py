"""Batch writes for upstream systems: ``POST /api/v1/<stream>/<model>/batch/``.

Up to ``MAX_RECORDS`` records per call, each upserted by the ledger's natural key through the
ledger's Excel import (``core.importers``: the same columns, natural key, parsing, validation,
scope and bulk write with audit rows), then the transition each record names run through
``core.workflow``. All or nothing: one refused record and nothing is written, the answer (422)
lists every problem as ``{index, field, message}``.

A ledger without an Excel import has no natural key and gets no batch endpoint; a ledger whose
records only the system creates (``Record.generated_only``) gets none either.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from importlib import import_module
from typing import Any

from django.db import models, transaction

from fazhi.core import importers, scope, workflow
from fazhi.core.importers import ImportField, ImportSpec
from fazhi.core.registry import stream_configs

MAX_RECORDS = 1000
INT_MIN, INT_MAX = -(2**31), 2**31 - 1
YEAR_MIN, YEAR_MAX = 2000, 2100
# Fields a record never carries: the state changes only by a transition (as in the single-record API).
NOT_SENT = frozenset({"state"})
TRANSITION = "transition"
BATCH_NOTE = "接口批量提交"
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NON_FIELD = "non_field_errors"


class BatchInvalid(Exception):
    """422: the batch is refused whole; ``errors`` = [{index, field, message}] (index None: the body)."""

    def __init__(self, errors: list[dict], detail: str = "批量数据校验未通过，未写入任何记录") -> None:
        super().__init__(detail)
        self.errors = errors
        self.detail = detail


def error(index: int | None, name: str, message: str) -> dict:
    return {"index": index, "field": name, "message": message}


# -- which ledgers ---------------------------------------------------------------------------

def import_specs() -> dict[type, ImportSpec]:
    """Each ledger model's Excel import, from every stream's ``importers`` module (the first
    ledger spec of a model; sheets with their own writer, such as accounts, are not ledgers)."""
    found: dict[type, ImportSpec] = {}
    for cfg in stream_configs():
        module = import_module(f"{cfg.name}.importers")
        for value in vars(module).values():
            if isinstance(value, ImportSpec) and value.write is None:
                found.setdefault(value.model, value)
    return found


@dataclass
class BatchSpec:
    """What a batch record of one ledger carries: the import's fields but the state."""

    spec: ImportSpec
    fields: list[ImportField] = field(init=False)
    transitions: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        self.fields = [f for f in self.spec.fields if f.name not in NOT_SENT]
        self.transitions = tuple(t.name for t in self.spec.model.workflow.transitions)

    @property
    def model(self) -> type[models.Model]:
        return self.spec.model

    def max_length(self, f: ImportField) -> int:
        try:
            length = getattr(self.model._meta.get_field(f.name), "max_length", None)
        except Exception:  # a column that is no model field (computed by the spec's defaults)
            length = None
        return min(length or importers.MAX_CELL_CHARS, importers.MAX_CELL_CHARS)

    # -- the record as JSON schema ------------------------------------------------------
    def property_of(self, f: ImportField) -> dict:
        text = f.label + (f"：{f.help}" if f.help else "")
        if f.kind == importers.INT:
            low, high = (YEAR_MIN, YEAR_MAX) if f.name == "year" else (INT_MIN, INT_MAX)
            prop: dict[str, Any] = {"type": "integer", "minimum": low, "maximum": high}
        elif f.kind == importers.BOOL:
            prop = {"type": "boolean"}
        elif f.kind == importers.DECIMAL:
            prop = {"type": ["number", "string"]}
            text += "（金额，元，保留两位小数）"
        elif f.kind == importers.DATE:
            prop = {"type": "string", "format": "date"}
            text += "（如 2024-03-15）"
        elif f.kind == importers.CHOICE:
            prop = {"type": "string", "enum": [value for value, _ in f.choices]}
            text += "。可选值：" + "；".join(f"{value}={label}" for value, label in f.choices)
        elif f.kind == importers.UNIT:
            prop = {"type": "string", "maxLength": 200}
            text += "（单位代码，或单位名称、简称）"
        else:
            prop = {"type": "string", "maxLength": self.max_length(f)}
        if prop["type"] == "string" and f.required and f.kind != importers.CHOICE:
            prop["minLength"] = 1
        if not f.required:
            prop["type"] = [*([prop["type"]] if isinstance(prop["type"], str) else prop["type"]), "null"]
            if "enum" in prop:
                prop["enum"] = [*prop["enum"], None]
        return {"title": f.label, "description": text, **prop}

    def record_json(self, title: str) -> dict:
        props = {f.name: self.property_of(f) for f in self.fields}
        names = "；".join(f"{t.name}={t.label}" for t in self.model.workflow.transitions)
        props[TRANSITION] = {"type": ["string", "null"], "enum": [*self.transitions, None], "title": "办理环节",
                             "description": f"写入后办理的环节（可选；记录已处于该环节办理后的状态则跳过）：{names or '无'}"}
        required = [f.name for f in self.fields if f.required]
        return {"title": f"{title}（批量）", "type": "object", "additionalProperties": False,
                "properties": props, "required": required,
                "description": f"一条{title}：按自然键（{'、'.join(self.key_labels)}）新增或更新；未提交的字段新增时取默认值，更新时保持不变"}

    @property
    def key_labels(self) -> list[str]:
        return [f.label for f in self.spec.fields if f.name in self.spec.key]

    # -- reading the body ---------------------------------------------------------------
    def check_json(self, index: int, record: dict) -> list[dict]:
        """What the schema refuses (types, lengths, choices, bounds, unknown fields), in Chinese."""
        known = {f.name: f for f in self.fields}
        errors = []
        for name, value in record.items():
            f = known.get(name)
            if name == TRANSITION:
                if value is not None and value not in self.transitions:
                    errors.append(error(index, name, "不存在该办理环节"))
            elif f is None:
                errors.append(error(index, name, "状态只能通过 transition 办理" if name in NOT_SENT else "未知字段"))
            elif value is not None:
                message = self._type_problem(f, value)
                if message:
                    errors.append(error(index, name, message))
        return errors

    def _type_problem(self, f: ImportField, value: Any) -> str:
        kind = f.kind
        if kind == importers.INT:
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not float(value).is_integer():
                return "应为整数"
            low, high = (YEAR_MIN, YEAR_MAX) if f.name == "year" else (INT_MIN, INT_MAX)
            return "" if low <= value <= high else f"应在 {low} 至 {high} 之间"
        if kind == importers.BOOL:
            return "" if isinstance(value, bool) else "应为 true 或 false"
        if kind == importers.DECIMAL:
            return "" if isinstance(value, (int, float, str)) and not isinstance(value, bool) else "应为数字"
        if not isinstance(value, str):
            return "应为文本"
        if kind == importers.DATE:
            try:
                date.fromisoformat(value) if ISO_DATE.match(value) else None
            except ValueError:
                return "不是有效日期"
            return "" if ISO_DATE.match(value) else "日期格式应为 YYYY-MM-DD"
        if kind == importers.CHOICE:
            values = [v for v, _ in f.choices]
            return "" if value in values else f"不是可选值之一（{'、'.join(values)}）"
        limit = 200 if kind == importers.UNIT else self.max_length(f)
        return "" if len(value) <= limit else f"不能超过 {limit} 个字符"


def records_of(body: bytes) -> list:
    """The ``records`` of a request body, or ``BatchInvalid`` naming what is wrong with it."""
    try:
        data = json.loads(body or b"null")
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: nested thousands deep
        raise BatchInvalid([error(None, "records", "请求体不是有效的 JSON")]) from None
    if not isinstance(data, dict):
        raise BatchInvalid([error(None, "records", "请求体应为 JSON 对象：{\"records\": [...]}")])
    unknown = [error(None, name, "未知字段") for name in data if name != "records"]
    records = data.get("records")
    if not isinstance(records, list) or not records:
        unknown.append(error(None, "records", "请提交 records：1 至 1000 条记录的数组"))
    elif len(records) > MAX_RECORDS:
        unknown.append(error(None, "records", f"单次最多提交 {MAX_RECORDS} 条记录，请拆分后分批提交"))
    if unknown:
        raise BatchInvalid(unknown)
    bad = [error(i, NON_FIELD, "每条记录应为 JSON 对象") for i, r in enumerate(records) if not isinstance(r, dict)]
    if bad:
        raise BatchInvalid(bad)
    return records


# -- writing ---------------------------------------------------------------------------------

@dataclass
class BatchResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    transitioned: int = 0
    results: list[dict] = field(default_factory=list)


def batch_write(batch: BatchSpec, records: list[dict], *, by) -> BatchResult:
    """Parse, validate and write ``records`` (or nothing), then take each named transition."""
    scope.require(by, "records.write", within=batch.model)
    units = importers.writable_units(by, batch.spec)
    errors: list[dict] = []
    parsed: list[tuple[int, dict]] = []
    steps: dict[int, str] = {}
    seen: dict[tuple, int] = {}
    for index, record in enumerate(records):
        problems = batch.check_json(index, record)
        errors += problems
        if problems:
            continue
        data, cells = importers.parse_row(batch.spec, record, units, batch.fields)
        data = {name: value for name, value in data.items() if name in record or name in batch.spec.key}
        errors += [error(index, name, message) for name, message in cells]
        duplicate = importers.duplicate_key(batch.spec, data, index, seen)
        if duplicate:
            errors.append(error(index, batch.spec.key[-1], duplicate.replace("行重复", "条记录重复")))
        if record.get(TRANSITION):
            steps[index] = record[TRANSITION]
        parsed.append((index, data))
    if errors:
        raise BatchInvalid(errors)
    with transaction.atomic():
        _keep_unsent(batch, parsed)
        written = importers.write_rows(batch.spec, parsed, by=by)
        if not written.ok:
            raise BatchInvalid([_cell_error(batch, e) for e in written.errors])
        result = BatchResult(created=written.created, updated=written.updated, unchanged=written.unchanged)
        records_by_index = _records(batch, parsed)
        result.transitioned, errors = _take(batch, records_by_index, steps, by)
        if errors:
            raise BatchInvalid(errors)
    final = _records(batch, parsed)
    result.results = [{"index": index, "id": final[index].pk, "state": final[index].state,
                       "version": final[index].version} for index, _ in parsed]
    return result


PLAIN = (str, int, float, Decimal, date, type(None))


def _keep_unsent(batch: BatchSpec, parsed: list[tuple[int, dict]]) -> None:
    """A field a record does not send keeps its value when the record exists (so the spec's
    per-row defaults see the whole record), and takes the model's default when it is new."""
    current = _records(batch, parsed, missing_ok=True)
    for index, data in parsed:
        record = current.get(index)
        if record is None:
            continue
        for f in batch.fields:
            if f.name in data:
                continue
            value = getattr(record, f.name, data)  # ``data``: no such attribute (a column the defaults read)
            if (f.kind == importers.UNIT or isinstance(value, PLAIN)) and value is not data:
                data[f.name] = value


def _records(batch: BatchSpec, parsed: list[tuple[int, dict]], *, missing_ok: bool = False) -> dict[int, Any]:
    rows = [(index, {**data, **batch.spec.defaults(data)}) for index, data in parsed]
    existing = importers.find_existing(batch.spec, rows)
    found = {}
    for index, data in rows:
        record = existing.get(importers.natural_key(batch.spec, data))
        if record is None and None in importers.natural_key(batch.spec, data):
            # a key with an empty value: matched by the database (IS NULL), as the import does
            record = batch.model.objects.select_related("unit").filter(**{k: data[k] for k in batch.spec.key}).first()
        if record is not None or not missing_ok:
            found[index] = record
    return found


def _take(batch: BatchSpec, records: dict[int, Any], steps: dict[int, str], by) -> tuple[int, list[dict]]:
    """Run each named transition, all records naming one transition together
    (``workflow.transition_many``: the checks of ``transition`` per record, the writes in bulk).
    A record already in the transition's target state is skipped (a batch may be sent again).
    Returns (transitions taken, errors)."""
    taken, errors = 0, []
    for name in dict.fromkeys(steps.values()):
        t = batch.model.workflow.get(name)
        indexes = {records[i].pk: i for i, step in steps.items() if step == name and records[i].state != t.target}
        if not indexes:
            continue
        refused = workflow.transition_many(batch.model, list(indexes), name, by=by, note=BATCH_NOTE)
        errors += [error(indexes[pk], TRANSITION, reason) for pk, reason in refused.items()]
        taken += 0 if refused else len(indexes)
    return taken, sorted(errors, key=lambda e: e["index"])


def _cell_error(batch: BatchSpec, e: importers.CellError) -> dict:
    if e.field == "__all__":
        name = NON_FIELD
    elif e.field:
        name = e.field
    else:
        name = batch.spec.fields[e.column - 1].name if 0 < e.column <= len(batch.spec.fields) else NON_FIELD
    return error(e.row, name, e.message)
