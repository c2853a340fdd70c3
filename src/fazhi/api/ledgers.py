"""One set of REST endpoints per ledger, discovered from the stream registry.

For every model label in every stream manifest's ``ledgers`` this mounts
``<stream>/<model>/`` (list, create), ``<stream>/<model>/{id}/`` (detail, update) and
``<stream>/<model>/{id}/transitions/{name}/``. Writes go through ``record_create``,
``record_update`` (with ``expected_version``) and ``workflow.transition``; reads are scoped
with ``fazhi.core.scope`` and personal data is masked without ``personal.view``.
"""

# No ``from __future__ import annotations`` here: ninja reads the view signatures at runtime.

import json
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from functools import cached_property
from typing import Any, Literal

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from ninja import NinjaAPI, Path, Query

from fazhi.api import auth
from fazhi.api import batch as batching
from fazhi.api.errors import ApiValidationError, Conflict
from fazhi.core import audit, privacy, scope, workflow
from fazhi.core.ledger import NUL_MESSAGE, record_create, record_update
from fazhi.core.models import Unit
from fazhi.core.registry import StreamManifest, streams
from fazhi.core.roles import CAPABILITIES

MAX_LIMIT = 500
DEFAULT_LIMIT = 50
# Bounds every operation documents: a year the platform can hold, an offset and an id the
# database can take (beyond them a request is refused with 422, never a server error).
MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_OFFSET = 10_000_000
MAX_ID = 2**63 - 1
# Text a query may carry: anything but NUL, which PostgreSQL cannot even compare.
NO_NUL = r"^[^\x00]*$"
# Path segments the API itself uses; a stream with such a key gets no endpoints.
# JSON carries these as text only (a number is not a date).
TEXT_ONLY_FIELDS = (models.DateField, models.TimeField, models.DurationField, models.UUIDField,
                    models.GenericIPAddressField)
RESERVED_KEYS = frozenset({"indicators", "tokens", "docs", "openapi.json", "units", "reports"})
# Fields shown but never written through the API (state changes only by transitions).
SYSTEM_FIELDS = ("id", "unit", "year", "state", "version", "created_at", "updated_at")
HIDDEN_FIELDS = frozenset({"created_by", "updated_by"})
# A field masked for the caller in some row cannot sort the list: its order would leak the hidden values.
ORDERING_MASKED = "该字段为个人信息，您无权查看其完整内容，不能按其排序"
READ_ONLY_MESSAGES = {
    "state": "状态只能通过办理环节变更（POST …/transitions/<环节>/）",
    "version": "版本号由系统维护；修改时请在 expected_version 中提供当前版本号",
}


_JSON_TYPES: dict[Any, dict] = {
    int: {"type": "integer"}, bool: {"type": "boolean"}, float: {"type": "number"},
    Decimal: {"type": "string", "format": "decimal"}, date: {"type": "string", "format": "date"},
    datetime: {"type": "string", "format": "date-time"}, time: {"type": "string", "format": "time"},
    str: {"type": "string"},
}
ERROR_JSON = {"title": "错误", "type": "object", "required": ["detail"], "properties": {
    "detail": {"type": "string", "title": "说明", "description": "中文说明"},
    "errors": {"type": "object", "title": "字段错误",
               "additionalProperties": {"type": "array", "items": {"type": "string"}},
               "description": "各字段的中文错误说明（字段名 → 说明列表）"},
    "version": {"type": ["integer", "null"], "title": "当前版本号", "description": "版本冲突时：记录的当前版本号"},
    "state": {"type": "string", "title": "当前状态", "description": "环节不可办理时：记录的当前状态代码"}}}
ERROR_TEXT = {400: "请求格式不正确", 401: "未认证或令牌无效", 403: "无权访问", 404: "不存在或无权查看",
              409: "版本冲突或当前状态不能办理", 413: "请求体过大", 422: "校验未通过", 429: "请求过于频繁"}


