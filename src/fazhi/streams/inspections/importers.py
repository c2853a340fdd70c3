"""Excel import of the item list and the two registers.

The registers run to tens of thousands of rows, so they are written by ``bulk_import``: the
core importer's template, header check, cell parsing and error workbook, then the model's own
``clean()`` per row and bulk inserts/updates in one transaction with one audit event (the core
importer's per-row create + audit takes about 100 times longer, see the stream's tests).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from fazhi.core import audit
from fazhi.core import importers as core
from fazhi.core.importers import (
    BOOL,
    CHOICE,
    DATE,
    INT,
    TEXT,
    UNIT,
    USCC,
    CellError,
    ImportField,
    ImportResult,
    ImportSpec,
)
from fazhi.core.models import Unit
from fazhi.core.units import viewer_county_names
from fazhi.streams.inspections.models import (
    Category,
    Entity,
    EntityType,
    InspectionItem,
    InspectionPlan,
    Inspector,
    Method,
    RiskGrade,
)

ITEM_IMPORT = ImportSpec(
    model=InspectionItem,
    title="随机抽查事项清单",
    key=("unit", "name"),
    fields=[
        ImportField("unit", "实施单位", UNIT, required=True),
        ImportField("year", "年度", INT, required=True, example=2024),
        ImportField("code", "事项编码", TEXT, example="SC-001"),
        ImportField("name", "抽查事项", TEXT, required=True, example="示例：食品销售者经营行为检查"),
        ImportField("category", "事项类别", CHOICE, required=True, choices=tuple(Category.choices)),
        ImportField("basis", "法律依据", TEXT, required=True, example="《中华人民共和国食品安全法》第一百一十条"),
        ImportField("content", "检查内容", TEXT),
        ImportField("method", "检查方式", CHOICE, required=True, choices=tuple(Method.choices)),
        ImportField("entity_type", "检查对象类型", CHOICE, choices=tuple(EntityType.choices)),
        ImportField("ratio", "抽查比例（%）", TEXT, example="5"),
        ImportField("frequency", "抽查频次", TEXT, example="每年不少于1次"),
    ],
)

ENTITY_IMPORT = ImportSpec(
    model=Entity,
    title="检查对象名录库",
    key=("unit", "credit_code"),
    fields=[
        ImportField("unit", "监管单位", UNIT, required=True),
        ImportField("name", "名称", TEXT, required=True, example=lambda user: f"示例：{viewer_county_names(user).name}某某食品有限公司"),
        ImportField("credit_code", "统一社会信用代码", USCC, required=True),
        ImportField("entity_type", "主体类型", CHOICE, required=True, choices=tuple(EntityType.choices)),
        ImportField("industry", "行业", TEXT, example="食品销售"),
        ImportField("address", "住所（经营场所）", TEXT),
        ImportField("township", "所在乡镇（街道）", TEXT, help="填写乡镇（街道）名称或区划代码"),
        ImportField("risk_grade", "风险（信用）等级", CHOICE, required=True, choices=tuple(RiskGrade.choices)),
    ],
)

INSPECTOR_IMPORT = ImportSpec(
    model=Inspector,
    title="执法检查人员名录库",
    key=("certificate_no",),
    fields=[
        ImportField("unit", "所在单位", UNIT, required=True),
        ImportField("name", "姓名", TEXT, required=True, example="示例：张某"),
        ImportField("certificate_no", "执法证号", TEXT, required=True, example="43077100001"),
        ImportField("valid_until", "执法证有效期至", DATE, required=True, example="2027-12-31"),
        ImportField("qualifications", "可检查的事项类别", TEXT, required=True, example="食品安全、特种设备",
                    help="多个类别用顿号分隔：" + "、".join(label for _, label in Category.choices)),
        ImportField("residence_township", "居住地乡镇（街道）", TEXT, help="填写乡镇（街道）名称或区划代码"),
        ImportField("relations", "申报需回避的检查对象", TEXT, help="统一社会信用代码，多个用顿号分隔"),
        ImportField("account", "系统账号", TEXT),
    ],
)

PLAN_IMPORT = ImportSpec(
    model=InspectionPlan,
    title="年度抽查计划",
    key=("unit", "year", "title"),
    fields=[
        ImportField("unit", "牵头单位", UNIT, required=True),
        ImportField("year", "年度", INT, required=True, example=2024),
        ImportField("title", "计划名称", TEXT, required=True, example="示例：2024年度双随机抽查工作计划"),
        ImportField("joint", "部门联合抽查", BOOL),
        ImportField("cooperating_units", "配合单位", TEXT),
        ImportField("filed_on", "报上级部门备案日期", DATE),
        ImportField("note", "说明", TEXT),
    ],
)

TASK_IMPORT = None  # tasks are set up on their form: they need the plan, item and scope together

TOWNSHIP_FIELDS = {"township", "residence_township"}
BATCH = 2000


def _townships() -> dict[str, Unit]:
    found = {}
    for unit in Unit.objects.filter(kind=Unit.Kind.TOWNSHIP):
        found[unit.name] = found[unit.code] = unit
        if unit.short_name:
            found[unit.short_name] = unit
    return found


def _column_of(spec: ImportSpec, name: str) -> int:
    return next((i for i, f in enumerate(spec.fields, start=1) if f.name == name), 1)


def bulk_import(spec: ImportSpec, upload, *, by) -> ImportResult:
    """Same contract as ``core.importers.import_workbook`` (whole file validated, all rows or
    none, natural-key re-import updates instead of duplicating), written in bulk."""
    rows, file_error = core.read_upload(upload)
    if file_error:
        return ImportResult(file_error=file_error)
    if not rows:
        return ImportResult(file_error=core.EMPTY_FILE)
    if len(rows) > core.MAX_ROWS + 1:
        return ImportResult(file_error=core.TOO_MANY_ROWS.format(n=core.MAX_ROWS))
    result = ImportResult(errors=core._header_errors(spec, list(rows[0])))
    if result.errors:
        result.error_workbook = core._error_workbook(spec, rows, result.errors)
        return result
    parsed = core._parse_rows(spec, rows, by, result)
    if not parsed and not result.errors:
        return ImportResult(file_error=core.EMPTY_FILE)
    instances = _build(spec, parsed, by, result)
    if not result.errors:
        _write(spec, instances, by, result)
    if result.errors:
        result.created = result.updated = result.unchanged = 0
        result.error_workbook = core._error_workbook(spec, rows, result.errors)
    return result


def _key(spec: ImportSpec, values: dict) -> tuple:
    return tuple(getattr(values[k], "pk", values[k]) if k == "unit" else values[k] for k in spec.key)


def _existing(spec: ImportSpec, parsed: list[tuple[int, dict]]) -> dict[tuple, models.Model]:
    model = spec.model
    if "unit" not in spec.key:
        numbers = [data.get(spec.key[0]) for _, data in parsed]
        qs = model.objects.filter(**{f"{spec.key[0]}__in": numbers})
    else:
        qs = model.objects.filter(unit_id__in={data["unit"].pk for _, data in parsed if data.get("unit")})
    found = {}
    for o in qs.iterator(chunk_size=BATCH):
        found[tuple(o.unit_id if k == "unit" else getattr(o, k) for k in spec.key)] = o
    return found


def _build(spec: ImportSpec, parsed: list[tuple[int, dict]], by, result: ImportResult) -> list:
    model = spec.model
    townships = _townships()
    existing = _existing(spec, parsed)
    year = timezone.localdate().year
    editable = [f.name for f in spec.fields]
    attnames = [model._meta.get_field(n).attname for n in editable]
    out = []
    for number, data in parsed:
        problems: list[CellError] = []
        for name in TOWNSHIP_FIELDS & set(data):
            text = data[name]
            if text:
                unit = townships.get(text)
                if unit is None:
                    problems.append(CellError(number, _column_of(spec, name), f"乡镇（街道）“{text}”不存在"))
                data[name] = unit
            else:
                data[name] = None
        if "ratio" in data:
            data["ratio"] = data["ratio"] or None
        if problems or any(e.row == number for e in result.errors):
            result.errors.extend(problems)
            continue
        obj = existing.get(_key(spec, data))
        created = obj is None
        if created:
            obj = model(state=model.workflow.initial, created_by=by, updated_by=by, year=data.get("year") or year)
        before = {a: getattr(obj, a) for a in attnames} if not created else None
        for name in editable:
            setattr(obj, name, data[name])
        try:
            obj.clean_fields(exclude=["unit", "created_by", "updated_by", *TOWNSHIP_FIELDS])
            obj.clean()
        except ValidationError as exc:
            for name, messages in getattr(exc, "message_dict", {"__all__": exc.messages}).items():
                col = _column_of(spec, name) if name != "__all__" else 1
                result.errors.extend(CellError(number, col, m) for m in messages)
            continue
        if not created and all(getattr(obj, a) == before[a] for a in attnames):
            result.unchanged += 1
            continue
        out.append((created, obj))
    return out


def _write(spec: ImportSpec, instances: list, by, result: ImportResult) -> None:
    model = spec.model
    new = [obj for created, obj in instances if created]
    changed = [obj for created, obj in instances if not created]
    now = timezone.now()
    fields = [f.name for f in spec.fields if f.name != "unit"] + ["unit", "version", "updated_by", "updated_at"]
    with transaction.atomic():
        model.objects.bulk_create(new, batch_size=BATCH)
        for obj in changed:
            obj.version += 1
            obj.updated_by, obj.updated_at = by, now
        model.objects.bulk_update(changed, fields, batch_size=BATCH)
        result.created, result.updated = len(new), len(changed)
        audit.record(action=audit.Action.CREATE, actor=by,
                     unit=new[0].unit if new else (changed[0].unit if changed else None),
                     note=f"批量导入{spec.title}：新增{len(new)}条，更新{len(changed)}条，未变化{result.unchanged}条")
