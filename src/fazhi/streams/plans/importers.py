"""Excel import of plans (natural key: unit + year + title) and of their tasks (natural key:
lead unit + plan + task content; the plan is named by its title)."""

from __future__ import annotations

from fazhi.core.importers import CHOICE, DATE, INT, TEXT, UNIT, ImportField, ImportSpec
from fazhi.streams.plans.models import Plan, Task

PLAN_IMPORT = ImportSpec(
    model=Plan,
    title="计划与专项行动",
    key=("unit", "year", "title"),
    fields=[
        ImportField("unit", "印发单位", UNIT, required=True),
        ImportField("year", "年度", INT, required=True, example=2024),
        ImportField("kind", "计划类型", CHOICE, required=True, choices=tuple(Plan.Kind.choices)),
        ImportField("title", "计划名称", TEXT, required=True, example="示例：2024年工作计划"),
        ImportField("doc_number", "文号", TEXT),
        ImportField("issued_on", "印发日期", DATE, example="2024-01-26", help="按 2024-01-26 格式填写"),
        ImportField("summary", "主要内容", TEXT),
    ],
)


def _plan_of(row: dict) -> dict:
    title = row.get("plan") or ""
    plans = Plan.objects.filter(title=title)
    plan = plans.filter(year=row.get("year")).first() or plans.order_by("-year").first()
    return {"plan": plan}


TASK_IMPORT = ImportSpec(
    model=Task,
    title="计划任务台账",
    key=("unit", "plan", "content"),
    defaults=_plan_of,
    fields=[
        ImportField("unit", "牵头单位", UNIT, required=True),
        ImportField("year", "年度", INT, required=True, example=2024),
        ImportField("plan", "所属计划", TEXT, required=True, example="示例：2024年工作计划",
                    help="填写已登记的计划名称"),
        ImportField("number", "序号", TEXT, example="（一）"),
        ImportField("content", "任务内容", TEXT, required=True, example="示例：加强组织领导"),
        ImportField("cooperating_names", "协办单位", TEXT, help="多个单位用顿号“、”分隔"),
        ImportField("deadline", "完成时限", DATE, required=True, example="2024-12-31", help="按 2024-12-31 格式填写"),
        ImportField("measures", "工作措施及目标", TEXT),
    ],
)
