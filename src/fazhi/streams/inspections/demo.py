"""Demo data of the 双随机 stream: a register of a few hundred entities with valid credit codes,
30 inspectors, the item list, plans for 2022–2024, and completed draws whose results are
published. Deterministic (fixed random seeds; demo draws use a seed derived from the task's
name, never a secret one) and idempotent (natural keys; a task with a draw is left alone)."""

from __future__ import annotations

import hashlib
import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from fazhi.core import deadlines
from fazhi.core.calendar import add_working_days
from fazhi.core.identifiers import USCC_CHARSET, uscc_check_char
from fazhi.core.models import Unit
from fazhi.demo.layers import layer_years, replay
from fazhi.streams.inspections import services
from fazhi.streams.inspections.models import (
    Category,
    Entity,
    EntityType,
    InspectionItem,
    InspectionPlan,
    InspectionTask,
    Inspector,
    Method,
    Outcome,
)

SURNAMES = "王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰新春海燕晓东文斌波辉宇浩凯婷雪琳"
PLACES = ["西洞庭", "祝丰", "金凤", "洞庭", "望洲", "嘉山", "沅澧", "德山", "柳叶", "桃花", "丰泽", "湘北"]
BUSINESS = [
    ("食品销售", "超市", EntityType.INDIVIDUAL), ("食品销售", "食品商行", EntityType.ENTERPRISE),
    ("餐饮服务", "饭店", EntityType.INDIVIDUAL), ("餐饮服务", "餐饮管理有限公司", EntityType.ENTERPRISE),
    ("特种设备使用", "机械制造有限公司", EntityType.ENTERPRISE), ("批发零售", "商贸有限公司", EntityType.ENTERPRISE),
    ("农资经营", "农资经营部", EntityType.INDIVIDUAL), ("农业生产", "农业专业合作社", EntityType.COOPERATIVE),
]
PREFIX = {EntityType.ENTERPRISE: "91", EntityType.INDIVIDUAL: "92", EntityType.COOPERATIVE: "93"}

ITEMS = [
    ("-D03", "SC-001", "食品销售者经营行为检查", Category.FOOD, "《中华人民共和国食品安全法》第一百一十条",
     "进货查验、贮存条件、过期食品处置", Method.SITE, "5", "每年不少于1次"),
    ("-D03", "SC-002", "特种设备使用单位检查", Category.EQUIPMENT, "《中华人民共和国特种设备安全法》第五十七条",
     "使用登记、定期检验、作业人员持证", Method.SITE, "5", "每年不少于1次"),
    ("-D03", "SC-003", "企业公示信息检查", Category.LICENCE, "《企业信息公示暂行条例》第十四条",
     "年度报告及即时公示信息的真实性", Method.PAPER, "3", "每年1次"),
    ("-D10", "NY-001", "农药经营单位检查", Category.AGRICULTURE, "《农药管理条例》第四十一条",
     "经营许可、进销台账、限制使用农药定点经营", Method.SITE, "10", "每年不少于1次"),
]


def _credit_code(rng: random.Random, prefix: str) -> str:
    body = prefix + "430771" + "".join(rng.choice(USCC_CHARSET) for _ in range(9))
    return body + uscc_check_char(body)


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _entities(market: Unit, agri: Unit, townships: list[Unit]) -> None:
    """320 entities; each one's data depends only on its number (a per-entity random stream)."""
    existing = set(Entity.objects.filter(unit__in=[market, agri]).values_list("credit_code", flat=True))
    rows = []
    for i in range(320):
        rng = random.Random(f"fazhi-demo-entity-{i}")
        industry, suffix, kind = BUSINESS[i % len(BUSINESS)]
        code = _credit_code(rng, PREFIX[kind])
        if code in existing:
            continue
        existing.add(code)
        place = rng.choice(PLACES)
        name = f"西洞庭{place}{'' if kind == EntityType.ENTERPRISE else _name(rng)}{suffix}"
        township = townships[rng.randrange(len(townships))] if townships else None
        grade = rng.choices("ABCD", weights=(40, 40, 15, 5))[0]
        unit = agri if industry in ("农资经营", "农业生产") and i % 2 else market
        rows.append(Entity(unit=unit, year=2022, state="active", name=f"{name}{i + 1:03d}"[:200], credit_code=code,
                           entity_type=kind, industry=industry, risk_grade=grade, township=township,
                           address=f"{township.name if township else '西洞庭管理区'}{place}路{rng.randint(1, 300)}号"))
    Entity.objects.bulk_create(rows)


def _inspectors(market: Unit, agri: Unit, townships: list[Unit]) -> None:
    rng = random.Random(2023)
    codes = list(Entity.objects.filter(unit=market).order_by("credit_code").values_list("credit_code", flat=True))
    for i in range(30):
        unit = market if i < 22 else agri
        quals = "food,equipment,licence,product" if unit == market else "agriculture,food"
        relations = codes[(i * 37) % len(codes)] if codes and i % 6 == 0 else ""
        Inspector.objects.get_or_create(
            certificate_no=f"{'43077103' if unit == market else '43077110'}{i + 1:03d}",
            defaults={"unit": unit, "year": 2022, "state": "active", "name": _name(rng),
                      "valid_until": date(2023, 3, 31) if i in (5, 17) else date(2026, 12, 31),
                      "qualifications": quals, "relations": relations,
                      "residence_township": rng.choice(townships) if townships and i % 3 else None,
                      "account": "clerk" if i == 0 else ""},
        )


