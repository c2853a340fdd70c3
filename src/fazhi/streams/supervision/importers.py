"""Excel import of the 督察 plan (natural key: organising unit + inspected unit + planned date;
the inspected unit is named by its full or short name)."""

from __future__ import annotations

from django.db.models import Q

from fazhi.core.importers import DATE, INT, TEXT, UNIT, ImportField, ImportSpec
from fazhi.core.models import Unit
from fazhi.streams.supervision.models import INSPECTED_KINDS, SupervisionVisit


def _inspected_of(row: dict) -> dict:
    name = str(row.get("inspected") or "").strip()
    unit = Unit.objects.filter(Q(name=name) | Q(short_name=name), kind__in=INSPECTED_KINDS).first() if name else None
    return {"inspected": unit}


VISIT_IMPORT = ImportSpec(
    model=SupervisionVisit,
    title="法治督察计划",
    key=("unit", "inspected", "planned_on"),
    defaults=_inspected_of,
    fields=[
        ImportField("unit", "组织单位", UNIT, required=True),
        ImportField("year", "年度", INT, required=True, example=2024),
        ImportField("inspected", "督察对象", TEXT, required=True, example="市场监管局",
                    help="填写政府工作部门或乡镇（街道）的全称或简称"),
        ImportField("planned_on", "计划督察日期", DATE, required=True, example="2024-05-20",
                    help="按 2024-05-20 格式填写"),
        ImportField("team", "督察组成员", TEXT, required=True, example="李法治、周督察",
                    help="多人用顿号“、”分隔"),
        ImportField("topics", "督察事项", TEXT, required=True, example="行政执法“三项制度”落实情况"),
        ImportField("basis", "督察依据", TEXT, example="《法治政府建设与责任落实督察工作规定》"),
    ],
)
