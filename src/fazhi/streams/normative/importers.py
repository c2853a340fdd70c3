"""Excel import of the two ledgers. Natural keys: 审核编号 and 文号 (with the unit, so a row
whose number belongs to another unit's record is refused instead of touching that record).

Historical records come in with the state their dates prove (an opinion date means the
opinion was issued; a filing date means the document was filed); a re-import never moves a
record back along its workflow.
"""

from __future__ import annotations

from fazhi.core.importers import CHOICE, DATE, INT, PHONE, TEXT, UNIT, USCC, ImportField, ImportSpec
from fazhi.streams.normative.models import NormativeDocument, ReviewRequest, normalize_number

REVIEW_ORDER = ["submitted", "materials_check", "returned", "assigned", "reviewing", "opinion_issued", "feedback",
                "closed", "withdrawn"]
DOCUMENT_ORDER = ["draft", "legality_review", "fair_competition", "collective", "published", "filed", "accepted",
                  "correction_required", "corrected", "revoked", "repealed", "abandoned"]


def _keep_progress(model, lookup: dict, derived: str, order: list[str]) -> str:
    existing = model.objects.filter(**lookup).values_list("state", flat=True).first()
    if existing is not None and order.index(existing) >= order.index(derived):
        return existing
    return derived


def review_defaults(row: dict) -> dict:
    number = normalize_number(row.get("review_no") or "")
    derived = "opinion_issued" if row.get("opinion") and row.get("opinion_on") else "submitted"
    state = _keep_progress(ReviewRequest, {"review_no": number}, derived, REVIEW_ORDER)
    return {"review_no": number, "state": state}


def document_defaults(row: dict) -> dict:
    number = normalize_number(row.get("doc_no") or "")
    if row.get("conformity") and row.get("filing_reviewed_on"):
        derived = "accepted"
    elif row.get("filed_on"):
        derived = "filed"
    elif row.get("published_on"):
        derived = "published"
    else:
        derived = "draft"
    state = _keep_progress(NormativeDocument, {"doc_no": number}, derived, DOCUMENT_ORDER)
    return {"doc_no": number, "review_ref": normalize_number(row.get("review_ref") or ""), "state": state}


REVIEW_IMPORT = ImportSpec(
    model=ReviewRequest,
    title="法制审核台账",
    key=("unit", "review_no"),
    defaults=review_defaults,
    fields=[
        ImportField("unit", "承办单位", UNIT, required=True),
        ImportField("year", "年度", INT, required=True, example=2024),
        ImportField("review_no", "审核编号", TEXT, required=True, example="示例：西法审〔2024〕1号"),
        ImportField("kind", "审核类别", CHOICE, required=True, choices=tuple(ReviewRequest.Kind.choices)),
        ImportField("title", "送审事项", TEXT, required=True, example="关于印发某某管理办法的通知"),
        ImportField("contact_name", "送审经办人", TEXT),
        ImportField("contact_phone", "联系电话", PHONE),
        ImportField("counterparty_name", "合同相对方", TEXT, help="经济合同必填"),
        ImportField("counterparty_uscc", "相对方统一社会信用代码", USCC, help="18位，含校验码"),
        ImportField("received_on", "收件日期", DATE, required=True, example="2024-03-01",
                    help="按 2024-03-01 格式填写"),
        ImportField("reviewer", "审核人", TEXT),
        ImportField("opinion", "审核结论", CHOICE, choices=tuple(ReviewRequest.Opinion.choices)),
        ImportField("opinion_text", "审核意见", TEXT),
        ImportField("opinion_on", "出具意见日期", DATE, help="按 2024-03-15 格式填写"),
    ],
)

DOCUMENT_IMPORT = ImportSpec(
    model=NormativeDocument,
    title="规范性文件备案台账",
    key=("unit", "doc_no"),
    defaults=document_defaults,
    fields=[
        ImportField("unit", "承办单位", UNIT, required=True),
        ImportField("year", "年度", INT, required=True, example=2024),
        ImportField("doc_no", "文号", TEXT, required=True, example="示例：西管发〔2024〕1号"),
        ImportField("title", "文件名称", TEXT, required=True, example="关于印发某某管理办法的通知"),
        ImportField("review_ref", "合法性审核编号", TEXT),
        ImportField("discussed_on", "集体讨论日期", DATE),
        ImportField("published_on", "公布日期", DATE),
        ImportField("channel", "公布载体", TEXT),
        ImportField("filed_on", "报备日期", DATE),
        ImportField("filed_with", "备案机关", TEXT),
        ImportField("filing_reviewed_on", "备案审查日期", DATE),
        ImportField("conformity", "规范性判定", CHOICE, choices=tuple(NormativeDocument.Conformity.choices)),
        ImportField("conformity_reason", "不规范原因", TEXT),
    ],
)
