"""Statutory periods of the stream, each with its day type and legal basis (spec §0.1, §10.2, §10.6).

Litigation (行政诉讼法): periods are calendar days; the start day is not counted and a last day
that falls on a statutory holiday or rest day rolls to the next working day (民事诉讼法 第八十五条,
applied by 行政诉讼法 第一百零一条) -> CALENDAR_ROLL.

Reconsideration (行政复议法, 2023 revision, in force 2024-01-01): its 三日、五日、七日、十日 are
working days (第八十八条) -> WORKING; longer periods (三十日、六十日) follow the 民事诉讼法 rules
-> CALENDAR_ROLL.
"""

from __future__ import annotations

from fazhi.core.config import setting
from fazhi.core.deadlines import CALENDAR_ROLL, WORKING, DeadlineRule

# -- 行政应诉 ------------------------------------------------------------------------------

ANSWER = DeadlineRule(
    "answer", "答辩及举证期限", 15, CALENDAR_ROLL,
    "行政诉讼法 第六十七条：被告应当在收到起诉状副本之日起十五日内提交证据和所依据的规范性文件，"
    "并提出答辩状（期间按民事诉讼法 第八十五条计算，第一百零一条）",
)
APPEAL_JUDGMENT = DeadlineRule(
    "appeal", "上诉期限（判决）", 15, CALENDAR_ROLL,
    "行政诉讼法 第八十五条：不服人民法院第一审判决的，有权在判决书送达之日起十五日内提起上诉",
)
APPEAL_RULING = DeadlineRule(
    "appeal", "上诉期限（裁定）", 10, CALENDAR_ROLL,
    "行政诉讼法 第八十五条：不服人民法院第一审裁定的，有权在裁定书送达之日起十日内提起上诉",
)

DEFAULT_STEPS = ["应诉备案", "通报", "核对"]


def litigation_steps() -> list[str]:
    """The local case-handling steps every case records with date and who: the reference
    customer's 应诉备案、通报、核对 system (spec §10.1, local mechanism [U])."""
    return list(setting("FAZHI_LITIGATION_STEPS", DEFAULT_STEPS))


def step_deadline_days() -> dict[str, int]:
    """Optional local deadlines for the steps, in working days after service of the complaint
    copy, e.g. {"应诉备案": 3}. No statute sets them (spec §10.2: local [U]); default none."""
    return dict(setting("FAZHI_LITIGATION_STEP_DEADLINES", {}))


def step_rule(step: str, days: int) -> DeadlineRule:
    return DeadlineRule(f"step:{step}"[:40], f"{step}期限", days, WORKING,
                        "本地应诉工作制度（FAZHI_LITIGATION_STEP_DEADLINES），自收到起诉状副本次日起算")


# -- 行政复议（2023年修订） ------------------------------------------------------------------

_WD = "；第八十八条：该期间为工作日，不含法定休假日"
_CAL = "；第八十八条：期间按民事诉讼法规定计算"

ACCEPTANCE = DeadlineRule(
    "acceptance", "受理审查期限", 5, WORKING,
    "行政复议法 第三十条：收到申请后五日内审查，决定是否受理，期满未决定不予受理的视为受理；"
    "第三十一条：需补正的在五日内书面通知" + _WD,
)
SUPPLEMENT = DeadlineRule(
    "supplement", "申请人补正期限", 10, WORKING,
    "行政复议法 第三十一条：申请人应当自收到补正通知之日起十日内提交补正材料，无正当理由逾期不补正的视为放弃" + _WD,
)
SEND_COPY = DeadlineRule(
    "send_copy", "发送申请书副本期限", 7, WORKING,
    "行政复议法 第四十八条：行政复议机构应当自行政复议申请受理之日起七日内，将申请书副本发送被申请人" + _WD,
)
SEND_COPY_SIMPLE = DeadlineRule(
    "send_copy", "发送申请书副本期限（简易程序）", 3, WORKING,
    "行政复议法 第五十四条：适用简易程序的，自受理之日起三日内将申请书副本发送被申请人" + _WD,
)
REPLY = DeadlineRule(
    "reply", "被申请人答复期限", 10, WORKING,
    "行政复议法 第四十八条：被申请人应当自收到申请书副本之日起十日内提出书面答复，并提交证据、依据和其他有关材料" + _WD,
)
REPLY_SIMPLE = DeadlineRule(
    "reply", "被申请人答复期限（简易程序）", 5, WORKING,
    "行政复议法 第五十四条：适用简易程序的，被申请人应当自收到申请书副本之日起五日内提出书面答复" + _WD,
)
DECISION = DeadlineRule(
    "decision", "复议决定期限", 60, CALENDAR_ROLL,
    "行政复议法 第六十二条：自受理申请之日起六十日内作出行政复议决定；情况复杂的，经行政复议机构负责人批准"
    "可以适当延长，但最多不超过三十日" + _CAL,
)
DECISION_SIMPLE = DeadlineRule(
    "decision", "复议决定期限（简易程序）", 30, CALENDAR_ROLL,
    "行政复议法 第六十二条：适用简易程序审理的，自受理申请之日起三十日内作出行政复议决定" + _CAL,
)
OPINION = DeadlineRule(
    "opinion", "复议意见书纠正情况报送期限", 60, CALENDAR_ROLL,
    "行政复议法 第七十六条：有关机关应当自收到行政复议意见书之日起六十日内，将纠正相关违法或者不当行政行为的情况"
    "报送行政复议机关" + _CAL,
)

MAX_DECISION_EXTENSION_DAYS = 30  # 行政复议法 第六十二条：延长期限最多不得超过三十日
