"""Demo records of public legal services: the reference customer's "一村一法律顾问" (18 villages
and communities, each with an adviser; "为群众解答法律问题千余次" in 2023), duty days and
lectures, legal-aid applications, and the 告知承诺 item list with its verifications, for 2022,
2023 and 2024, plus a few open legal-aid applications of the current year.

All personal data is synthetic; ID numbers carry valid check characters. Deterministic and
safe to run again (natural keys, and a year's bulk rows are only added when the year has none).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from fazhi.core import calendar
from fazhi.core.deadlines import Pause, compute_due
from fazhi.core.deadlines import sync as sync_deadlines
from fazhi.core.identifiers import id_check_char
from fazhi.core.models import Deadline, Unit
from fazhi.demo.layers import Lifecycle, Step, replay
from fazhi.streams.legal_services import rules
from fazhi.streams.legal_services.models import (
    AdvisorAppointment,
    CertificationItem,
    CommitmentCase,
    Consultation,
    DutyDay,
    Lecture,
    LegalAidApplication,
)

YEARS = (2022, 2023, 2024)
CONSULTATIONS = {2022: 1086, 2023: 1237, 2024: 1318}  # 2023: "千余次"
AID = {2022: 38, 2023: 45, 2024: 52}
COMMITMENTS = {2022: 60, 2023: 84, 2024: 96}

SURNAMES = "王李张陈杨黄赵周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = ["建国", "秀英", "桂兰", "志强", "海燕", "国平", "玉梅", "德明", "春华", "晓东", "红霞", "永红", "卫东",
         "丽娟", "文杰", "金凤", "长青", "新民", "爱华", "振华", "小平", "明亮", "淑珍", "少军", "美玲", "家兴"]
# Advisers of the 18 villages and communities in organisation-tree order (育才社区 first: the demo
# account "advisor" is its adviser).
ADVISORS = ["刘建华", "周文博", "杨丽君", "陈志远", "彭海涛", "黄晓明", "龚雪梅", "谭志刚", "胡卫平",
            "李红英", "邓国庆", "汤振宇", "蒋思远", "罗小燕", "熊永春", "曾德胜", "丁佳琪", "文俊杰"]
FIRMS = ["湖南洞庭湖律师事务所", "湖南金凤律师事务所", "湖南德山律师事务所", "湖南祝丰律师事务所"]
# Villages whose adviser changed with the 2024 contracts: (index, new adviser, new firm index).
CHANGED_2024 = {4: ("毛俊峰", 2), 11: ("熊丽华", 0), 15: ("万志诚", 3)}
QUESTIONS = {
    "family": (18, ["离婚后子女抚养费如何确定", "父母遗产如何分割", "赡养老人费用如何分担", "彩礼能否要求返还"]),
    "land": (16, ["土地流转合同到期后能否收回", "承包地被占用如何维权", "土地确权面积有出入怎么办"]),
    "housing": (10, ["宅基地边界争议如何处理", "农村房屋买卖合同是否有效", "建房审批需要哪些手续"]),
    "labour": (12, ["工地拖欠工资如何追讨", "工伤认定需要什么材料", "未签劳动合同能否要求双倍工资"]),
    "debt": (14, ["借钱不还没有借条怎么办", "民间借贷利息上限是多少", "担保人要承担什么责任"]),
    "neighbour": (9, ["邻居排水影响房屋怎么办", "相邻通行纠纷如何解决"]),
    "damages": (7, ["被狗咬伤谁来赔偿", "农机作业损坏庄稼如何索赔"]),
    "traffic": (5, ["交通事故责任认定有异议怎么办", "电动车事故保险如何理赔"]),
    "consumer": (4, ["网购商品质量问题如何退货", "预付卡商家跑路怎么办"]),
    "admin": (3, ["低保申请被拒如何复议", "行政处罚不服怎么办"]),
    "other": (2, ["遗嘱怎么写才有效", "村务公开的要求有哪些"]),
}
DISPOSITIONS = [("answered", 90), ("mediation", 4), ("litigation", 3), ("legal_aid", 2), ("petition", 1)]
LECTURE_TOPICS = {
    2022: ["民法典与农村生活", "防范电信网络诈骗", "土地承包法律知识", "未成年人保护法解读"],
    2023: ["学习宣传习近平法治思想", "农村宅基地与房屋权益", "婚姻家庭与继承纠纷预防", "劳动者权益保护"],
    2024: ["反有组织犯罪法宣讲", "农民工工资支付保障", "法律援助申请知识", "消费维权与合同陷阱"],
}
ITEMS = [
    ("D03", "从业人员健康证明", "食品经营许可", "《食品经营许可管理办法》", "医疗卫生机构", "data", 20),
    ("D03", "经营场所使用证明", "个体工商户登记", "《促进个体工商户发展条例》", "产权单位或村（社区）", "on_site", 30),
    ("D06", "无犯罪记录证明", "道路运输从业资格", "《道路运输从业人员管理规定》", "公安机关", "data", 10),
    ("D06", "户籍关系证明", "城乡居民养老保险待遇领取", "《社会保险法》", "公安机关", "data", 10),
    ("D09", "建筑施工企业安全生产许可证明", "建筑工程施工许可", "《建筑工程施工许可管理办法》", "住房城乡建设部门",
     "data", 20),
    ("D10", "农业机械所有权来源证明", "农业机械注册登记", "《农业机械安全监督管理条例》", "销售商", "ex_post", 30),
    ("D12", "医师执业注册健康证明", "医师执业注册", "《医师执业注册管理办法》", "医疗卫生机构", "inquiry", 20),
    ("D07", "居住证明", "居住证办理", "《居住证暂行条例》", "村（社区）", "on_site", 15),
]
AID_MATTERS = [("civil", "追索劳动报酬"), ("civil", "交通事故人身损害赔偿"), ("civil", "请求给付赡养费"),
               ("civil", "离婚纠纷"), ("criminal", "刑事案件辩护"), ("administrative", "工伤认定行政诉讼"),
               ("non_litigation", "劳动仲裁代理"), ("civil", "医疗损害赔偿")]
LAWYERS = ["胡志明", "谭静", "罗国平", "邓晓丽", "彭勇", "陈思雨"]


# -- synthetic people ------------------------------------------------------------------------------

def id_number(rng: random.Random) -> str:
    born = date(1950, 1, 1) + timedelta(days=rng.randrange(0, 365 * 50))
    first17 = f"430771{born:%Y%m%d}{rng.randrange(0, 1000):03d}"
    return first17 + id_check_char(first17)


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def phone(rng: random.Random) -> str:
    return rng.choice(["138", "139", "150", "187", "199"]) + f"{rng.randrange(0, 10**8):08d}"


def _workday_on_or_after(d: date) -> date:
    return d if calendar.is_workday(d) else calendar.next_workday(d)


# -- loader ----------------------------------------------------------------------------------------

def _load_recorded(county: Unit) -> None:
    villages = list(county.descendants().filter(kind=Unit.Kind.VILLAGE).order_by("path"))
    justice = Unit.objects.filter(code=f"{county.code}-D02").first() or county
    names = _appointments(justice, villages)
    for year in YEARS:
        _consultations(year, villages, names)
        _duty_days(year, villages, names)
        _lectures(year, villages, names)
        _legal_aid(year, justice)
    _open_legal_aid(justice)
    items = _items(county)
    for year in YEARS:
        _commitments(year, items)


def _appointments(justice: Unit, villages: list[Unit]) -> dict[tuple[int, int], str]:
    """Two contract terms (2021–2023, 2024–2026) for each village; (village pk, year) -> adviser."""
    rng = random.Random(7)
    names: dict[tuple[int, int], str] = {}
    for i, village in enumerate(villages):
        first = ADVISORS[i % len(ADVISORS)]
        firm = FIRMS[i % len(FIRMS)]
        second, second_firm = CHANGED_2024.get(i, (first, i % len(FIRMS)))
        terms = [(first, firm, date(2021, 1, 1), date(2023, 12, 31)),
                 (second, FIRMS[second_firm], date(2024, 1, 1), date(2026, 12, 31))]
        for name, law_firm, start, end in terms:
            AdvisorAppointment.objects.get_or_create(
                unit=justice, village=village, advisor_name=name, contract_start=start,
                defaults={"year": start.year, "law_firm": law_firm, "advisor_phone": phone(rng), "contract_end": end,
                          "duty_days_per_month": 2, "state": "active"},
            )
            for year in range(start.year, end.year + 1):
                names[(village.pk, year)] = name
    return names


def _consultations(year: int, villages: list[Unit], names: dict) -> None:
    if not villages or Consultation.objects.filter(year=year, unit__in=villages).exists():
        return
    rng = random.Random(year * 11)
    categories = list(QUESTIONS)
    weights = [QUESTIONS[c][0] for c in categories]
    rows = []
    for i in range(CONSULTATIONS[year]):
        village = villages[rng.randrange(len(villages))]
        day = _workday_on_or_after(date(year, 1, 3) + timedelta(days=(i * 355) // CONSULTATIONS[year]))
        if day.year != year:
            day = date(year, 12, 31)
        category = rng.choices(categories, weights)[0]
        disposition = rng.choices([d for d, _ in DISPOSITIONS], [w for _, w in DISPOSITIONS])[0]
        anonymous = rng.random() < 0.6
        c = Consultation(
            unit=village, year=year, consulted_on=day, advisor=names.get((village.pk, year), ""),
            consulter_name="" if anonymous else person(rng), consulter_phone="" if anonymous else phone(rng),
            category=category, summary=rng.choice(QUESTIONS[category][1]), disposition=disposition,
            answer="已当场释法说理，告知相关法律规定及维权途径。" if disposition == "answered" else "已告知办理途径并协助联系。",
            state="closed",
        )
        c.full_clean(exclude=["unit"], validate_unique=False)
        rows.append(c)
    Consultation.objects.bulk_create(rows, batch_size=500)


def _duty_days(year: int, villages: list[Unit], names: dict) -> None:
    if not villages or DutyDay.objects.filter(year=year, unit__in=villages).exists():
        return
    rng = random.Random(year * 13)
    rows = []
    for village in villages:
        for month in range(1, 13):
            for day_of_month in (6, 20):
                day = _workday_on_or_after(date(year, month, day_of_month))
                missed = rng.random() < 0.03
                rows.append(DutyDay(
                    unit=village, year=year, duty_on=day, advisor=names.get((village.pk, year), ""),
                    hours=None if missed else Decimal("4.0"), documents_reviewed=rng.randrange(0, 3),
                    disputes_mediated=rng.randrange(0, 2), state="missed" if missed else "held",
                    notes="" if missed else "驻村值班，接待群众咨询。",
                ))
    DutyDay.objects.bulk_create(rows, batch_size=500)


def _lectures(year: int, villages: list[Unit], names: dict) -> None:
    if not villages or Lecture.objects.filter(year=year, unit__in=villages).exists():
        return
    rng = random.Random(year * 17)
    rows = []
    for village in villages:
        for quarter, topic in enumerate(LECTURE_TOPICS[year]):
            held = _workday_on_or_after(date(year, quarter * 3 + 2, rng.randrange(5, 25)))
            rows.append(Lecture(unit=village, year=year, topic=topic, speaker=names.get((village.pk, year), ""),
                                planned_on=held, held_on=held, audience=rng.randrange(25, 90), state="held"))
    Lecture.objects.bulk_create(rows, batch_size=500)


def _aid_no(year: int, n: int) -> str:
    return f"XDT-FY-{year}-{n:03d}"


def _legal_aid(year: int, justice: Unit) -> None:
    """Applications of a past year, all decided; a few decided or assigned late, some refused,
    some with a supplement of materials. Bulk-created with their deadlines."""
    if LegalAidApplication.objects.filter(application_no=_aid_no(year, 1)).exists():
        return
    rng = random.Random(year * 19)
    total = AID[year]
    rows = []
    for n in range(1, total + 1):
        applied = _workday_on_or_after(date(year, 1, 4) + timedelta(days=(n - 1) * 340 // total))
        case_type, matter = rng.choice(AID_MATTERS)
        a = LegalAidApplication(
            unit=justice, year=year, application_no=_aid_no(year, n), applied_on=applied,
            channel=rng.choices(["window", "online", "remote", "notified"], [60, 20, 10, 10])[0],
            applicant_name=person(rng), applicant_id_number=id_number(rng), applicant_phone=phone(rng),
            applicant_address=f"湖南省常德市西洞庭管理区{rng.randrange(1, 13)}组", case_type=case_type, matter=matter,
            hardship_basis=rng.choice(["低保证明", "个人诚信承诺"]))
        start = applied
        if n % 9 == 4:  # one-time notice of missing materials
            a.supplement_requested_on = applied + timedelta(days=1)
            a.supplement_items = "劳动关系证明材料"
            a.supplement_received_on = start = applied + timedelta(days=rng.randrange(3, 8))
        late = n % 17 == 5
        a.decided_on = start + timedelta(days=rng.randrange(9, 12) if late else rng.randrange(1, 6))
        if n % 13 == 7:
            a.refusal_reason, a.state = "经审查，申请人经济状况不符合法律援助条件", "refused"
        else:
            a.assigned_on = a.decided_on + timedelta(days=5 if n % 19 == 3 else rng.randrange(0, 3))
            a.closed_on = a.assigned_on + timedelta(days=rng.randrange(30, 150))
            a.lawyer, a.law_firm = rng.choice(LAWYERS), rng.choice(FIRMS)
            a.closing_summary, a.state = "已结案，提交结案报告。", "closed"
        a.full_clean(exclude=["unit"], validate_unique=False)
        rows.append(a)
    LegalAidApplication.objects.bulk_create(rows)
    ct = ContentType.objects.get_for_model(LegalAidApplication)
    deadlines = []
    for a in rows:
        decide = rules.rule(rules.DECIDE)
        pauses = [Pause(a.supplement_requested_on, a.supplement_received_on, rules.SUPPLEMENT)] \
            if a.supplement_requested_on else []
        due = compute_due(decide.rule, a.applied_on, decide.days, pauses)
        deadlines.append(_deadline(ct, a, decide, a.applied_on, due, a.decided_on, pauses))
        if a.assigned_on:
            assign = rules.rule(rules.ASSIGN)
            due = compute_due(assign.rule, a.decided_on, assign.days)
            deadlines.append(_deadline(ct, a, assign, a.decided_on, due, a.assigned_on, []))
    Deadline.objects.bulk_create(deadlines)


def _deadline(ct, record, rule, start: date, due, met_on: date | None, pauses: list) -> Deadline:
    return Deadline(content_type=ct, object_id=record.pk, unit=record.unit, key=rule.key, label=rule.label,
                    rule=rule.rule, days=rule.days, basis=rule.basis, start=start, due=due.due,
                    confirmed=due.confirmed, met_on=met_on,
                    pauses=[{"start": p.start.isoformat(), "end": p.end.isoformat(), "reason": p.reason}
                            for p in pauses])


def _aid_get_or_create(justice: Unit, year: int, no: str, values: dict) -> None:
    if LegalAidApplication.objects.filter(application_no=no).exists():
        return
    a = LegalAidApplication(unit=justice, year=year, application_no=no, **values)
    a.full_clean()
    a.save()
    sync_deadlines(a)


def _open_legal_aid(justice: Unit) -> None:
    """Current-year applications with running deadlines (for the lists and reminders)."""
    rng = random.Random(99)
    today = timezone.localdate()
    year = today.year
    cases = [
        (2, "accepted", {}),
        (12, "accepted", {}),  # the decision is overdue
        (4, "granted", {"decided_on": 1}),
        (3, "supplement", {"supplement_requested_on": 1}),
    ]
    for n, (ago, state, extra) in enumerate(cases, start=1):
        applied = max(date(year, 1, 1), today - timedelta(days=ago))
        case_type, matter = AID_MATTERS[n]
        values = {"applied_on": applied, "channel": "window", "applicant_name": person(rng),
                  "applicant_id_number": id_number(rng), "applicant_phone": phone(rng), "case_type": case_type,
                  "matter": matter, "state": state}
        for name, days in extra.items():
            values[name] = min(today, applied + timedelta(days=days))
        if state == "supplement":
            values["supplement_items"] = "经济困难证明"
        _aid_get_or_create(justice, year, f"XDT-FY-{year}-9{n:02d}", values)


def _items(county: Unit) -> list[CertificationItem]:
    found = []
    for code, name, matter, basis, issuer, method, days in ITEMS:
        unit = Unit.objects.filter(code=f"{county.code}-{code}").first() or county
        item, _ = CertificationItem.objects.get_or_create(
            unit=unit, name=name, matter=matter,
            defaults={"year": 2021, "legal_basis": basis, "issuing_unit": issuer, "method": method,
                      "verification_days": days, "listed_on": date(2021, 6, 1), "state": "listed"},
        )
        found.append(item)
    return found


def _commitments(year: int, items: list[CertificationItem]) -> None:
    if CommitmentCase.objects.filter(year=year, item__in=items).exists():
        return
    rng = random.Random(year * 23)
    rows = []
    total = COMMITMENTS[year]
    for n in range(1, total + 1):
        item = items[(n - 1) % len(items)]
        committed = _workday_on_or_after(date(year, 1, 5) + timedelta(days=(n - 1) * 330 // total))
        verified = calendar.add_working_days(committed, rng.randrange(2, item.verification_days))
        false = n in (17, total - 9)
        c = CommitmentCase(
            unit=item.unit, year=year, case_no=f"GZCN-{year}-{n:04d}", item=item, applicant_name=person(rng),
            applicant_id_number=id_number(rng), committed_on=committed, decided_on=committed, verified_on=verified,
            result="false" if false else "true", state="handled" if false else "verified",
        )
        if false:
            c.follow_up, c.follow_up_on = "revoked", verified + timedelta(days=5)
            c.follow_up_note = "核查发现承诺内容与事实不符，撤销已作出的决定并记入信用记录。"
        c.full_clean(exclude=["unit", "item"], validate_unique=False)
        rows.append(c)
    CommitmentCase.objects.bulk_create(rows, batch_size=500)
    ct = ContentType.objects.get_for_model(CommitmentCase)
    deadlines = []
    for c in rows:
        rule = rules.verification_rule(c.item.verification_days, c.item.name)
        due = compute_due(rule.rule, c.committed_on, rule.days)
        deadlines.append(_deadline(ct, c, rule, c.committed_on, due, c.verified_on, []))
    Deadline.objects.bulk_create(deadlines, batch_size=500)


# The seed year replayed into the previous full year and the current year up to today
# (fazhi.demo.layers): records of each model's own units, cut at the last step reached today.
LATER_YEARS = (
    ("LegalAidApplication", Lifecycle((Step("applied_on", "applied"), Step("decided_on", "granted"),
                                       Step("assigned_on", "assigned"), Step("closed_on", "closed")))),
    ("CommitmentCase", Lifecycle((Step("committed_on", "pending"), Step("verified_on", "verified")))),
    ("Lecture", Lifecycle((Step("planned_on", "planned"), Step("held_on", "held")))),
)


def load(county: Unit) -> None:
    _load_recorded(county)
    replay("legal_services", lifecycles=LATER_YEARS)
