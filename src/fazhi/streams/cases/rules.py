"""Periods and [U] choices of the 行政执法案件 stream (行政处罚法 2021; spec §12, 行政执法三项制度).

* 办案期限: a penalty decision within 90 days of 立案 (行政处罚法 第六十条), calendar days, a
  last day on a rest day rolls forward; extensions approved by the agency's head are kept on the
  case (``CaseExtension``) and added to the period.
* 立案期限: decide on 立案 within 15 working days of the clue (市场监督管理行政处罚程序规定 第十八条
  and the like; ``FAZHI_CASES_FILING_DAYS``), met on the 立案 date.
* 告知: the party may state its case (陈述申辩, 第四十五条) and ask for a hearing within 5 days of
  the notice (第六十四条); "五日" are working days (第八十五条). No decision before the period
  has run unless the party waived its rights (recorded on the case).
* 重大执法决定 (第五十八条): each unit's criteria — a fine at or above the unit's threshold
  (``FAZHI_CASES_MAJOR_FINE`` default 10000 元, per unit ``FAZHI_CASES_MAJOR_FINE_BY_UNIT``
  {unit code: amount}), 吊销许可证件, 责令停产停业, or a hearing held. A 重大 case needs 法制审核
  before the decision and 集体讨论 (第五十七条); ``FAZHI_CASES_DISCUSSION_ALWAYS`` makes 集体讨论
  required for every case.
* 全过程记录: the steps that need an audio-visual record (``FAZHI_CASES_AV_STEPS``) and the
  documents every case file holds (``DOCUMENT_STEPS``).
"""

from __future__ import annotations

import re
from decimal import Decimal

from fazhi.core.config import setting
from fazhi.core.deadlines import CALENDAR_ROLL, WORKING, DeadlineRule

FILING = "filing"
LIMIT = "case_limit"
STATEMENT = "statement"
HEARING = "hearing_request"

CERT_RE = re.compile(r"^[0-9A-Z][0-9A-Z\-]{5,39}$")
NAME_SEPARATORS = ("，", ",", ";", "；", "/", "\n", " ")


def filing_rule() -> DeadlineRule:
    days = int(setting("FAZHI_CASES_FILING_DAYS", 15))
    return DeadlineRule(FILING, "立案期限", days, WORKING,
                        f"《市场监督管理行政处罚程序规定》第十八条等部门规章：自发现线索或者收到材料之日起{days}个工作日内"
                        "核查并决定是否立案（本地可在系统设置中调整）")


def limit_rule() -> DeadlineRule:
    days = int(setting("FAZHI_CASES_LIMIT_DAYS", 90))
    return DeadlineRule(LIMIT, "办案期限", days, CALENDAR_ROLL,
                        f"《行政处罚法》第六十条：自立案之日起{days}日内作出行政处罚决定；"
                        "经批准延长的，延长期限记录在案件上")


def statement_rule() -> DeadlineRule:
    return DeadlineRule(STATEMENT, "陈述申辩期", 5, WORKING,
                        "《行政处罚法》第四十五条、第八十五条：告知后当事人陈述、申辩，五日（工作日）内不作决定，"
                        "当事人明确放弃的除外")


def hearing_rule() -> DeadlineRule:
    return DeadlineRule(HEARING, "听证申请期", 5, WORKING,
                        "《行政处罚法》第六十四条：当事人要求听证的，应当在行政机关告知后五日（工作日）内提出")


def major_fine(unit_code: str | None) -> Decimal:
    """The unit's fine threshold of a 重大执法决定 (a fine at or above it is 重大)."""
    by_unit = setting("FAZHI_CASES_MAJOR_FINE_BY_UNIT", {}) or {}
    if unit_code and unit_code in by_unit:
        return Decimal(str(by_unit[unit_code]))
    return Decimal(str(setting("FAZHI_CASES_MAJOR_FINE", 10000)))


def hearing_fine(unit_code: str | None) -> Decimal:
    """较大数额罚款 that gives the right to a hearing (第六十三条); by default the 重大 threshold."""
    return Decimal(str(setting("FAZHI_CASES_HEARING_FINE", major_fine(unit_code))))


def discussion_always() -> bool:
    return bool(setting("FAZHI_CASES_DISCUSSION_ALWAYS", False))


# The steps whose record must hold an audio-visual record (全过程记录: on-site actions and the
# enforcement of coercive measures are filmed). Keys are the conditions in models.av_required.
AV_STEP_LABELS = {
    "investigation_onsite": ("investigation", "现场调查取证"),
    "service_direct": ("service", "直接送达"),
    "execution_coercion": ("execution", "行政强制执行"),
}


def av_steps() -> tuple[str, ...]:
    chosen = setting("FAZHI_CASES_AV_STEPS", list(AV_STEP_LABELS))
    return tuple(k for k in chosen if k in AV_STEP_LABELS)


# Steps whose document (文书) every case file holds: 立案审批表, 告知书, 决定书, 送达回证.
DOCUMENT_STEPS = ("filing", "notice", "decision", "service")
