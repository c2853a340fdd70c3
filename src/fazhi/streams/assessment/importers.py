"""Excel import of the 考核方案 ledger (the schemes themselves; items are edited on the scheme's
page). Natural key: unit + year."""

from __future__ import annotations

from fazhi.core.importers import DATE, INT, TEXT, UNIT, ImportField, ImportSpec
from fazhi.streams.assessment.models import AssessmentScheme

SCHEME_IMPORT = ImportSpec(
    model=AssessmentScheme,
    title="考核方案",
    key=("unit", "year"),
    fields=[
        ImportField("unit", "印发单位", UNIT, required=True),
        ImportField("year", "年度", INT, required=True, example=2024),
        ImportField("name", "方案名称", TEXT, required=True, example="2024年度法治政府建设考核方案"),
        ImportField("issuer", "印发机关", TEXT, required=True, example="区委全面依法治区委员会办公室"),
        ImportField("issued_on", "印发日期", DATE, example="2024-03-01", help="按 2024-03-01 格式填写"),
        ImportField("note", "说明", TEXT),
    ],
)
