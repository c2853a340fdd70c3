"""Statutory periods of public legal services (spec §7).

《法律援助法》（2021）第四十三条: the legal-aid body decides within **7 days** of receiving the
application ("自收到法律援助申请之日起七日内") and, when it grants aid, assigns a provider within
**3 days** of the decision. The law writes "日" without "工作", so by spec §0.1 the default
is calendar days with the last day rolled forward past a statutory holiday or rest day
[D]; the rule type is the setting ``FAZHI_LEGAL_SERVICES_DAY_RULE`` ("calendar_roll",
"calendar_strict" or "working").

While the applicant supplements missing materials (一次性告知补正), the decision period
does not run (spec §0.1 lists 补正 periods among the excluded times) [D].

The verification period of a notification-and-commitment case (证明事项告知承诺制) is set per
item in the item list (国办发〔2020〕42号 leaves it to the department) in working days.
"""

from __future__ import annotations

from fazhi.core.deadlines import CALENDAR_ROLL, WORKING, DeadlineRule, configured_day_rule, table_rule

DAY_RULE_SETTING = "FAZHI_LEGAL_SERVICES_DAY_RULE"

DECIDE = "legal_aid_decide"
ASSIGN = "legal_aid_assign"
VERIFY = "commitment_verify"

DECIDE_DAYS = 7
ASSIGN_DAYS = 3
SUPPLEMENT = "申请人补正材料"

_RULES = {
    DECIDE: ("作出是否给予法律援助的决定", DECIDE_DAYS,
             "《法律援助法》（2021）第四十三条：法律援助机构应当自收到法律援助申请之日起七日内进行审查，"
             "作出是否给予法律援助的决定"),
    ASSIGN: ("指派法律援助人员", ASSIGN_DAYS,
             "《法律援助法》（2021）第四十三条：决定给予法律援助的，应当自作出决定之日起三日内指派法律援助人员"),
}


def day_rule() -> str:
    return configured_day_rule(DAY_RULE_SETTING, CALENDAR_ROLL)


def rule(key: str) -> DeadlineRule:
    return table_rule(_RULES, key, day_rule())


def verification_rule(days: int, item_name: str) -> DeadlineRule:
    return DeadlineRule(VERIFY, "告知承诺事后核查", days, WORKING,
                        f"《关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见》（国办发〔2020〕42号）；"
                        f"“{item_name}”清单载明的核查时限{days}个工作日")
