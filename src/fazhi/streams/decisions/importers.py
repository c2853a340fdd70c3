"""Excel import of the catalogue items (the catalogue usually arrives as a spreadsheet).
Natural key: 承办单位 + 年度 + 决策事项名称. The catalogue is the one of that year covering the
lead unit (its own or the county's); it must exist first."""

from __future__ import annotations

from fazhi.core.importers import CHOICE, DATE, INT, TEXT, UNIT, ImportField, ImportSpec
from fazhi.core.units import viewer_county_names
from fazhi.streams.decisions.models import CatalogueItem, Category
from fazhi.streams.decisions.services import catalogue_for


def _catalogue(row: dict) -> dict:

    unit, year = row.get("unit"), row.get("year")
    return {"catalogue": catalogue_for(unit, year) if unit is not None and year else None}


ITEM_IMPORT = ImportSpec(
    model=CatalogueItem,
    title="决策事项目录事项",
    key=("unit", "year", "name"),
    defaults=_catalogue,
    fields=[
        ImportField("unit", "承办单位", UNIT, required=True),
        ImportField("year", "年度", INT, required=True, example=2024),
        ImportField("seq", "序号", INT, example=1),
        ImportField("name", "决策事项名称", TEXT, required=True, example=lambda user: f"示例：{viewer_county_names(user).name}城区停车管理办法"),
        ImportField("category", "事项类别", CHOICE, required=True, choices=tuple(Category.choices)),
        ImportField("legal_basis", "决策依据", TEXT, example="《重大行政决策程序暂行条例》"),
        ImportField("planned_completion", "计划完成时间", DATE, example="2024-10-31",
                    help="按 2024-10-31 格式填写"),
    ],
)
