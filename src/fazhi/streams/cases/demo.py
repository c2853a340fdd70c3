"""Demo enforcement cases: six departments, each doing its own kind of work, relative to today.

- 生态环境分局: a 重大 case (超标排放, 罚款20万元) through 法制审核 and 集体讨论, closed; an open
  on-site investigation whose audio-visual record is not yet entered.
- 市场监管局 (食品、市场): 销售过期食品 closed on time; an open case at 告知.
- 交通运输局 (道路运输): 超限运输 closed on time; a case just filed.
- 自然资源局 (土地): 非法占用土地建房 by a natural person, decided after the 90 days (late); an open
  case whose 办案期限 was extended with approval.
- 应急管理局 (安全生产): a 行政强制 (查封) case with its filmed execution, closed; an open penalty case.
- 农业农村局: 销售假劣农资 closed on time.

Parties are synthetic; a natural person's name and ID number are personal data (masked).
Loading twice adds nothing (natural key: 立案编号).
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from fazhi.core import registry
from fazhi.core.deadlines import sync as sync_deadlines
from fazhi.core.identifiers import id_check_char, uscc_check_char
from fazhi.core.models import Unit
from fazhi.streams.cases.models import CaseExtension, CaseRecordEntry, EnforcementCase, reached

AFTER_DECISION = ("decided", "served", "executed", "closed")

# (unit suffix, abbreviation, kind, party (org name or person), cause, fine, extra fields,
#  filed days ago, decided days after filing (None: open), target state)
CASES = [
    ("-D11", "环", "penalty", "西洞庭某某化工有限公司", "超标排放水污染物", 200000,
     {"onsite_investigation": True}, 210, 56, "closed"),
    ("-D11", "环", "penalty", "西洞庭某某养殖专业合作社", "未批先建配套污染防治设施", 50000,
     {"onsite_investigation": True}, 12, None, "investigating"),
    ("-D03", "市监", "penalty", "西洞庭某某食品超市", "销售超过保质期的食品", 3000, {}, 160, 28, "closed"),
    ("-D03", "市监", "penalty", "西洞庭某某餐饮店", "未按规定公示食品经营许可证", 800, {}, 30, None, "notified"),
    ("-D04", "交运", "penalty", "常德某某物流有限公司", "货车超限运输", 2000,
     {"onsite_investigation": True}, 140, 20, "closed"),
    ("-D04", "交运", "penalty", "西洞庭某某客运有限公司", "客运车辆未按规定进行二级维护", 1000, {}, 6, None, "filed"),
    ("-D05", "自然资源", "penalty", "person:罗某平", "未经批准非法占用集体土地建房", 6000,
     {"onsite_investigation": True}, 175, 112, "closed"),
    ("-D05", "自然资源", "penalty", "西洞庭某某砂石有限公司", "未取得采矿许可证擅自采砂", 9000,
     {"onsite_investigation": True}, 100, None, "notified"),
    ("-D13", "应急", "coercion", "西洞庭某某烟花爆竹经营部", "违规储存烟花爆竹，查封存放场所", None,
     {"onsite_investigation": True}, 95, 3, "closed"),
    ("-D13", "应急", "penalty", "西洞庭某某建材有限公司", "未按规定对从业人员进行安全生产教育培训", 5000, {}, 18, None,
     "investigating"),
    ("-D10", "农业", "penalty", "西洞庭某某农资经营部", "销售不合格肥料", 4000, {}, 120, 35, "closed"),
]
OFFICERS = {
    "-D11": ("彭环保、曾执法", "D112021003、D112022005"), "-D03": ("王市监、刘执法", "D032023001、D032023002"),
    "-D04": ("陈交通、胡路政", "D042022011、D042023004"), "-D05": ("邓国土、谢执法", "D052021007、D052022002"),
    "-D13": ("杨应急、龚安监", "D132022001、D132023006"), "-D10": ("戴农业、彭农技", "D102021004、D102023001"),
}
REVIEWER = "周法审"
LAST_YEAR_SEQ = 100  # the previous year's cases are numbered 101, 102 …
AV_DEVICE = "执法记录仪DSJ-V9"


def _credit_code(seq: int) -> str:
    first17 = f"91430771MA4L{seq:05d}"
    return first17 + uscc_check_char(first17)


def _person_id(seq: int) -> str:
    first17 = f"43077119{70 + seq % 20:02d}0612{seq % 90 + 10:02d}1"
    return first17 + id_check_char(first17)


def _party(text: str, seq: int) -> dict:
    if text.startswith("person:"):
        return {"party_type": "person", "party_person": text.split(":", 1)[1], "party_id_number": _person_id(seq)}
    return {"party_type": "org", "party_org": text, "party_credit_code": _credit_code(seq)}


def _entries(case: EnforcementCase, state: str, officer: str, *, av: bool) -> None:
    """The case file's records up to ``state``; open cases have their documents only (their
    audio-visual records are still to be entered)."""
    tz = timezone.get_current_timezone()
    dates = {"filing": case.filed_on, "investigation": case.filed_on + timedelta(days=1),
             "notice": case.notified_on, "decision": case.decided_on, "service": case.served_on,
             "execution": case.executed_on}
    have = set(case.entries.values_list("step", "kind"))
    for step, kind, label in case.required_records(state):
        if (step, kind) in have or (kind == CaseRecordEntry.Kind.AV and not av):
            continue
        on = dates.get(step) or case.filed_on
        if kind == CaseRecordEntry.Kind.DOCUMENT:
            CaseRecordEntry.objects.create(case=case, step=step, kind=kind, title=label.replace("文书", "环节文书"),
                                           doc_no=f"{case.case_no}-{list(dates).index(step) + 1}")
        else:
            start = datetime.combine(on, time(9, 30), tzinfo=tz)
            CaseRecordEntry.objects.create(
                case=case, step=step, kind=kind, title=label, device=AV_DEVICE, officer=officer,
                started_at=start, ended_at=start + timedelta(minutes=45),
                storage=f"{case.unit.short_name or case.unit.name}执法音像资料库/{on:%Y/%m%d}",
                sha256=hashlib.sha256(f"{case.case_no}/{step}".encode()).hexdigest(), file_name=f"{on:%Y%m%d}-{step}.mp4")


def _officers(unit: Unit, filed: date, today: date) -> tuple[str, str] | None:
    """Two officers from the 执法证 register (core.registry) valid from filing to today; None
    without a register (then the fixed names and numbers of OFFICERS)."""
    holders = (registry.certificate_holders_through(unit, filed, today)
               or registry.certificate_holders_through(None, filed, today))[:2]
    if len(holders) < 2:
        return None
    return "、".join(h.holder for h in holders), "、".join(h.number for h in holders)


def _case(unit: Unit, seq: int, spec: tuple, today: date) -> None:
    suffix, abbr, kind, party, cause, fine, extra, ago, decided_after, target = spec
    filed = today - timedelta(days=ago)
    case_no = f"西{abbr}立〔{filed.year}〕{seq}号"
    if EnforcementCase.objects.filter(case_no=case_no).exists():
        return
    names, certs = _officers(unit, filed, today) or OFFICERS[suffix]
    case = EnforcementCase(
        unit=unit, year=filed.year, case_no=case_no, kind=kind, cause=cause, source="inspection",
        officer_names=names, officer_certs=certs, clue_on=filed - timedelta(days=4 + seq % 5), filed_on=filed,
        proposed_fine=Decimal(fine) if fine is not None else None, **_party(party, seq), **extra)
    if reached(target, "notified"):
        case.notified_on = filed + timedelta(days=min(ago // 3, 20) if decided_after is None else decided_after // 2)
        case.proposed_measures = f"拟罚款{fine}元" if fine else "拟查封涉案场所和物品"
        if kind == "coercion":
            case.notified_on, case.waived_on = filed, filed
    if target in AFTER_DECISION:
        decided = max(filed + timedelta(days=decided_after), case.notice_period_end() + timedelta(days=1))
        if case.waived_on:
            decided = filed + timedelta(days=decided_after)
        if case.major_reasons():
            case.reviewer_name, case.review_conclusion = REVIEWER, "agree"
            case.review_opinion = "主体合法，事实清楚，证据确凿，适用依据正确，程序合法，裁量适当。"
            case.reviewed_on = decided - timedelta(days=3)
            case.discussed_on, case.discussion_note = decided - timedelta(days=1), "经局务会集体讨论，同意作出处罚决定"
        case.decided_on = decided
        case.decision_no = f"西{abbr}{'强' if kind == 'coercion' else '罚'}〔{decided.year}〕{seq}号"
        case.decision_content = f"罚款{fine}元" if fine else "查封违规储存烟花爆竹的场所和物品，期限三十日"
        case.served_on, case.service_method = decided + timedelta(days=1), "direct"
        case.executed_on = decided + timedelta(days=15)
        case.execution_note = "罚款已缴入国库" if fine else "已现场查封并制作查封清单"
    case.state = "executed" if target == "closed" else target
    case.full_clean()
    case.save()
    _entries(case, target, names.split("、")[0], av=target == "closed")
    if target == "closed":
        case.state, case.closed_on = "closed", case.executed_on + timedelta(days=5)
        case.full_clean()
        case.save()
    if case_no.startswith("西自然资源") and target == "notified":
        CaseExtension.objects.create(case=case, days=30, approved_by="邓局长", approved_on=filed + timedelta(days=80),
                                     reason="需对占地面积进行测绘鉴定")
    sync_deadlines(case)


def load(county: Unit) -> None:
    today = timezone.localdate()
    for seq, spec in enumerate(CASES, start=1):
        unit = Unit.objects.filter(code=f"{county.code}{spec[0]}").first()
        if unit is not None:
            _case(unit, seq, spec, today)
    # the previous year (issue 17: the cockpit's last year): the same work as seen on 20 December
    # of that year, the cases that were closed (an open case of last year would be a year old);
    # numbered from LAST_YEAR_SEQ so they never meet this year's numbers
    last_year_end = date(today.year - 1, 12, 20)
    for seq, spec in enumerate(CASES, start=1):
        unit = Unit.objects.filter(code=f"{county.code}{spec[0]}").first()
        if unit is not None and spec[-1] == "closed":
            _case(unit, LAST_YEAR_SEQ + seq, spec, last_year_end)
