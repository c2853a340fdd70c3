"""Statutory periods and local settings of the enforcement stream (spec §6.2, §11, §12).

Disclosure of enforcement decisions (国办发〔2018〕118号, spec §6.1): 行政许可 and 行政处罚
decisions within 7 working days of the decision, other decisions within 20 working days.
Withdrawal of a published decision that was changed, revoked or declared illegal or void:
"三日内" (行政处罚法 第四十八条第二款), calendar days rolled forward past a rest day (spec §0.1).

Rules the spec marks [U] or [D] are settings (``fazhi.core.config.setting``).
"""

from __future__ import annotations

from decimal import Decimal

from fazhi.core.config import setting
from fazhi.core.deadlines import CALENDAR_ROLL, WORKING, DeadlineRule

DISCLOSURE_KEY = "enforcement_disclosure"
WITHDRAWAL_KEY = "enforcement_withdrawal"
RECTIFICATION_KEY = "enforcement_rectification"

SHORT_DISCLOSURE_DAYS = 7
GENERAL_DISCLOSURE_DAYS = 20
WITHDRAWAL_DAYS = 3

DISCLOSURE_SHORT = DeadlineRule(
    DISCLOSURE_KEY, "执法决定公示期限", SHORT_DISCLOSURE_DAYS, WORKING,
    "国办发〔2018〕118号：行政许可、行政处罚的执法决定信息应当在执法决定作出之日起7个工作日内公开")
DISCLOSURE_GENERAL = DeadlineRule(
    DISCLOSURE_KEY, "执法决定公示期限", GENERAL_DISCLOSURE_DAYS, WORKING,
    "国办发〔2018〕118号：执法决定信息应当在执法决定作出之日起20个工作日内公开")
WITHDRAWAL = DeadlineRule(
    WITHDRAWAL_KEY, "撤回公示期限", WITHDRAWAL_DAYS, CALENDAR_ROLL,
    "行政处罚法 第四十八条第二款：公开的行政处罚决定被依法变更、撤销、确认违法或者确认无效的，"
    "应当在三日内撤回行政处罚决定信息并公开说明理由")

SHORT_TYPES = ("licence", "penalty")


def disclosure_rule(decision_type: str) -> DeadlineRule:
    return DISCLOSURE_SHORT if decision_type in SHORT_TYPES else DISCLOSURE_GENERAL


# -- case-file review (spec §11: point values and grade thresholds not read [U]) -----------

# Score-sheet dimensions: model field -> (label, default maximum points); the six sum to 100.
REVIEW_ITEMS: dict[str, tuple[str, int]] = {
    "score_subject": ("执法主体合法", 10),
    "score_facts": ("事实认定清楚", 20),
    "score_evidence": ("证据确凿充分", 20),
    "score_law": ("适用依据正确", 20),
    "score_procedure": ("程序合法", 20),
    "score_documents": ("文书规范、归档完整", 10),
}


def review_points() -> dict[str, Decimal]:
    """Maximum points per dimension; ``FAZHI_ENFORCEMENT_REVIEW_POINTS`` overrides any of them."""
    custom = setting("FAZHI_ENFORCEMENT_REVIEW_POINTS", {})
    return {name: Decimal(str(custom.get(name, points))) for name, (_label, points) in REVIEW_ITEMS.items()}


def grade_thresholds() -> tuple[Decimal, Decimal]:
    """(excellent, acceptable) minimum totals: 优秀 ≥ 90, 合格 ≥ 75 by default [U]."""
    return (Decimal(str(setting("FAZHI_ENFORCEMENT_GRADE_EXCELLENT", 90))),
            Decimal(str(setting("FAZHI_ENFORCEMENT_GRADE_PASS", 75))))


# -- team building (spec §12.1) -------------------------------------------------------------

def exam_pass_score() -> Decimal:
    """执法资格考试 pass line (default 60 of 100) [U]."""
    return Decimal(str(setting("FAZHI_ENFORCEMENT_EXAM_PASS_SCORE", 60)))


def training_hours_required() -> Decimal:
    """Annual training hours required of an officer (default 60 学时, 国办发〔2023〕27号 [U])."""
    return Decimal(str(setting("FAZHI_ENFORCEMENT_TRAINING_HOURS", 60)))


EXPIRY_ALERT_DAYS = 90

# The states in which a decision has been made public (公示).
DISCLOSED_STATES = ("published", "withdrawn")