def _task(plan: InspectionPlan, item: InspectionItem, title: str, start: date, end: date, **extra) -> InspectionTask:
    task, _ = InspectionTask.objects.get_or_create(
        plan=plan, title=title,
        defaults={"unit": plan.unit, "year": plan.year, "state": "planned", "item": item, "period_start": start,
                  "period_end": end, "witness": "区纪检监察工委 监督员", **extra})
    return task


def _complete(task: InspectionTask, *, late: int = 0, problems: int = 2) -> None:
    """Draw with a seed derived from the title, then enter and publish every result."""
    if task.draws.exists():
        return
    seed = hashlib.sha256(f"fazhi-demo:{task.title}".encode()).digest()
    draw = services._new_draw(task, by=None, sequence=1, witness=task.witness, demo_seed=seed)
    services._execute(draw, by=None, move_task=False)
    rng = random.Random(task.title)
    results = list(task.results.order_by("stratum", "rank"))
    for n, result in enumerate(results):
        inspected = task.period_start + timedelta(days=rng.randint(0, max(0, (task.period_end - task.period_start).days)))
        outcome = Outcome.FIXED if n < problems else (Outcome.NOT_FOUND if n == len(results) - 1 else Outcome.NORMAL)
        published = add_working_days(inspected, 25 if n < late else 10)
        result.inspected_on, result.result, result.state = inspected, outcome, "published"
        result.findings = "进货查验记录不全，已责令限期整改。" if outcome == Outcome.FIXED else ""
        result.follow_up = "已复查，整改到位。" if outcome == Outcome.FIXED else ""
        result.entered_by_name, result.published_on = result.inspectors_display.split("、")[0], published
        result.save()
        deadlines.sync(result)  # the publication period, met on the publication date
    InspectionTask.objects.filter(pk=task.pk).update(state="closed" if task.year < 2023 else "published")


def _load_recorded(county: Unit) -> None:
    units = {u.code: u for u in Unit.objects.filter(code__startswith=f"{county.code}-")}
    market, agri = units.get(f"{county.code}-D03"), units.get(f"{county.code}-D10")
    if market is None or agri is None:
        return
    townships = list(Unit.objects.filter(kind=Unit.Kind.TOWNSHIP, path__startswith=county.path).order_by("code"))
    with transaction.atomic():
        items = {}
        for suffix, code, name, category, basis, content, method, ratio, frequency in ITEMS:
            items[code], _ = InspectionItem.objects.get_or_create(
                unit=units[f"{county.code}{suffix}"], name=name,
                defaults={"year": 2022, "state": "active", "code": code, "category": category, "basis": basis,
                          "content": content, "method": method, "ratio": Decimal(ratio), "frequency": frequency})
        _entities(market, agri, townships)
        _inspectors(market, agri, townships)
        plans = {}
        for year, state in ((2022, "closed"), (2023, "approved"), (2024, "draft")):
            plans[year], _ = InspectionPlan.objects.get_or_create(
                unit=market, year=year, title=f"{year}年度“双随机、一公开”抽查工作计划",
                defaults={"state": state, "filed_on": date(year, 2, 20), "note": "按事项清单分批组织抽查。"})
        joint, _ = InspectionPlan.objects.get_or_create(
            unit=market, year=2023, title="2023年农资和食品安全部门联合抽查计划",
            defaults={"state": "approved", "joint": True, "cooperating_units": agri.name, "filed_on": date(2023, 3, 1)})
        _complete(_task(plans[2022], items["SC-001"], "2022年食品销售者随机抽查", date(2022, 5, 9), date(2022, 6, 30),
                        ratio=Decimal(5)), problems=1)
        _complete(_task(plans[2023], items["SC-001"], "2023年第一批食品销售和餐饮随机抽查", date(2023, 5, 8),
                        date(2023, 6, 30), ratio=Decimal(10), industries="食品销售、餐饮服务", stratify_risk=True,
                        ratio_by_grade="D:50、C:20、B:10、A:5"), late=1, problems=3)
        _complete(_task(joint, items["SC-001"], "2023年农资经营部门联合抽查", date(2023, 9, 4), date(2023, 10, 31),
                        count=6, industries="农资经营、农业生产"), problems=1)
        _task(plans[2023], items["SC-002"], "2023年特种设备使用单位随机抽查", date(2023, 11, 6), date(2023, 12, 15),
              ratio=Decimal(5), industries="特种设备使用")
        _task(plans[2024], items["SC-003"], "2024年企业公示信息随机抽查", date(2024, 7, 1), date(2024, 8, 31),
              ratio=Decimal(3), entity_types="enterprise")


# The seed year replayed into the previous full year and the current year up to today
# (fazhi.demo.layers): the plans and their tasks. Draws are commitments made when they happen, so
# they are not copied: each copied task whose results are due for publication by today is drawn
# and completed as the seed year's were (a seed derived from its title); a task still running
# waits for its draw.


def load(county: Unit) -> None:
    _load_recorded(county)
    replay("inspections", skip=("Draw", "InspectionResult", "Assignment", "Replacement"))
    today = timezone.localdate()
    for task in InspectionTask.objects.filter(year__in=layer_years(today), state="published").order_by("pk"):
        if add_working_days(task.period_end, 25) <= today:
            _complete(task, late=1 if "第一批" in task.title else 0, problems=3 if "第一批" in task.title else 1)
        elif not task.draws.exists():
            InspectionTask.objects.filter(pk=task.pk).update(state="planned")
