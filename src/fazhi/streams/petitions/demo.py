"""Demo records of the petition stream.

2023 reproduces the seed report ("区领导、律师坐班接访约访202批次，现场解决159件"): monthly
leader receptions (72 batches, 54 solved), weekly lawyer duty days (92, 76) and monthly
appointment receptions (38, 29). A 2023 petition ledger of 33 cases gives the PET-1..PET-5
rates something to show. A few current-year petitions are open, one of them overdue.
All personal data is synthetic; ID numbers carry valid check characters.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from fazhi.core import calendar
from fazhi.core.deadlines import sync as sync_deadlines
from fazhi.core.identifiers import id_check_char
from fazhi.core.models import Unit
from fazhi.demo.layers import Lifecycle, Step, replay
from fazhi.streams.petitions.models import Petition, Reception

YEAR = 2023

LEADER_BATCHES = [6, 5, 7, 6, 5, 6, 7, 6, 5, 6, 7, 6]
LEADER_SOLVED = [4, 4, 5, 5, 4, 4, 5, 5, 4, 4, 5, 5]
APPOINTMENT_BATCHES = [3, 3, 4, 3, 3, 3, 4, 3, 3, 3, 3, 3]
APPOINTMENT_SOLVED = [2, 2, 3, 3, 2, 2, 3, 2, 2, 3, 3, 2]
LAWYER_DAYS = 46
LEADERS = [("刘建国", "管理区党工委副书记"), ("陈卫东", "管理区管委会副主任"), ("黄敏", "管理区党工委委员")]
LAWYERS = ["王志强律师", "李娜律师", "张伟律师"]

NAMES = ["周德明", "罗桂英", "杨建华", "胡志勇", "彭秀兰", "曾国平", "谢春梅", "邓小军", "龚丽华", "戴正清",
         "熊红霞", "汤立新", "贺玉芳", "蒋文斌", "余淑珍", "钟海涛", "易美玲", "覃长青", "舒凤英", "姚德胜"]
PLACES = ["祝丰镇唐林村", "祝丰镇民安村", "祝丰镇紫湾村", "龙泉街道沙河社区", "金凤街道望洲社区", "祝丰镇港口村"]

# (seq, registered MM-DD, channel, category, subject, unit suffix, routed +d, accepted +d, replied +d after
#  acceptance, opinion, satisfaction, extras)
CASES_2023 = [
    (1, "01-05", "visit", "claim", "征地补偿款分配争议", "-D05", 3, 8, 45, "support", "satisfied", {"leader": 0}),
    (2, "01-12", "letter", "claim", "拖欠农民工工资", "-D09", 2, 6, 20, "support", "satisfied", {}),
    (3, "01-30", "online", "suggestion", "建议增设公交站点", "-D04", 4, 9, 30, "explain", "basic", {}),
    (4, "02-08", "phone", "claim", "低保资格认定", "-D01", 5, 10, 40, "explain", "satisfied", {}),
    (5, "02-16", "visit", "claim", "宅基地界址纠纷", "101", 2, 7, 52, "explain", "unsatisfied",
     {"review": (20, 25, "维持原处理意见"), "leader": 2}),
    (6, "02-27", "online", "claim", "养殖场异味扰民", "-D11", 3, 9, 35, "support", "satisfied", {}),
    (7, "03-06", "letter", "accusation", "反映村干部违规发放补贴", "101", 5, 12, 55, "support", "satisfied", {}),
    (8, "03-15", "phone", "claim", "预付卡消费退费", "-D03", 1, 4, 15, "support", "satisfied", {}),
    (9, "03-28", "visit", "litigation", "不服法院民事判决", "-D02", None, 6, None, "", "none",
     {"refused": "属涉法涉诉事项，已书面告知信访人依法通过申请再审等法定途径解决"}),
    (10, "04-04", "visit", "claim", "安置房不动产证办理", "-D05", 3, 8, 80, "explain", "basic",
     {"people": 12, "extend": True, "leader": 1}),
    (11, "04-19", "online", "claim", "农村公路破损", "-D04", 4, 9, 42, "support", "satisfied", {}),
    (12, "05-06", "letter", "claim", "医疗费用报销争议", "-D12", 6, 12, 58, "explain", "none", {}),
    (13, "05-17", "visit", "claim", "土地流转租金拖欠", "-D10", 3, 9, 50, "support", "satisfied", {"leader": 2}),
    (14, "05-29", "phone", "suggestion", "建议加强校园周边交通管理", "-D07", 2, 6, 25, "explain", "satisfied", {}),
    (15, "06-12", "online", "claim", "物业服务收费", "-D09", 20, 24, 40, "explain", "basic", {}),
    (16, "06-21", "visit", "claim", "征地补偿款分配争议", "-D05", 3, 8, 30, "explain", "unsatisfied",
     {"earlier": 1, "same_person": 1, "leader": 0, "unresolved": True,
      "review": (15, 28, "维持原处理意见"), "re_exam": (10, (3, 5), 24, "维持复查意见")}),
    (17, "07-03", "letter", "claim", "农业补贴未发放", "-D10", 4, 10, 48, "support", "satisfied", {}),
    (18, "07-14", "online", "claim", "食品安全投诉处理", "-D03", 2, 5, 18, "support", "satisfied", {}),
    (19, "07-26", "visit", "claim", "危房改造补助", "-D09", 5, 11, 66, "explain", "unsatisfied", {}),
    (20, "08-08", "phone", "claim", "社保缴费年限认定", "-D01", 3, 8, 44, "explain", "basic", {}),
    (21, "08-21", "online", "accusation", "反映企业非法排污", "-D11", 2, 6, 30, "support", "satisfied", {}),
    (22, "08-30", "online", "claim", "学校收费问题", "-D01", 2, 7, 28, "explain", "basic", {}),
    (23, "09-04", "visit", "claim", "水利灌溉渠道维修", "101", 3, 7, 38, "support", "satisfied",
     {"people": 8, "leader": 1}),
    (24, "09-18", "letter", "claim", "房屋漏水质量问题", "-D09", 5, 10, 85, "explain", "basic",
     {"extend": True, "leader": 2}),
    (25, "09-27", "online", "claim", "噪声扰民", "-D11", 2, 12, 40, "support", "satisfied", {"leader": 1}),
    (26, "10-10", "visit", "claim", "拆迁安置补偿", "-D05", 3, 9, 56, "explain", "unsatisfied", {"leader": 0}),
    (27, "10-23", "phone", "claim", "出租车拒载投诉", "-D04", 1, 3, 12, "support", "satisfied", {}),
    (28, "11-02", "online", "claim", "拖欠农民工工资", "-D09", 2, 5, 20, "support", "satisfied",
     {"earlier": 2, "same_person": 2}),
    (29, "11-15", "visit", "claim", "低保资格认定", "-D01", 3, 8, 30, "explain", "none", {}),
    (30, "06-05", "visit", "claim", "宅基地审批", "-D05", 3, 8, 40, "support", "satisfied", {}),
    (31, "11-28", "letter", "claim", "村级财务公开", "101", 4, 9, 25, "support", "satisfied", {}),
    (32, "12-11", "online", "suggestion", "建议完善农贸市场设施", "-D03", 2, 6, 30, "explain", "basic", {}),
    (33, "12-20", "visit", "claim", "工伤认定", "-D01", 3, 8, 45, "explain", "satisfied", {"leader": 1}),
]


def reg_no(year: int, seq: int) -> str:
    return f"XF-{year}-{seq:04d}"


def id_number(seq: int) -> str:
    born = date(1950, 1, 1) + timedelta(days=(seq % 25) * 733)
    first17 = f"430771{born:%Y%m%d}{seq % 1000:03d}"
    return first17 + id_check_char(first17)


def _person(seq: int) -> dict:
    return {"petitioner_name": NAMES[seq % len(NAMES)], "petitioner_id_number": id_number(seq),
            "petitioner_phone": f"1397360{seq:04d}", "petitioner_address": f"西洞庭管理区{PLACES[seq % len(PLACES)]}{seq % 9 + 1}组"}


def _unit(county: Unit, suffix: str) -> Unit:
    return Unit.objects.filter(code=f"{county.code}{suffix}").first() or county


def _save(petition: Petition) -> Petition:
    petition.full_clean()
    petition.save()
    sync_deadlines(petition)
    return petition


def _case_2023(county: Unit, spec: tuple) -> None:
    seq, md, channel, category, subject, suffix, routed, accepted, replied, opinion, satisfaction, extra = spec
    registered = date.fromisoformat(f"{YEAR}-{md}")
    p = Petition(unit=_unit(county, suffix), year=YEAR, reg_no=reg_no(YEAR, seq), channel=channel,
                 registered_on=registered, category=category, subject=subject,
                 summary=f"信访人反映{subject}问题，请求依法处理。", people_count=extra.get("people", 1),
                 **_person(extra.get("same_person", seq)))
    p.routed_on = registered + timedelta(days=routed) if routed is not None else None
    p.acceptance_on = registered + timedelta(days=accepted)
    if "refused" in extra:
        p.result, p.state = extra["refused"], "not_accepted"
        _save(p)
        return
    p.replied_on = p.acceptance_on + timedelta(days=replied)
    p.opinion, p.satisfaction, p.state = opinion, satisfaction, "closed"
    p.result = "经调查核实，已出具处理意见书并送达信访人。"
    if extra.get("extend"):
        p.extension_approved_on = p.acceptance_on + timedelta(days=50)
        p.extension_approver, p.extension_reason = "单位负责人", "涉及多个部门，需补充调查核实"
    if "leader" in extra:
        p.leader_case = True
        p.leader_name, p.leader_position = LEADERS[extra["leader"]]
        p.leader_resolved = not extra.get("unresolved", False)
        p.leader_progress = "包案领导召开协调会并实地走访，制定化解方案。"
    if "earlier" in extra:
        p.earlier_reg_no = reg_no(YEAR, extra["earlier"])
    if "review" in extra:
        after, answer, text = extra["review"]
        p.review_requested_on = p.replied_on + timedelta(days=after)
        p.review_answered_on = p.review_requested_on + timedelta(days=answer)
        p.review_result = text
    if "re_exam" in extra:
        after, (h_from, h_to), answer, text = extra["re_exam"]
        p.re_exam_requested_on = p.review_answered_on + timedelta(days=after)
        p.hearing_from = p.re_exam_requested_on + timedelta(days=h_from)
        p.hearing_to = p.re_exam_requested_on + timedelta(days=h_to)
        p.re_exam_answered_on = p.re_exam_requested_on + timedelta(days=answer)
        p.re_exam_result = text
    _save(p)


def _open_cases(county: Unit, today: date) -> list[Petition]:
    """Current-year petitions at every open step, dated back from today."""
    def d(days: int) -> date:
        return today - timedelta(days=days)

    year = today.year
    specs = [
        (1, "-D03", "来电", "预付卡商家跑路退费", {"registered_on": d(days=13)}, "registered"),
        (2, "-D14", "来访", "拖欠农民工工资", {"registered_on": d(days=20)}, "registered"),  # overdue
        (3, "-D04", "网上信访", "农村客运班线停运", {"registered_on": d(days=9), "routed_on": d(days=6)}, "routed"),
        (4, "-D03", "来信", "电梯安全隐患", {"registered_on": d(days=66), "routed_on": d(days=63),
                                       "acceptance_on": d(days=58)}, "handling"),
        (5, "-D05", "来访", "征地补偿标准", {"registered_on": d(days=80), "routed_on": d(days=78),
                                      "acceptance_on": d(days=72), "extension_approved_on": d(days=15),
                                      "extension_approver": "单位负责人", "extension_reason": "需委托评估"},
         "handling"),
    ]
    channel = {label: value for value, label in Petition.Channel.choices}
    made = []
    for seq, suffix, ch, subject, dates, state in specs:
        registered = dates["registered_on"]
        p = Petition(unit=_unit(county, suffix), year=registered.year, reg_no=reg_no(year, seq),
                     channel=channel[ch], category="claim", subject=subject, state=state,
                     summary=f"信访人反映{subject}问题。", **_person(100 + seq), **dates)
        if p.registered_on.year != year:
            continue
        made.append(_save(p))
    return made


def _receptions(county: Unit) -> None:
    hall = _unit(county, "-D14")
    rows = []
    for month in range(1, 13):
        first = date(YEAR, month, 1)
        wednesday = calendar.next_workday(first + timedelta(days=(2 - first.weekday()) % 7 + 7))
        leader, _ = LEADERS[month % len(LEADERS)]
        rows.append((county, wednesday, Reception.Kind.LEADER, leader,
                     LEADER_BATCHES[month - 1], LEADER_SOLVED[month - 1]))
        friday = calendar.next_workday(first + timedelta(days=(4 - first.weekday()) % 7 + 14))
        rows.append((hall, friday, Reception.Kind.APPOINTMENT, LEADERS[(month + 1) % len(LEADERS)][0],
                     APPOINTMENT_BATCHES[month - 1], APPOINTMENT_SOLVED[month - 1]))
    thursdays = [d for d in (date(YEAR, 1, 5) + timedelta(weeks=w) for w in range(53))
                 if d.year == YEAR and calendar.is_workday(d)]
    for i in range(LAWYER_DAYS):
        day = thursdays[round(i * (len(thursdays) - 1) / (LAWYER_DAYS - 1))]
        solved = 1 if i % 3 == 2 or i == LAWYER_DAYS - 1 else 2
        rows.append((hall, day, Reception.Kind.LAWYER, LAWYERS[i % len(LAWYERS)], 2, solved))
    for unit, day, kind, receiver, batches, solved in rows:
        Reception.objects.get_or_create(
            unit=unit, received_on=day, kind=kind, receiver=receiver,
            defaults={"year": YEAR, "batches": batches, "resolved_on_site": solved, "state": "confirmed",
                      "notes": "区领导、律师接访约访登记"})


def _load_recorded(county: Unit) -> None:
    if not Petition.objects.filter(year=YEAR, unit__in=county.descendants()).exists():
        for spec in CASES_2023:
            _case_2023(county, spec)
    today = timezone.localdate()
    if not Petition.objects.filter(reg_no__startswith=f"XF-{today.year}-").exists():
        _open_cases(county, today)
    if not Reception.objects.filter(year=YEAR, unit__in=county.descendants()).exists():
        _receptions(county)


# The seed year replayed into the previous full year and the current year up to today
# (fazhi.demo.layers): records of each model's own units, cut at the last step reached today.
LATER_YEARS = (
    ("Petition", Lifecycle((Step("registered_on", "registered"), Step("routed_on", "routed"),
                            Step("acceptance_on", "handling"), Step("replied_on", "replied"),
                            Step("review_requested_on", "review"), Step("review_answered_on", "reviewed"),
                            Step("re_exam_requested_on", "re_exam"), Step("re_exam_answered_on", "re_examined")))),
)


def load(county: Unit) -> None:
    _load_recorded(county)
    replay("petitions", lifecycles=LATER_YEARS)