def error_responses(*codes: int) -> dict:
    """The documented error answers of one operation, all JSON (``ERROR_JSON``). Integer status
    keys, as ninja uses (a "200" next to 200 would be a duplicate key in the JSON). Plain JSON
    schema, not a pydantic model per operation: those cost seconds at start-up with many ledgers."""
    return {code: {"description": ERROR_TEXT[code], "content": {"application/json": {"schema": ERROR_JSON}}}
            for code in codes}


# What an operation with credentials can answer besides success: unauthenticated, forbidden,
# invalid input, rate-limited; reads and writes of one record add 404, writes 409 and 413.
AUTH_ERRORS = (401, 403, 422, 429)
ERROR_RESPONSES = error_responses(*AUTH_ERRORS)
RECORD_ERRORS = (*AUTH_ERRORS, 404)
WRITE_ERRORS = (*RECORD_ERRORS, 409, 413)


def _python_type(field: models.Field) -> Any:
    if isinstance(field, models.JSONField):
        return Any
    if isinstance(field, models.ForeignKey):
        return int
    if isinstance(field, models.BooleanField):
        return bool
    if isinstance(field, (models.IntegerField, models.AutoField)):
        return int
    if isinstance(field, models.DecimalField):
        return Decimal
    if isinstance(field, models.FloatField):
        return float
    if isinstance(field, models.DateTimeField):
        return datetime
    if isinstance(field, models.DateField):
        return date
    if isinstance(field, models.TimeField):
        return time
    return str


def _description(field: models.Field, name_hint: str = "") -> str:
    """A field's Chinese description, from the model: verbose_name, help_text, choices."""
    text = str(field.verbose_name)
    if isinstance(field, models.ForeignKey):
        text += f"（{field.related_model._meta.verbose_name}的 id）"
    if field.help_text:
        text += f"：{field.help_text}"
    if field.choices:
        text += "。可选值：" + "；".join(f"{value}={label}" for value, label in field.flatchoices)
    return text + name_hint


def _property(field: models.Field, hint: str = "") -> dict:
    """A field as a JSON schema property titled with its verbose_name."""
    prop = dict(_JSON_TYPES.get(_python_type(field), {}))
    prop["title"] = str(field.verbose_name)
    prop["description"] = _description(field, hint)
    return prop


def _prop(kind: str, title: str, description: str = "", **extra) -> dict:
    return {"type": kind, "title": title, "description": description or title, **extra}


PAGE_PROPERTIES = {
    "count": _prop("integer", "总条数", "符合条件的总条数"),
    "limit": _prop("integer", "每页条数"),
    "offset": _prop("integer", "跳过的条数"),
}
TRANSITION_JSON = {"type": "object", "title": "可办理环节", "properties": {
    "name": _prop("string", "环节代码", "环节代码：POST …/transitions/<环节代码>/ 办理"),
    "label": _prop("string", "环节名称"),
    "target": _prop("string", "办理后的状态代码")}}


