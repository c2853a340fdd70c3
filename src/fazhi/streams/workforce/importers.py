"""Excel import of the workforce register. Natural key: unit + kind + name."""

from __future__ import annotations

from fazhi.core.importers import CHOICE, DATE, ID_NUMBER, INT, PHONE, TEXT, UNIT, ImportField, ImportSpec
from fazhi.streams.workforce.models import Member

WORKFORCE_IMPORT = ImportSpec(
    model=Member,
    title="法治队伍台账",
    key=("unit", "kind", "name"),
    fields=[
        ImportField("unit", "聘任/任职单位", UNIT, required=True),
        ImportField("year", "登记年度", INT, required=True, example=2024),
        ImportField("kind", "类别", CHOICE, required=True, choices=tuple(Member.Kind.choices)),
        ImportField("name", "姓名/团队名称", TEXT, required=True, example="示例：湖南某律师事务所法律顾问团队"),
        ImportField("firm", "律师事务所/工作单位", TEXT, example="湖南某律师事务所"),
        ImportField("position", "职务/岗位", TEXT),
        ImportField("licence_no", "执业证号/证书编号", TEXT, help="公职律师、法律职业资格持有人必填"),
        ImportField("phone", "联系电话", PHONE),
        ImportField("id_number", "公民身份号码", ID_NUMBER),
        ImportField("appointed_on", "聘任/任职日期", DATE, required=True, example="2024-01-01",
                    help="按 2024-01-01 格式填写"),
        ImportField("contract_end", "聘期届满日期", DATE, help="法律顾问团队的合同聘期届满日"),
        ImportField("ended_on", "离任（解聘）日期", DATE),
        ImportField("notes", "备注", TEXT),
    ],
)
