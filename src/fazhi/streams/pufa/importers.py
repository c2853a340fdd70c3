"""Excel import of 普法 activities and the 法律明白人 roster (core importer machinery: template,
whole-file validation, all-or-nothing write, error workbook).

Natural keys: activities unit + date + name; 法律明白人 village + name + training date. Imported
activities dated today or earlier are 已开展, later ones 计划.
"""

from __future__ import annotations

from django.utils import timezone

from fazhi.core.importers import BOOL, CHOICE, DATE, ID_NUMBER, INT, PHONE, TEXT, UNIT, ImportField, ImportSpec
from fazhi.streams.pufa.models import Activity, ActivityKind, AudienceKind, LegalLiterate


def _activity_state(row: dict) -> dict:
    held = row.get("held_on")
    return {"state": "held" if held and held <= timezone.localdate() else "planned"}


ACTIVITY_IMPORT = ImportSpec(
    model=Activity,
    title="普法活动台账",
    key=("unit", "held_on", "title"),
    create_defaults=_activity_state,
    fields=[
        ImportField("unit", "主办单位", UNIT, required=True),
        ImportField("year", "年度", INT, required=True, example=2026),
        ImportField("title", "活动名称", TEXT, required=True, example="示例：食品安全法进社区专题讲座"),
        ImportField("kind", "活动类型", CHOICE, required=True, choices=tuple(ActivityKind.choices)),
        ImportField("law", "宣传的法律法规", TEXT, example="《中华人民共和国食品安全法》"),
        ImportField("held_on", "活动日期", DATE, required=True, example="2026-03-15", help="按 2026-03-15 格式填写"),
        ImportField("place", "活动地点", TEXT, example="育才社区文化广场"),
        ImportField("audience_kind", "受众类别", CHOICE, required=True, choices=tuple(AudienceKind.choices)),
        ImportField("audience_count", "受众人数", INT, required=True, example=120, help="不小于0的整数"),
        ImportField("is_public", "在门户网站公开", BOOL, example="是", help="填“是”的在门户网站公开，不填视为不公开"),
        ImportField("summary", "活动简介", TEXT),
    ],
)

LITERATE_IMPORT = ImportSpec(
    model=LegalLiterate,
    title="法律明白人名册",
    key=("unit", "name", "trained_on"),
    fields=[
        ImportField("unit", "村（社区）", UNIT, required=True),
        ImportField("year", "年度", INT, required=True, example=2026),
        ImportField("name", "姓名", TEXT, required=True, example="示例：李明"),
        ImportField("phone", "联系电话", PHONE),
        ImportField("id_number", "公民身份号码", ID_NUMBER),
        ImportField("trained_on", "培训日期", DATE, required=True, example="2026-03-01"),
        ImportField("certificate_no", "证书编号", TEXT, example="XDT-FLMBR-2026-001"),
    ],
)