@dataclass
class LedgerEndpoint:
    manifest: StreamManifest
    model: type
    batch: batching.BatchSpec | None = None  # the batch endpoint's records (ledgers with an Excel import)

    @property
    def generated_only(self) -> bool:
        """Records only the system creates (a scoring run, a draw): no create, no batch."""
        return bool(getattr(self.model, "generated_only", False))

    # -- description ------------------------------------------------------------------
    @property
    def slug(self) -> str:
        return self.model._meta.model_name

    @property
    def path(self) -> str:
        return f"/{self.manifest.key}/{self.slug}/"

    @property
    def title(self) -> str:
        return str(self.model._meta.verbose_name)

    @property
    def op(self) -> str:
        return f"{self.manifest.key}_{self.slug}"

    @property
    def schema_name(self) -> str:
        """Unique across streams (two streams may both have an ``Officer``)."""
        return self.manifest.key.title().replace("_", "") + self.model.__name__

    @cached_property
    def fields(self) -> list[models.Field]:
        """Concrete fields shown in the output, besides the system fields."""
        return [f for f in self.model._meta.concrete_fields if f.name not in SYSTEM_FIELDS
                and f.name not in HIDDEN_FIELDS]

    @cached_property
    def writable(self) -> dict[str, models.Field]:
        names = {"unit": self.model._meta.get_field("unit"), "year": self.model._meta.get_field("year")}
        # Files cannot travel in JSON: they are shown (as their name) but not written here.
        names.update({f.name: f for f in self.fields if f.editable and not isinstance(f, models.FileField)})
        return names

    @cached_property
    def out_json(self) -> dict:
        """The record as JSON schema (hand-built: pydantic models per ledger cost start-up time)."""
        states = "；".join(f"{k}={v}" for k, v in self.model.workflow.states.items())
        props: dict[str, dict] = {
            "id": _prop("integer", "记录 id", f"{self.title}的 id（详情、修改、办理环节的路径参数）"),
            "unit": _prop("string", "承办单位代码"),
            "unit_name": _prop("string", "承办单位名称"),
            "year": _prop("integer", "年度"),
            "state": _prop("string", "状态代码", f"状态代码。{states}"),
            "state_label": _prop("string", "状态名称"),
            "version": _prop("integer", "版本号", "版本号；修改时作为 expected_version 提交"),
            "created_at": _prop("string", "创建时间", format="date-time"),
            "updated_at": _prop("string", "更新时间", format="date-time"),
        }
        for f in self.fields:
            hint = "（个人信息：无查看权限时脱敏）" if f.name in self.model.personal_fields else ""
            hint += "（只读）" if not f.editable else ""
            prop = _property(f, hint)
            if "type" in prop:
                prop["type"] = [prop["type"], "null"]
            props[f.name] = prop
        props["transitions"] = {"type": "array", "title": "可办理环节",
                                "description": "当前账号可办理的环节（仅详情及写操作返回）", "items": TRANSITION_JSON}
        # Every answer carries every field (null when empty); only the transitions are detail-only.
        return {"title": self.title, "type": "object", "properties": props,
                "required": [name for name in props if name != "transitions"]}

    @property
    def component_schemas(self) -> dict[str, dict]:
        name = self.schema_name
        extra = {}
        if self.batch is not None:
            extra[f"{name}BatchRecord"] = self.batch.record_json(self.title)
        return {
            **extra,
            name: self.out_json,
            f"{name}List": {"title": f"{self.title}列表", "type": "object",
                            "required": ["count", "limit", "offset", "results"],
                            "properties": {**PAGE_PROPERTIES,
                                           "results": {"type": "array", "title": "本页记录",
                                                       "description": f"本页的{self.title}",
                                                       "items": {"$ref": f"#/components/schemas/{name}"}}}},
        }

    def responses(self, status: int, errors: tuple[int, ...], *, listing: bool = False) -> dict:
        ref = f"#/components/schemas/{self.schema_name}{'List' if listing else ''}"
        return {"responses": {**error_responses(*errors), status: {
            "description": "成功", "content": {"application/json": {"schema": {"$ref": ref}}}}}}

    def _in_schema(self, partial: bool) -> dict:
        """The request body as JSON schema, built by hand (cheap at start-up)."""
        props: dict[str, dict] = {}
        required: list[str] = []
        if partial:
            props["expected_version"] = _prop("integer", "读取时的版本号", "读取时的 version；他人已修改则返回 409")
            required.append("expected_version")
        for name, f in self.writable.items():
            if name == "unit":
                props[name] = _prop("string", "承办单位代码", "承办单位代码（缺省为本账号唯一可写单位）", maxLength=32)
                continue
            if name == "year":
                props[name] = _prop("integer", "年度", "年度（缺省为本年）", minimum=MIN_YEAR, maximum=MAX_YEAR)
                continue
            prop = _property(f)
            if f.choices:
                prop["enum"] = [value for value, _ in f.flatchoices]
            if getattr(f, "max_length", None) and prop.get("type") == "string":
                prop["maxLength"] = f.max_length
            if isinstance(f, (models.CharField, models.TextField)) and not f.blank and not f.choices:
                prop["minLength"] = 1
            if (f.null or f.blank) and "type" in prop:
                prop["type"] = [prop["type"], "null"]
            props[name] = prop
            if not partial and not f.blank and not f.has_default() and not f.null:
                required.append(name)
        schema = {"type": "object", "properties": props, "additionalProperties": False}
        if required:
            schema["required"] = required
        return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}},
                **self.responses(200 if partial else 201, WRITE_ERRORS if partial else (*AUTH_ERRORS, 413))}

    # -- reading ----------------------------------------------------------------------
    def masked(self, user, record) -> bool:
        return bool(self.model.personal_fields) and not scope.can(user, "personal.view", record.unit, self.model)

    def serialize(self, record, user, *, masked: bool, detail: bool = False) -> dict:
        data = {
            "id": record.pk, "unit": record.unit.code, "unit_name": record.unit.name, "year": record.year,
            "state": record.state, "state_label": record.state_label, "version": record.version,
            "created_at": record.created_at, "updated_at": record.updated_at,
        }
        for f in self.fields:
            value = getattr(record, f.attname)
            kind = self.model.personal_fields.get(f.name)
            if masked and kind and isinstance(value, str) and value:
                value = privacy.mask(kind, value)
            elif isinstance(f, models.FileField):
                value = value.name or None
            elif value is not None and _python_type(f) is str and not isinstance(value, str):
                value = str(value)  # UUIDs, IP addresses …
            data[f.name] = value
        if detail:
            data["transitions"] = [{"name": t.name, "label": t.label, "target": t.target}
                                   for t in self.model.workflow.available(record, user)]
        return data

    def get_visible(self, user, pk: int):
        record = self.model.objects.select_related("unit").filter(pk=pk).first()
        if record is None or not scope.can(user, "records.read", record.unit, record):
            raise Http404
        return record

    # -- writing ----------------------------------------------------------------------
    def _default_unit(self, user) -> Unit | None:
        units = {m.unit for m in user.active_memberships()
                 if CAPABILITIES.get(m.role, {}).get("records.write")}
        return units.pop() if len(units) == 1 else None

    def clean_payload(self, user, data: dict, *, partial: bool) -> dict[str, Any]:
        """Convert JSON values to field values; unknown or read-only fields are errors."""
        errors: dict[str, list[str]] = {}
        values: dict[str, Any] = {}
        for name, value in data.items():
            field = self.writable.get(name)
            if field is None:
                if name in READ_ONLY_MESSAGES:
                    errors[name] = [READ_ONLY_MESSAGES[name]]
                elif name in {f.name for f in self.fields} or name in SYSTEM_FIELDS:
                    errors[name] = ["只读字段，不能通过接口修改"]
                else:
                    errors[name] = ["未知字段"]
                continue
            if isinstance(value, (dict, list)):
                errors[name] = ["格式不正确"]
                continue
            try:
                values[name] = self._convert(user, field, value)
            except DjangoValidationError as exc:
                errors[name] = list(exc.messages)
        if not partial:
            if "unit" not in values:
                unit = self._default_unit(user)
                if unit is None:
                    errors.setdefault("unit", ["请填写承办单位代码"])
                else:
                    values["unit"] = unit
            values.setdefault("year", timezone.localdate().year)
        if errors:
            raise ApiValidationError(errors)
        return values

    def _convert(self, user, field: models.Field, value: Any) -> Any:
        if field.name == "year" and not (isinstance(value, int) and not isinstance(value, bool)
                                         and MIN_YEAR <= value <= MAX_YEAR):
            raise DjangoValidationError(f"年度应为 {MIN_YEAR} 至 {MAX_YEAR} 之间的整数")
        if field.name == "unit":
            code = str(value or "").strip() if value is not None else ""
            unit = Unit.objects.filter(code=code).first() if code and "\x00" not in code else None
            if unit is None:
                raise DjangoValidationError("单位代码不存在")
            return unit
        if value is None or value == "" and not isinstance(field, (models.CharField, models.TextField)):
            if field.null:
                return None
            if field.blank and isinstance(field, (models.CharField, models.TextField)):
                return ""
            raise DjangoValidationError("该字段不能为空")
        if isinstance(field, models.ForeignKey):
            pk = field.target_field.to_python(value)
            if isinstance(pk, int) and not 0 < pk < 2**63:
                raise DjangoValidationError(f"所选{field.related_model._meta.verbose_name}不存在")
            target = field.related_model._default_manager.filter(pk=pk).first()
            target_unit = getattr(target, "unit", None) if target is not None else None
            if target is None or (isinstance(target_unit, Unit)
                                  and not scope.can(user, "records.read", target_unit, target)):
                raise DjangoValidationError(f"所选{field.related_model._meta.verbose_name}不存在")
            return target
        if isinstance(field, models.BooleanField) and not isinstance(value, bool):
            raise DjangoValidationError("应为 true 或 false")
        if isinstance(field, (models.IntegerField, models.DecimalField, models.FloatField)) and isinstance(value, bool):
            raise DjangoValidationError("应为数字")
        if isinstance(field, TEXT_ONLY_FIELDS) and not isinstance(value, str):
            raise DjangoValidationError("格式不正确，应为文本（日期如 2026-12-03）")
        try:
            return field.to_python(value)
        except (TypeError, ValueError, OverflowError):
            raise DjangoValidationError("格式不正确") from None


