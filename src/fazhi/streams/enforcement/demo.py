"""Demo records of the enforcement stream, 2022–2024, reproducing the reference customer's 2023
("全年组织开展行政执法案卷评查1次，市区专项领域联合评查2次 … 全年参考行政执法资格考试并通过34人，
全区现持有行政执法证件91人"):

- 91 officers across nine departments hold a valid certificate on 2023-12-31 (34 of them issued
  in 2023 after the exam); besides them, 4 certificates expired in 2023, 2 were revoked and 1
  was suspended over the turn of the year; 13 more were issued in 2024;
- 执法资格考试: 2022 20 sat / 18 passed, 2023 37 / 34, 2024 15 / 13;
- training hours for the certified officers of each year;
- case-file review: 1 own campaign a year, 2 joint campaigns in 2023 and 1 in 2024, with
  score sheets, failures and their rectification;
- enforcement decisions with timely and late disclosure, one withdrawal, and two 2024
  decisions still unpublished (overdue);
- the licence-item lists and discretion benchmarks.

Deterministic (fixed seeds) and idempotent (natural keys); synthetic people with valid check
characters. Safe to run again.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from fazhi.core.calendar import add_working_days
from fazhi.core.deadlines import sync as sync_deadlines
from fazhi.core.identifiers import USCC_CHARSET, id_check_char, uscc_check_char
from fazhi.core.models import Unit
from fazhi.demo import work
from fazhi.demo.layers import Lifecycle, Step, replay
from fazhi.streams.enforcement import rules
from fazhi.streams.enforcement.models import (
    Benchmark,
    Campaign,
    Decision,
    DecisionType,
    ExamResult,
    FileReview,
    IssueCategory,
    LicenceItem,
    Officer,
    PartyType,
    TrainingRecord,
)

# department code suffix, short prefix for document numbers, enforcement field, officers valid at 2023-12-31
DEPARTMENTS = [
    ("D03", "西市监", "市场监管", 18),
    ("D04", "西交", "交通运输", 12),
    ("D05", "西自然资源", "自然资源", 9),
    ("D07", "西公", "治安管理", 14),
    ("D09", "西住建", "住房和城乡建设", 8),
    ("D10", "西农", "农业农村", 10),
    ("D11", "西环", "生态环境", 6),
    ("D12", "西卫", "卫生健康", 7),
    ("D13", "西应急", "应急管理", 7),
]
ISSUED_2023 = 34  # the 2023 exam passers, certified in 2023
SURNAMES = "王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = ["建军", "海波", "志刚", "丽华", "晓峰", "国庆", "红梅", "俊杰", "卫平", "雪莲", "立新", "春燕", "光明",
         "永军", "慧敏", "振宇", "爱民", "文静", "德胜", "秀兰", "鹏飞", "静怡", "世杰", "新华", "桂芳", "宏伟"]
COMPANIES = ["洞庭湖农产品有限公司", "西湖米业有限公司", "祝丰建材经营部", "金凤食品商行", "西洞庭物流有限公司",
             "湘北建筑工程有限公司", "常德鑫源渔业合作社", "西湖镇惠民超市", "洞庭水产养殖有限公司", "沅澧运输有限公司",
             "西洞庭大药房", "宏达机动车维修厂", "金穗种业有限公司", "绿源生态农业有限公司", "安达货运有限公司",
             "湘西洞庭砂石有限公司", "民生餐饮管理有限公司", "福瑞棉业有限公司"]
MATTERS = {
    DecisionType.PENALTY: ["销售超过保质期的食品", "未取得道路运输经营许可擅自从事经营", "违法占用耕地建设",
                           "超标排放大气污染物", "未按规定开展安全生产教育培训", "经营未经检疫的动物产品"],
    DecisionType.LICENCE: ["食品经营许可", "道路货物运输经营许可", "建筑工程施工许可", "取水许可", "医疗机构执业登记"],
    DecisionType.COERCION: ["查封违法生产经营场所", "扣押超限运输车辆"],
    DecisionType.INSPECTION: ["安全生产监督检查", "食品安全日常监督检查"],
    DecisionType.OTHER: ["行政确认", "行政奖励"],
}
CAMPAIGNS = [
    # year, title, kind, organiser, scope, held_on, number of files
    (2022, "2022年度行政执法案卷评查", Campaign.Kind.OWN, "司法局（依法治区办）", "各执法部门2022年办结案卷",
     date(2022, 11, 15), 10),
    (2023, "市区交通运输执法领域联合评查", Campaign.Kind.JOINT, "常德市司法局、西洞庭管理区司法局",
     "交通运输执法领域突出问题专项整治案卷", date(2023, 5, 23), 6),
    (2023, "市区市场监管领域联合评查", Campaign.Kind.JOINT, "常德市市场监督管理局、西洞庭管理区司法局",
     "市场监管领域行政处罚案卷", date(2023, 9, 19), 6),
    (2023, "2023年度行政执法案卷评查", Campaign.Kind.OWN, "司法局（依法治区办）", "各执法部门2023年办结案卷",
     date(2023, 11, 14), 12),
    (2024, "市区生态环境执法领域联合评查", Campaign.Kind.JOINT, "常德市司法局、西洞庭管理区司法局",
     "生态环境执法领域行政处罚案卷", date(2024, 7, 10), 5),
    (2024, "2024年度行政执法案卷评查", Campaign.Kind.OWN, "司法局（依法治区办）", "各执法部门2024年办结案卷",
     date(2024, 11, 12), 10),
]
JOINT_UNITS = {"市区交通运输执法领域联合评查": "D04", "市区市场监管领域联合评查": "D03",
               "市区生态环境执法领域联合评查": "D11"}
COURSES = [("行政执法人员通用法律知识培训", 24), ("行政处罚法及执法程序专题培训", 16),
           ("执法领域专业法律知识培训", 20), ("行政执法案卷制作与全过程记录培训", 12)]


# -- synthetic identifiers ---------------------------------------------------------------------------

def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def id_number(rng: random.Random) -> str:
    born = date(1965, 1, 1) + timedelta(days=rng.randrange(0, 365 * 35))
    first17 = f"430771{born:%Y%m%d}{rng.randrange(0, 1000):03d}"
    return first17 + id_check_char(first17)


def phone(rng: random.Random) -> str:
    return rng.choice(["138", "139", "150", "187", "199"]) + f"{rng.randrange(0, 10**8):08d}"


def credit_code(rng: random.Random) -> str:
    first17 = "91430771" + "".join(rng.choice(USCC_CHARSET) for _ in range(9))
    return first17 + uscc_check_char(first17)


def _dept(county: Unit, suffix: str) -> Unit | None:
    return Unit.objects.filter(code=f"{county.code}-{suffix}").first()


def _valid_until(issued: date) -> date:
    return date(issued.year + 5, issued.month, min(issued.day, 28)) - timedelta(days=1)


# -- loaders ------------------------------------------------------------------------------------------

def _load_recorded(county: Unit) -> None:
    departments = [(unit, prefix, field, n) for suffix, prefix, field, n in DEPARTMENTS
                   if (unit := _dept(county, suffix)) is not None]
    if not departments:
        return
    officers = _officers(departments)
    _exams(officers)
    _trainings()
    _campaigns(county, departments)
    _decisions(departments)
    _licences_and_benchmarks(departments)


def _new_officer(rng: random.Random, unit: Unit, field: str, issued: date, seq: int, **extra) -> Officer:
    return Officer(unit=unit, year=issued.year, name=person(rng), certificate_no=f"{unit.code[-3:]}{issued.year}{seq:03d}",
                   certificate_type="provincial", enforcement_field=field, issued_on=issued,
                   valid_until=_valid_until(issued), id_number=id_number(rng), phone=phone(rng),
                   **{"state": "valid", **extra})


def _officers(departments: list) -> list[Officer]:
    """Officer register; returns the officers created by this run (empty when already loaded)."""
    if Officer.objects.filter(unit__in=[d[0] for d in departments]).exists():
        return []
    rng = random.Random(91)
    rows: list[Officer] = []
    new_2023 = ISSUED_2023
    for i, (unit, _prefix, field, valid) in enumerate(departments):
        seq = 0
        for k in range(valid):
            seq += 1
            if new_2023 and k % 2 == 0 and k < valid - 2:
                issued = date(2023, 8, 1) + timedelta(days=rng.randrange(0, 120))
                new_2023 -= 1
            else:
                issued = date(rng.randrange(2019, 2023), rng.randrange(1, 13), rng.randrange(1, 28))
            rows.append(_new_officer(rng, unit, field, issued, seq))
        # not valid on 2023-12-31: expired during 2023, revoked, suspended over the turn of the year
        if i < 4:
            seq += 1
            rows.append(_new_officer(rng, unit, field, date(2018, 3 + i, 10), seq))
        if i in (1, 5):
            seq += 1
            rows.append(_new_officer(rng, unit, field, date(2020, 6, 1), seq, state="revoked",
                                     revoked_on=date(2023, 5, 20), revoke_reason="调离执法岗位"))
        if i == 2:
            seq += 1
            rows.append(_new_officer(rng, unit, field, date(2021, 4, 8), seq, suspended_on=date(2023, 11, 20),
                                     restored_on=date(2024, 2, 26)))
        # certified in 2024 after that year's exam
        for _ in range(2 if i < 4 else 1):
            seq += 1
            rows.append(_new_officer(rng, unit, field, date(2024, 9, 2) + timedelta(days=rng.randrange(0, 60)), seq))
    assert new_2023 == 0, "not enough posts for the 2023 certificates"
    for officer in rows:
        officer.full_clean(validate_unique=False)
    return Officer.objects.bulk_create(rows, batch_size=500)


def _exams(officers: list[Officer]) -> None:
    """Exam results: each 2022/2023/2024 certificate goes with a pass that year, plus failures."""
    if not officers or ExamResult.objects.exists():
        return
    rng = random.Random(34)
    rows = []
    sittings = {2022: date(2022, 7, 16), 2023: date(2023, 6, 17), 2024: date(2024, 6, 15)}
    targets = {2022: (20, 18), 2023: (37, 34), 2024: (15, 13)}
    for officer in officers:
        year = officer.issued_on.year
        if year in sittings and sum(1 for r in rows if r.year == year) < targets[year][1]:
            rows.append(ExamResult(unit=officer.unit, year=year, candidate_name=officer.name,
                                   id_number=officer.id_number, exam_date=sittings[year],
                                   score=Decimal(rng.randrange(62, 96)), certificate_no=officer.certificate_no))
    passed = {year: sum(1 for r in rows if r.year == year) for year in sittings}
    units = sorted({o.unit for o in officers}, key=lambda u: u.path)
    for year, (sat, pass_count) in targets.items():
        for k in range(pass_count - passed[year]):  # passes whose certificate is not in this register
            rows.append(ExamResult(unit=units[k % len(units)], year=year, candidate_name=person(rng),
                                   id_number=id_number(rng), exam_date=sittings[year],
                                   score=Decimal(rng.randrange(60, 90))))
        for k in range(sat - pass_count):
            rows.append(ExamResult(unit=units[(k + 3) % len(units)], year=year, candidate_name=person(rng),
                                   id_number=id_number(rng), exam_date=sittings[year],
                                   score=Decimal(rng.randrange(35, 60))))
    for row in rows:
        row.state = "recorded"
        row.passed = row.score >= rules.exam_pass_score()
        row.full_clean(validate_unique=False)
    ExamResult.objects.bulk_create(rows, batch_size=500)


def _trainings() -> None:
    """Courses of each year for every officer certified at some point of that year."""
    if TrainingRecord.objects.exists():
        return
    rng = random.Random(60)
    rows = []
    for year in (2022, 2023, 2024):
        start, end = date(year, 1, 1), date(year, 12, 31)
        officers = Officer.objects.filter(issued_on__lte=end, valid_until__gte=start).select_related("unit")
        for officer in officers:
            courses = rng.sample(COURSES, k=rng.choice([2, 3, 3, 4]))
            for n, (course, hours) in enumerate(courses):
                held = max(date(year, 3 + 2 * n, 10 + n), officer.issued_on)
                if held > end or held.year != year:
                    continue
                rows.append(TrainingRecord(unit=officer.unit, year=year, certificate_no=officer.certificate_no,
                                           officer=officer, course=course, held_on=held, hours=Decimal(hours),
                                           state="recorded"))
    TrainingRecord.objects.bulk_create(rows, batch_size=1000)


def _scores(rng: random.Random, quality: str) -> dict[str, Decimal]:
    """Dimension scores for an excellent / acceptable / failed file."""
    heavy = {"excellent": (0, 2), "acceptable": (1, 4), "failed": (3, 7)}[quality]
    points = rules.review_points()
    scores = {}
    for name in rules.REVIEW_ITEMS:
        loss = Decimal(rng.randrange(heavy[0] * 2, heavy[1] * 2 + 1)) / 2
        scores[name] = max(Decimal(0), points[name] - min(loss, points[name] / 2))
    return scores


def _campaigns(county: Unit, departments: list) -> None:
    justice = _dept(county, "D02") or county
    rng = random.Random(2023)
    by_suffix = {unit.code[-3:]: (unit, prefix) for unit, prefix, _f, _n in departments}
    for year, title, kind, organiser, scope_note, held_on, files in CAMPAIGNS:
        campaign, created = Campaign.objects.get_or_create(
            unit=justice, year=year, title=title,
            defaults={"kind": kind, "organiser": organiser, "scope_note": scope_note, "held_on": held_on,
                      "issued_on": held_on + timedelta(days=21), "state": "closed",
                      "summary": "评查结果已在全区通报，问题案卷已交办整改。"},
        )
        if not created:
            continue
        latest = year == 2024 and kind == Campaign.Kind.OWN
        for n in range(files):
            if title in JOINT_UNITS:
                unit, prefix = by_suffix[JOINT_UNITS[title]]
            else:
                unit, prefix = list(by_suffix.values())[n % len(by_suffix)]
            quality = "failed" if n in (4, 9) else ("excellent" if n % 3 == 0 else "acceptable")
            review = FileReview(unit=justice, year=year, campaign=campaign, reviewed_unit=unit,
                                case_no=f"{prefix}罚〔{year}〕{n + 3}号", case_type=DecisionType.PENALTY,
                                closed_on=held_on - timedelta(days=rng.randrange(30, 200)),
                                reviewers="司法局评查组、特邀执法监督员", state="scored", **_scores(rng, quality))
            review.compute_total()
            if review.grade == "failed" or (n == 2):
                review.issue_category = IssueCategory.PROCEDURE if n != 2 else IssueCategory.DOCUMENTS
                review.findings = "未依法履行告知程序，证据材料未编目装订。" if n != 2 else "文书用语不规范。"
                review.rectification_due = held_on + timedelta(days=45)
                if latest and n == 9:
                    review.state = "rectifying"
                    campaign.state = "issued"
                    campaign.save(update_fields=["state"])
                else:
                    review.state = "rectified"
                    review.rectified_on = held_on + timedelta(days=rng.randrange(20, 44))
                    review.rectification_note = "已组织整改并补正材料。"
            review.full_clean(validate_unique=False)
            review.save()


def _decisions(departments: list) -> None:
    """About 30 decisions a year; disclosure mostly within the period, a few late, one withdrawn,
    and two 2024 decisions still unpublished. Each department decides its own matters and deals
    with its own parties (fazhi.demo.work); the draws over COMPANIES and MATTERS are kept, as
    indexes into the department's lists, so the seeded sequence (and every 2023 figure) is the one
    it has always been."""
    if Decision.objects.filter(unit__in=[d[0] for d in departments]).exists():
        return
    rng = random.Random(118)
    types = [DecisionType.PENALTY] * 5 + [DecisionType.LICENCE] * 4 + [DecisionType.COERCION,
                                                                      DecisionType.INSPECTION, DecisionType.OTHER]
    for year in (2022, 2023, 2024):
        late = {7, 18, 26} if year == 2023 else {11}
        for n in range(30):
            unit, prefix, _field, _valid = departments[n % len(departments)]
            suffix = unit.code.rsplit("-", 1)[-1]
            kind = types[n % len(types)]
            decided = date(year, 1, 9) + timedelta(days=n * 11 + rng.randrange(0, 5))
            natural = kind == DecisionType.PENALTY and n % 3 == 0
            rule = rules.disclosure_rule(kind)
            lag = rule.days + rng.randrange(2, 6) if n in late else rng.randrange(1, min(rule.days, 6) + 1)
            decision = Decision(
                unit=unit, year=year, doc_no=f"{prefix}{'罚' if kind == DecisionType.PENALTY else '决'}〔{year}〕{n + 1}号",
                decision_type=kind, party_type=PartyType.NATURAL if natural else PartyType.LEGAL,
                party_org="" if natural else work.party(suffix, rng.randrange(len(COMPANIES))),
                party_credit_code="" if natural else credit_code(rng),
                party_person=person(rng) if natural else "", party_id_number=id_number(rng) if natural else "",
                matter=work.matter(suffix, kind, rng.randrange(len(MATTERS[kind]))), basis="依据相关法律法规作出",
                content="责令改正，并处罚款。" if kind == DecisionType.PENALTY else "准予/作出决定。",
                decided_on=decided, state="decided",
            )
            unpublished = year == 2024 and n in (28, 29)
            if not unpublished:
                decision.state = "published"
                decision.disclosed_on = add_working_days(decided, lag)
                decision.disclosure_channel = "西洞庭管理区人民政府门户网站执法公示专栏"
            if year == 2023 and n == 12:
                decision.reversed_on = decided + timedelta(days=60)
                decision.withdrawn_on = decision.reversed_on + timedelta(days=2)
                decision.withdrawal_reason = "该处罚决定经行政复议被依法撤销"
                decision.state = "withdrawn"
            decision.full_clean(validate_unique=False)
            decision.save()
            sync_deadlines(decision)


LICENCES = [
    ("D03", "XK-SJ-001", "食品经营许可", "《中华人民共和国食品安全法》第三十五条", 10, True),
    ("D03", "XK-SJ-002", "特种设备使用登记", "《中华人民共和国特种设备安全法》第三十三条", 15, False),
    ("D04", "XK-JT-001", "道路货物运输经营许可", "《中华人民共和国道路运输条例》第二十四条", 20, False),
    ("D04", "XK-JT-002", "公路超限运输许可", "《公路安全保护条例》第三十五条", 5, False),
    ("D05", "XK-ZR-001", "建设项目用地预审与选址意见书核发", "《中华人民共和国土地管理法》第五十二条", 20, False),
    ("D09", "XK-ZJ-001", "建筑工程施工许可证核发", "《中华人民共和国建筑法》第七条", 7, True),
    ("D09", "XK-ZJ-002", "商品房预售许可", "《城市商品房预售管理办法》第六条", 10, False),
    ("D10", "XK-NY-001", "农药经营许可", "《农药管理条例》第二十四条", 20, True),
    ("D11", "XK-HJ-001", "排污许可", "《排污许可管理条例》第六条", 20, False),
    ("D12", "XK-WJ-001", "公共场所卫生许可", "《公共场所卫生管理条例》第八条", 20, True),
]
BENCHMARKS = [
    ("D03", "CF-SJ-01", "食品安全", "销售超过保质期的食品", Benchmark.Grade.EXEMPT, "首次被发现、货值金额较小且及时改正的，不予处罚"),
    ("D03", "CF-SJ-02", "食品安全", "销售超过保质期的食品", Benchmark.Grade.ORDINARY, "没收违法所得和违法经营的食品，并处货值金额十倍以上十五倍以下罚款"),
    ("D03", "CF-SJ-03", "食品安全", "销售超过保质期的食品", Benchmark.Grade.SERIOUS, "并处货值金额十五倍以上二十倍以下罚款；情节严重的吊销许可证"),
    ("D04", "CF-JT-01", "道路运输", "未取得道路运输经营许可擅自从事经营", Benchmark.Grade.MINOR, "责令停止经营，没收违法所得，处二万元以上五万元以下罚款"),
    ("D04", "CF-JT-02", "道路运输", "未取得道路运输经营许可擅自从事经营", Benchmark.Grade.SERIOUS, "处五万元以上十万元以下罚款"),
    ("D11", "CF-HJ-01", "大气污染防治", "超标排放大气污染物", Benchmark.Grade.ORDINARY, "责令改正或者限制生产、停产整治，处十万元以上五十万元以下罚款"),
    ("D11", "CF-HJ-02", "大气污染防治", "超标排放大气污染物", Benchmark.Grade.SERIOUS, "处五十万元以上一百万元以下罚款；情节严重的报经批准责令停业、关闭"),
    ("D13", "CF-YJ-01", "安全生产", "未按规定开展安全生产教育培训", Benchmark.Grade.EXEMPT, "初次违法且危害后果轻微并及时改正的，不予处罚"),
    ("D13", "CF-YJ-02", "安全生产", "未按规定开展安全生产教育培训", Benchmark.Grade.ORDINARY, "责令限期改正，处十万元以下罚款"),
]


def _licences_and_benchmarks(departments: list) -> None:
    by_suffix = {unit.code[-3:]: unit for unit, _p, _f, _n in departments}
    for year, published in ((2022, date(2022, 4, 15)), (2023, date(2023, 3, 31)), (2024, date(2024, 3, 29))):
        for suffix, code, name, basis, days, commitment in LICENCES:
            unit = by_suffix.get(suffix)
            if unit is None or (year == 2022 and code.endswith("002")):
                continue
            LicenceItem.objects.get_or_create(
                unit=unit, year=year, item_code=code,
                defaults={"name": name, "basis": basis, "issuing_body": unit.name, "time_limit_days": days,
                          "commitment": commitment, "fee": "不收费", "published_on": published,
                          "repealed_on": date(year + 1, published.month, published.day) - timedelta(days=1)
                          if year < 2024 else None,
                          "state": "repealed" if year < 2024 else "published"},
            )
    for suffix, code, domain, violation, grade, penalty in BENCHMARKS:
        unit = by_suffix.get(suffix)
        if unit is None:
            continue
        Benchmark.objects.get_or_create(
            unit=unit, year=2023, code=code,
            defaults={"kind": Benchmark.Kind.PENALTY, "domain": domain, "violation": violation,
                      "basis": "依据相关法律法规及《常德市推广柔性监管的指导意见》", "grade": grade,
                      "penalty_range": penalty, "published_on": date(2023, 12, 15), "state": "published"},
        )


# The seed year replayed into the previous full year and the current year up to today
# (fazhi.demo.layers): records of each model's own units, cut at the last step reached today.
LATER_YEARS = (
    ("Decision", Lifecycle((Step("decided_on", "decided"), Step("disclosed_on", "published"),
                            Step("withdrawn_on", "withdrawn")))),
    ("Campaign", Lifecycle((Step("held_on", "reviewing"), Step("issued_on", "issued")))),
    ("FileReview", Lifecycle((Step("closed_on", "rectifying"), Step("rectified_on", "rectified")))),
    ("LicenceItem", Lifecycle((Step("published_on", "published"), Step("repealed_on", "repealed")))),
)


def load(county: Unit) -> None:
    _load_recorded(county)
    replay("enforcement", lifecycles=LATER_YEARS, skip=("Officer", "ExamResult", "TrainingRecord"))
