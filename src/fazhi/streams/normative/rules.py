"""The deadline rules of legality review and filing (spec §9.2), and their settings.

Rules the spec marks unconfirmed ([U]) are read through ``core.config.setting`` so a
deployment can replace them once the Hunan text has been checked.
"""

from __future__ import annotations

from fazhi.core.config import setting
from fazhi.core.deadlines import CALENDAR_ROLL, CALENDAR_STRICT, WORKING, DeadlineRule

REVIEW_KEY = "review"
FILING_KEY = "filing"

UNCONFIRMED = "待核实"

# 国办发〔2018〕115号: "一般不少于5个工作日，最长不超过15个工作日" — the clause was not read [U].
REVIEW_DAYS_DEFAULT = 15
REVIEW_BASIS = "国办发〔2018〕115号：审核时间一般不少于5个工作日，最长不超过15个工作日（条款待核实）"

# Contracts, legal documents and other legal affairs: no national statute fixes a period; it
# is set by local 合同合法性审查 rules [U]. No deadline unless a deployment configures one.
OTHER_REVIEW_SETTINGS = {
    "contract": "FAZHI_NORMATIVE_CONTRACT_REVIEW_DAYS",
    "legal_document": "FAZHI_NORMATIVE_LEGAL_DOCUMENT_REVIEW_DAYS",
    "legal_affair": "FAZHI_NORMATIVE_LEGAL_AFFAIR_REVIEW_DAYS",
}
OTHER_REVIEW_BASIS = "本地合同及涉法事务合法性审查规定（按系统设置的期限）"

# Filing: the Hunan period was not read [U]; 30 days from publication is the national period
# for 法规/规章 (法规规章备案审查条例 2024 第四条) used by analogy, counted in calendar days
# with the last day rolled past a holiday (spec §0.1 "日").
FILING_DAYS_DEFAULT = 30
FILING_RULE_DEFAULT = CALENDAR_ROLL
FILING_BASIS_DEFAULT = ("《湖南省规范性文件管理办法》报备期限待核实；参照《法规规章备案审查条例》第四条"
                        "（公布之日起30日内报送备案）")
RULE_TYPES = (WORKING, CALENDAR_ROLL, CALENDAR_STRICT)


def review_rule(kind: str) -> DeadlineRule | None:
    """The review period of a request of ``kind``, or None when none applies.

    Normative documents: FAZHI_NORMATIVE_REVIEW_DAYS working days (default 15, 国办发〔2018〕115号
    [U]) after receipt. Other kinds: only when FAZHI_NORMATIVE_<KIND>_REVIEW_DAYS is set.
    """
    if kind == "normative":
        days = int(setting("FAZHI_NORMATIVE_REVIEW_DAYS", REVIEW_DAYS_DEFAULT))
        return DeadlineRule(REVIEW_KEY, "合法性审核期限", days, WORKING, REVIEW_BASIS)
    name = OTHER_REVIEW_SETTINGS.get(kind)
    days = setting(name, None) if name else None
    if days in (None, ""):
        return None
    return DeadlineRule(REVIEW_KEY, "合法性审核期限", int(days), WORKING, OTHER_REVIEW_BASIS)


def filing_rule() -> DeadlineRule:
    """Filing with the superior body: FAZHI_NORMATIVE_FILING_DAYS (default 30) days after
    publication, of type FAZHI_NORMATIVE_FILING_RULE (default calendar days rolled forward);
    basis FAZHI_NORMATIVE_FILING_BASIS. While the basis is the unconfirmed default, the label
    says so (spec §9.1: "flag it as unconfirmed in the UI")."""
    days = int(setting("FAZHI_NORMATIVE_FILING_DAYS", FILING_DAYS_DEFAULT))
    rule = setting("FAZHI_NORMATIVE_FILING_RULE", FILING_RULE_DEFAULT)
    if rule not in RULE_TYPES:
        raise ValueError(f"FAZHI_NORMATIVE_FILING_RULE must be one of {RULE_TYPES}")
    basis = str(setting("FAZHI_NORMATIVE_FILING_BASIS", FILING_BASIS_DEFAULT))
    label = "报送备案期限" + ("（期限待核实）" if UNCONFIRMED in basis else "")
    return DeadlineRule(FILING_KEY, label, days, rule, basis[:200])


def timely_denominator() -> str:
    """DOC-2's denominator: "filed" (default, spec §9.5) or "due" (documents that must be filed) [U]."""
    value = setting("FAZHI_NORMATIVE_TIMELY_DENOMINATOR", "filed")
    if value not in ("filed", "due"):
        raise ValueError('FAZHI_NORMATIVE_TIMELY_DENOMINATOR must be "filed" or "due"')
    return value


# States in which a review has its opinion issued, a document is published, or filed.
REVIEW_ISSUED_STATES = ("opinion_issued", "feedback", "closed")
PUBLISHED_STATES = ("published", "filed", "accepted", "correction_required", "corrected", "revoked", "repealed")
FILED_STATES = ("filed", "accepted", "correction_required", "corrected", "revoked", "repealed")