def _body(request) -> dict:
    if not request.body:
        return {}
    try:
        data = json.loads(request.body)
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: nested thousands deep
        raise ApiValidationError({"non_field_errors": ["请求体不是有效的 JSON"]}) from None
    if not isinstance(data, dict):
        raise ApiValidationError({"non_field_errors": ["请求体应为 JSON 对象"]})
    return data


def _search(endpoint: LedgerEndpoint, q: str) -> Q:
    condition = Q()
    for f in endpoint.fields:
        if (isinstance(f, (models.CharField, models.TextField)) and not f.choices
                and f.name not in endpoint.model.personal_fields):
            condition |= Q(**{f"{f.name}__icontains": q})
    return condition


def _parse_version(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ApiValidationError({"expected_version": ["应为整数"]})
    try:
        return int(value)
    except ValueError:
        raise ApiValidationError({"expected_version": ["应为整数"]}) from None




# ISO 8601 date and time, the offset optional (a time without one is Beijing time): a bare number
# is not a time (pydantic would read "10" as seconds since 1970).
DATETIME_PATTERN = r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?$"


def parse_datetime_param(name: str, value: str | None) -> datetime | None:
    """A query parameter matching ``DATETIME_PATTERN`` as an aware datetime; 422 if no such time."""
    if value is None:
        return None
    try:
        parsed = parse_datetime(value)
    except ValueError:
        parsed = None
    if parsed is None:
        raise ApiValidationError({name: ["时间格式应为 ISO 8601（如 2024-05-01T08:00:00+08:00）"]})
    return timezone.make_aware(parsed) if timezone.is_naive(parsed) else parsed


def sortable(endpoint: LedgerEndpoint) -> list[str]:
    """The ``ordering`` values a ledger list takes: each sortable field, ascending and descending."""
    names = ["id", "unit", "year", "state", "version", "created_at", "updated_at",
             *(f.name for f in endpoint.fields if not isinstance(f, (models.JSONField, models.FileField)))]
    return [v for name in names for v in (name, f"-{name}")]


def mount(api: NinjaAPI, endpoint: LedgerEndpoint) -> None:
    model = endpoint.model
    tag = f"{endpoint.manifest.label} · {endpoint.title}"
    # Enums per ledger, built at run time: ninja reads them from the signature (Literal -> "enum").
    Ordering = Literal[tuple(sortable(endpoint))]
    State = Literal[tuple(model.workflow.states)]
    transition_names = tuple(t.name for t in model.workflow.transitions)
    TransitionName = Literal[transition_names] if transition_names else str
    states = "；".join(f"{k}={v}" for k, v in model.workflow.states.items())
    personal = "、".join(model.personal_fields) or "无"
    names = "、".join(f"{t.name}（{t.label}）" for t in model.workflow.transitions)
    record_id = {"ge": 1, "le": MAX_ID, "title": "记录 id", "description": f"{endpoint.title}的 id"}

    def list_records(
        request,
        year: int | None = Query(None, ge=MIN_YEAR, le=MAX_YEAR, title="年度", description="年度"),
        unit: str | None = Query(None, max_length=32, pattern=NO_NUL, title="承办单位代码",
                                 description="承办单位代码（含下级单位）；不存在的代码返回 422"),
        state: State | None = Query(None, title="状态", description=f"状态代码：{states}"),  # noqa: B008
        updated_since: str | None = Query(None, pattern=DATETIME_PATTERN, title="更新时间起",
                                          description="只返回此时间之后更新的记录（ISO 8601，"
                                                      "如 2024-05-01T08:00:00+08:00；不带时区为北京时间）"),
        q: str | None = Query(None, max_length=100, pattern=NO_NUL, title="关键词",
                              description="关键词（不检索个人信息字段）"),
        ordering: Ordering = Query("-id", title="排序", description=(  # noqa: B008
            "排序字段，前加 - 为倒序，如 -updated_at；个人信息字段（"
            f"{personal}）仅在有权查看其完整内容时可用于排序，否则返回 422")),
        limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, title="每页条数",
                           description=f"每页条数（最多 {MAX_LIMIT}）"),
        offset: int = Query(0, ge=0, le=MAX_OFFSET, title="跳过的条数", description="跳过的条数"),
    ):
        user = request.auth
        scope.require(user, "records.read", within=model)
        qs = scope.filter_records(model.objects.select_related("unit"), user)
        if year is not None:
            qs = qs.filter(year=year)
        found = None
        if unit:
            found = Unit.objects.filter(code=unit).first()
            if found is None:
                raise ApiValidationError({"unit": ["单位代码不存在"]})
            qs = qs.filter(unit__path__startswith=found.path)
        if state:
            qs = qs.filter(state=state)
        since = parse_datetime_param("updated_since", updated_since)
        if since is not None:
            qs = qs.filter(updated_at__gt=since)
        if q and q.strip():
            qs = qs.filter(_search(endpoint, q.strip()))
        name = ordering.lstrip("-")
        if not scope.may_order_by(user, model, name, within=found):
            raise ApiValidationError({"ordering": [ORDERING_MASKED]})
        direction = "-" if ordering.startswith("-") else ""
        qs = qs.order_by(direction + ("unit__path" if name == "unit" else name), direction + "id")
        count = qs.count()
        rows = list(qs[offset:offset + limit])
        results, unmasked = [], 0
        for record in rows:
            masked = endpoint.masked(user, record)
            unmasked += bool(model.personal_fields) and not masked
            results.append(endpoint.serialize(record, user, masked=masked))
        if unmasked:
            audit.record(action=audit.Action.VIEW_PERSONAL, actor=user,
                         note=f"接口查询{endpoint.title}，含个人信息 {unmasked} 条")
        return {"count": count, "limit": limit, "offset": offset, "results": results}

    def get_record(request, id: int = Path(..., **record_id)):
        user = request.auth
        record = endpoint.get_visible(user, id)
        masked = endpoint.masked(user, record)
        if model.personal_fields and not masked:
            audit.record(action=audit.Action.VIEW_PERSONAL, actor=user, obj=record, note="接口查看含个人信息的记录")
        return endpoint.serialize(record, user, masked=masked, detail=True)

    def create_record(request):
        user = request.auth
        scope.require(user, "records.write", within=model)
        values = endpoint.clean_payload(user, _body(request), partial=False)
        unit = values.pop("unit")
        record = record_create(model, by=user, unit=unit, **values)
        data = endpoint.serialize(record, user, masked=endpoint.masked(user, record), detail=True)
        return api.create_response(request, data, status=201)

    def update_record(request, id: int = Path(..., **record_id)):
        user = request.auth
        record = endpoint.get_visible(user, id)
        data = _body(request)
        if "expected_version" not in data:
            raise ApiValidationError({"expected_version": ["必填：请提交读取时的版本号（version）"]})
        expected = _parse_version(data.pop("expected_version"))
        scope.require(user, "records.write", record.unit, record)
        values = endpoint.clean_payload(user, data, partial=True)
        try:
            record = record_update(record, by=user, expected_version=expected, **values)
        except DjangoValidationError as exc:
            if getattr(exc, "code", None) == "conflict":
                current = model.objects.filter(pk=record.pk).values_list("version", flat=True).first()
                raise Conflict(exc.messages[0], version=current) from None
            raise
        return endpoint.serialize(record, user, masked=endpoint.masked(user, record), detail=True)

    def transition_record(request, id: int = Path(..., **record_id),
                          name: TransitionName = Path(..., title="环节代码",  # noqa: B008
                                                      description=f"环节代码：{names}")):
        user = request.auth
        record = endpoint.get_visible(user, id)
        t = model.workflow.get(name)
        if not scope.can(user, t.capability, record.unit, record):
            raise PermissionDenied
        data = _body(request)
        unknown = set(data) - {"note", "expected_version"}
        if unknown:
            raise ApiValidationError({k: ["未知字段"] for k in sorted(unknown)})
        if "expected_version" in data and _parse_version(data["expected_version"]) != record.version:
            raise Conflict("该记录已被他人修改，请刷新后重新办理", version=record.version)
        note = data.get("note") or ""
        if not isinstance(note, str):
            raise ApiValidationError({"note": ["应为文本"]})
        if "\x00" in note:
            raise ApiValidationError({"note": [NUL_MESSAGE]})
        if len(note) > 200:
            raise ApiValidationError({"note": ["办理说明不能超过 200 字"]})
        try:
            record = workflow.transition(record, name, by=user, note=note)
        except workflow.TransitionError as exc:
            raise Conflict("；".join(exc.messages), state=record.state) from None
        return endpoint.serialize(record, user, masked=endpoint.masked(user, record), detail=True)

    def batch_records(request):
        user = request.auth
        scope.require(user, "records.write", within=model)
        records = batching.records_of(request.body)
        token = getattr(request, "api_token", None)
        auth.check_rows(f"token:{token.pk}" if token is not None else f"user:{user.pk}", len(records))
        result = batching.batch_write(endpoint.batch, records, by=user)
        return {"created": result.created, "updated": result.updated, "unchanged": result.unchanged,
                "transitioned": result.transitioned, "results": result.results}

    add = api.default_router.add_api_operation
    add(endpoint.path, ["GET"], list_records, operation_id=f"{endpoint.op}_list", summary=f"{endpoint.title}列表",
        tags=[tag], url_name=f"{endpoint.op}_list", openapi_extra=endpoint.responses(200, AUTH_ERRORS, listing=True))
    if not endpoint.generated_only:
        add(endpoint.path, ["POST"], create_record, operation_id=f"{endpoint.op}_create",
            summary=f"新增{endpoint.title}", tags=[tag], url_name=f"{endpoint.op}_create",
            openapi_extra=endpoint._in_schema(partial=False))
    if endpoint.batch is not None and not endpoint.generated_only:
        add(endpoint.path + "batch/", ["POST"], batch_records, operation_id=f"{endpoint.op}_batch",
            summary=f"批量新增或更新{endpoint.title}", description=batch_description(endpoint), tags=[tag],
            url_name=f"{endpoint.op}_batch", openapi_extra=batch_operation(endpoint))
    detail_path = endpoint.path + "{id}/"
    add(detail_path, ["GET"], get_record, operation_id=f"{endpoint.op}_get", summary=f"{endpoint.title}详情",
        tags=[tag], url_name=f"{endpoint.op}_get", openapi_extra=endpoint.responses(200, RECORD_ERRORS))
    add(detail_path, ["PATCH"], update_record, operation_id=f"{endpoint.op}_update", summary=f"修改{endpoint.title}",
        tags=[tag], url_name=f"{endpoint.op}_update", openapi_extra=endpoint._in_schema(partial=True))
    if not model.workflow.transitions:
        return
    body = {"type": "object", "additionalProperties": False,
            "properties": {"note": _prop("string", "办理说明", maxLength=200, pattern=NO_NUL),
                           "expected_version": _prop("integer", "读取时的版本号",
                                                     "可选：读取时的版本号；他人已修改则返回 409")}}
    add(detail_path + "transitions/{name}/", ["POST"], transition_record, operation_id=f"{endpoint.op}_transition",
        summary=f"办理{endpoint.title}环节", description=f"可用环节：{names}。", tags=[tag],
        url_name=f"{endpoint.op}_transition",
        openapi_extra={**endpoint.responses(200, WRITE_ERRORS),
                       "requestBody": {"required": False, "content": {"application/json": {"schema": body}}}})


