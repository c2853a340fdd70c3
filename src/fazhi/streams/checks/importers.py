"""Excel import of 涉企行政检查. Natural key: unit + 统一社会信用代码 + 计划检查日期. Imported rows
are 待登记: each is registered (and gets its 检查码) on its page, where the registration rules
(无事不扰, dates, certificates) are checked."""

from __future__ import annotations

from fazhi.core.importers import CHOICE, DATE, INT, TEXT, UNIT, ImportField, ImportSpec
from fazhi.streams.checks.models import BusinessInspection, Kind

CHECK_IMPORT = ImportSpec(
    model=BusinessInspection,
    title="涉企行政检查台账",
    key=("unit", "credit_code", "planned_on"),
    fields=[
        ImportField("unit", "检查单位", UNIT, required=True),
        ImportField("year", "年度", INT, required=True, example=2026),
        ImportField("kind", "检查类型", CHOICE, required=True, choices=tuple(Kind.choices)),
        ImportField("matter", "检查事项", TEXT, required=True, example="示例：食品经营许可及索证索票检查"),
        ImportField("basis", "法律依据", TEXT, required=True, example="《中华人民共和国食品安全法》第一百一十条"),
        ImportField("entity_name", "检查对象名称", TEXT, required=True),
        ImportField("credit_code", "统一社会信用代码", TEXT, required=True, help="18位，末位为校验位"),
        ImportField("planned_on", "计划检查日期", DATE, required=True, example="2026-12-20",
                    help="按 2026-12-20 格式填写"),
        ImportField("inspectors", "检查人员", TEXT, required=True, example="张明 43070021001 2027-12-31；李华 43070021002 2028-06-30",
                    help="每人“姓名 执法证号 有效期至”，多人用“；”分隔，至少两人"),
        ImportField("draw_ref", "双随机任务编号", TEXT),
    ],
)
