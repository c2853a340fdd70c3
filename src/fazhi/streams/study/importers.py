"""Excel import of the study ledger. Natural key: unit + year + topic."""

from __future__ import annotations

from fazhi.core.importers import CHOICE, DATE, INT, TEXT, UNIT, ImportField, ImportSpec
from fazhi.streams.study.models import StudySession

STUDY_IMPORT = ImportSpec(
    model=StudySession,
    title="学习研究台账",
    key=("unit", "year", "title"),
    fields=[
        ImportField("unit", "承办单位", UNIT, required=True),
        ImportField("year", "年度", INT, required=True, example=2024),
        ImportField("kind", "类型", CHOICE, required=True, choices=tuple(StudySession.Kind.choices)),
        ImportField("title", "议题/主题", TEXT, required=True, example="示例：研究规范性文件备案工作"),
        ImportField("meeting", "会议名称及届次", TEXT, example="区党委会"),
        ImportField("held_on", "召开日期", DATE, example="2024-03-15", help="按 2024-03-15 格式填写"),
        ImportField("speaker", "主讲人", TEXT),
        ImportField("members", "应到人数", INT),
        ImportField("attendees", "实到人数", INT),
        ImportField("minutes", "纪要要点", TEXT),
    ],
)