BATCH_ERROR_JSON = {"title": "批量校验错误", "type": "object", "required": ["detail", "errors"], "properties": {
    "detail": _prop("string", "说明", "中文说明"),
    "errors": {"type": "array", "title": "逐条错误", "description": "每个问题一项；有任何问题则整批不写入",
               "items": {"type": "object", "title": "一条错误", "required": ["index", "field", "message"],
                         "properties": {
                             "index": _prop(["integer", "null"], "记录序号",
                                            "records 中的序号（从 0 起）；请求体本身的问题为 null"),
                             "field": _prop("string", "字段", "字段名；整条记录的问题为 non_field_errors"),
                             "message": _prop("string", "说明", "中文说明")}}}}}
BATCH_RESULT_JSON = {"title": "批量写入结果", "type": "object",
                     "required": ["created", "updated", "unchanged", "transitioned", "results"], "properties": {
                         "created": _prop("integer", "新增条数"),
                         "updated": _prop("integer", "更新条数"),
                         "unchanged": _prop("integer", "未变化条数", "内容与已登记记录相同的条数"),
                         "transitioned": _prop("integer", "办理环节数", "本次办理的环节数（已处于目标状态而跳过的不计）"),
                         "results": {"type": "array", "title": "逐条结果", "description": "按提交顺序，每条记录一项",
                                     "items": {"type": "object", "title": "一条结果",
                                               "required": ["index", "id", "state", "version"], "properties": {
                                                   "index": _prop("integer", "记录序号", "records 中的序号（从 0 起）"),
                                                   "id": _prop("integer", "记录 id"),
                                                   "state": _prop("string", "状态代码"),
                                                   "version": _prop("integer", "版本号")}}}}}


def batch_description(endpoint: LedgerEndpoint) -> str:
    keys = "、".join(endpoint.batch.key_labels)
    return (f"一次提交 1 至 {batching.MAX_RECORDS} 条{endpoint.title}，按自然键（{keys}，与 Excel 导入相同）"
            "新增或更新；每条可用 transition 指定写入后办理的环节（如新增后公布）。全部成功才写入：任何一条有误"
            "则返回 422 和逐条错误（index、field、message），不写入任何记录。一次调用计为一次请求，另按令牌限制"
            "每分钟提交的记录条数（超过返回 429）。")


def batch_operation(endpoint: LedgerEndpoint) -> dict:
    record = {"$ref": f"#/components/schemas/{endpoint.schema_name}BatchRecord"}
    body = {"type": "object", "title": f"{endpoint.title}批量提交", "additionalProperties": False,
            "required": ["records"], "properties": {"records": {
                "type": "array", "title": "记录", "description": f"1 至 {batching.MAX_RECORDS} 条记录",
                "minItems": 1, "maxItems": batching.MAX_RECORDS, "items": record}}}
    errors = error_responses(401, 403, 413, 429)
    errors[422] = {"description": "校验未通过（整批未写入）",
                   "content": {"application/json": {"schema": BATCH_ERROR_JSON}}}
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": body}}},
            "responses": {**errors, 200: {"description": "成功",
                                          "content": {"application/json": {"schema": BATCH_RESULT_JSON}}}}}


def endpoints() -> list[LedgerEndpoint]:
    found = []
    specs = batching.import_specs()
    for manifest in streams():
        if manifest.key in RESERVED_KEYS:
            continue
        for label in manifest.ledgers:
            model = apps.get_model(label)
            if getattr(model, "workflow", None) is None or not hasattr(model, "unit"):
                continue
            spec = specs.get(model)
            found.append(LedgerEndpoint(manifest, model, batching.BatchSpec(spec) if spec is not None else None))
    return found


def mount_all(api: NinjaAPI) -> list[LedgerEndpoint]:
    found = endpoints()
    for endpoint in found:
        mount(api, endpoint)
        api.extra_schemas.update(endpoint.component_schemas)
    return found
