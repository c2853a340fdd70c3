"""Demo records of people's mediation: the reference customer's 2023 ("全年共调处837件，调成831件，
调解矛盾纠纷成功率99.3%") spread over the committees of its 3 townships and 18 villages, four
mediator trainings, and a handful of open cases of the current year with running deadlines.

All personal data is synthetic; ID numbers carry valid check characters. Safe to run again.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from fazhi.core.deadlines import compute_due
from fazhi.core.deadlines import sync as sync_deadlines
from fazhi.core.identifiers import id_check_char
from fazhi.core.models import Deadline, Unit
from fazhi.demo.layers import Lifecycle, Step, replay
from fazhi.streams.mediation import rules
from fazhi.streams.mediation.models import MediationCase, MediationCommittee, Mediator, MediatorTraining

YEAR = 2023
CASES_2023 = 837
FAILED_2023 = 4  # 调解不成功
TERMINATED_2023 = 2  # 终止调解 — with the failures: 837 - 6 = 831 settled
LATE_2023 = 9  # concluded after the one-month term
CONFIRMED_2023 = 14  # written agreements the parties took to the court

SURNAMES = "王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = ["建国", "秀英", "桂兰", "志强", "海燕", "国平", "玉梅", "德明", "春华", "晓东", "红霞", "永红", "卫东",
         "丽娟", "文杰", "金凤", "长青", "新民", "爱华", "振华", "小平", "明亮", "淑珍", "少军", "美玲", "家兴"]
DISPUTES = [
    (MediationCase.DisputeType.FAMILY, 22), (MediationCase.DisputeType.NEIGHBOUR, 24),
    (MediationCase.DisputeType.HOUSING, 10), (MediationCase.DisputeType.LAND, 12),
    (MediationCase.DisputeType.WATER, 4), (MediationCase.DisputeType.CONTRACT, 8),
    (MediationCase.DisputeType.DAMAGES, 9), (MediationCase.DisputeType.LABOUR, 5),
    (MediationCase.DisputeType.TRAFFIC, 3), (MediationCase.DisputeType.OTHER, 3),
]
TRAININGS = [
    (date(2023, 3, 16), "《人民调解法》及调解文书制作培训", 46),
    (date(2023, 6, 15), "民法典婚姻家庭编与继承编专题培训", 52),
    (date(2023, 9, 14), "土地承包经营纠纷调解实务培训", 49),
    (date(2023, 12, 7), "矛盾纠纷排查化解与防止民转刑培训", 55),
]


# -- synthetic people ----------------------------------------------------------------------

def id_number(rng: random.Random) -> str:
    born = date(1950, 1, 1) + timedelta(days=rng.randrange(0, 365 * 50))
    first17 = f"430771{born:%Y%m%d}{rng.randrange(0, 1000):03d}"
    return first17 + id_check_char(first17)


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def phone(rng: random.Random) -> str:
    return rng.choice(["138", "139", "150", "187", "199"]) + f"{rng.randrange(0, 10**8):08d}"


def address(rng: random.Random, unit: Unit) -> str:
    township = unit.parent.name if unit.kind == Unit.Kind.VILLAGE and unit.parent else unit.name
    place = unit.name if unit.kind == Unit.Kind.VILLAGE else ""
    return f"湖南省常德市西洞庭管理区{township}{place}{rng.randrange(1, 13)}组{rng.randrange(1, 60)}号"


def registration_number(year: int, unit: Unit, n: int) -> str:
    return rules.registration_number(year, unit.name, n)


# -- loaders -------------------------------------------------------------------------------

def load(county: Unit) -> None:
    committees = _committees(county)
    _mediators(committees)
    _cases_2023(committees)
    _trainings(county)
    _current_cases(committees)
    replay("mediation", lifecycles=LATER_YEARS, skip=("MediationCommittee", "Mediator"))


# The seed year replayed into the previous full year and the current year up to today
# (fazhi.demo.layers): a case accepted by today and concluded later is still being mediated (its
# result emptied, its term running); one whose follow-up visit is ahead awaits it. Committees and
# mediators are a register, not yearly work: the copies stay with them.
LATER_YEARS = (
    ("MediationCase", Lifecycle((
        Step("accepted_on", "mediating"),
        Step("concluded_on", "follow_up", fills=("result", "agreement_form", "agreement_date", "agreement_content",
                                                 "confirmation_applied_on", "confirmation_court",
                                                 "confirmation_result")),
        Step("follow_up_on", "closed", fills=("performance", "follow_up_note"))))),
)


def _grassroots(county: Unit) -> list[Unit]:
    kinds = (Unit.Kind.TOWNSHIP, Unit.Kind.VILLAGE)
    return list(county.descendants().filter(kind__in=kinds).order_by("path"))


def _committees(county: Unit) -> list[MediationCommittee]:
    """One committee per township and village (人民调解法 第八条)."""
    rng = random.Random(8)
    found = []
    for unit in _grassroots(county):
        kind = MediationCommittee.Kind.TOWNSHIP if unit.kind == Unit.Kind.TOWNSHIP else MediationCommittee.Kind.VILLAGE
        committee, _ = MediationCommittee.objects.get_or_create(
            unit=unit, name=f"{unit.name}人民调解委员会",
            defaults={"year": YEAR, "kind": kind, "state": "active", "director": person(rng),
                      "members": rng.randrange(3, 8), "established_on": date(2011, rng.randrange(3, 10), 1)},
        )
        found.append(committee)
    return found


def _mediators(committees: list[MediationCommittee]) -> None:
    rng = random.Random(13)
    for committee in committees:
        for position in ("主任", "调解员"):
            name = person(rng)
            if Mediator.objects.filter(unit=committee.unit, position=position).exists():
                continue
            mediator = Mediator(unit=committee.unit, committee=committee, year=YEAR, state="active", name=name,
                                position=position, phone=phone(rng), id_number=id_number(rng),
                                certified=True, trained=rng.random() < 0.8)
            mediator.full_clean()
            mediator.save()


def _spread(total: int, every: int, offset: int) -> set[int]:
    return {offset + i * every for i in range(total)}


def _cases_2023(committees: list[MediationCommittee]) -> None:
    """837 closed cases of 2023, of which 831 settled, bulk-created but each validated first."""
    existing = set(MediationCase.objects.filter(year=YEAR, committee__in=committees)
                   .values_list("registration_number", flat=True))
    if len(existing) >= CASES_2023:
        return
    rng = random.Random(YEAR)
    failed = _spread(FAILED_2023, 173, 40)
    terminated = _spread(TERMINATED_2023, 311, 101)
    late = _spread(LATE_2023, 89, 17)
    confirmed = 0
    counters: dict[int, int] = {}
    cases, deadlines = [], []
    for i in range(CASES_2023):
        committee = committees[i % len(committees)]
        counters[committee.pk] = counters.get(committee.pk, 0) + 1
        number = registration_number(YEAR, committee.unit, counters[committee.pk])
        accepted = date(YEAR, 1, 3) + timedelta(days=(i * 320) // CASES_2023)
        days = rng.randrange(34, 46) if i in late else rng.randrange(1, 26)
        case = MediationCase(
            unit=committee.unit, committee=committee, year=YEAR, registration_number=number,
            mediator=person(rng), dispute_type=rng.choices([d for d, _ in DISPUTES], [w for _, w in DISPUTES])[0],
            source=rng.choices(list(MediationCase.Source.values), [55, 40, 5])[0],
            application_date=accepted, accepted_on=accepted,
            party_a_name=person(rng), party_a_id_number=id_number(rng), party_a_phone=phone(rng),
            party_a_address=address(rng, committee.unit),
            party_b_name=person(rng), party_b_id_number=id_number(rng), party_b_phone=phone(rng),
            party_b_address=address(rng, committee.unit),
            facts="双方因生产生活琐事发生纠纷，申请调解。", concluded_on=accepted + timedelta(days=days),
            state="closed",
        )
        if case.source == MediationCase.Source.REFERRED:
            case.referred_by = rng.choice(["西洞庭管理区人民法院诉前调解", "公安分局派出所"])
        if i in failed or i in terminated:
            case.result = MediationCase.Result.FAILED if i in failed else MediationCase.Result.TERMINATED
        else:
            _settle(case, rng, i, confirm=(i % 5 == 0 and confirmed < CONFIRMED_2023))
            confirmed += bool(case.confirmation_applied_on)
        due = compute_due(rules.term_rule().rule, accepted, rules.term_days())
        case.over_term = case.concluded_on > due.due
        if number in existing:
            continue
        case.full_clean(validate_unique=False)
        cases.append(case)
        deadlines.append((case, due))
    MediationCase.objects.bulk_create(cases, batch_size=500)
    _bulk_terms(deadlines)


def _settle(case: MediationCase, rng: random.Random, i: int, *, confirm: bool) -> None:
    case.result = MediationCase.Result.SUCCESS
    if i % 5 < 3 or confirm:
        case.agreement_form = MediationCase.AgreementForm.WRITTEN
        case.agreement_date = case.concluded_on
        case.agreement_content = "双方自愿达成如下协议：……（演示数据）"
    else:
        case.agreement_form = MediationCase.AgreementForm.ORAL
    if confirm:
        case.confirmation_applied_on = case.agreement_date + timedelta(days=rng.randrange(2, 20))
        case.confirmation_court = "西洞庭管理区人民法院"
        case.confirmation_result = MediationCase.ConfirmationResult.VALID
    case.follow_up_on = case.concluded_on + timedelta(days=rng.randrange(7, 30))
    roll = rng.random()
    case.performance = (MediationCase.Performance.PERFORMED if roll < 0.97
                        else MediationCase.Performance.PARTIAL if roll < 0.99 else MediationCase.Performance.UNPERFORMED)
    case.follow_up_note = "回访时双方表示满意。" if case.performance == MediationCase.Performance.PERFORMED else "督促履行中。"


def _bulk_terms(created: list[tuple[MediationCase, object]]) -> None:
    """The mediation-term deadline of each bulk-created case, met on its conclusion date."""
    if not created:
        return
    ct = ContentType.objects.get_for_model(MediationCase)
    rule = rules.term_rule()
    Deadline.objects.bulk_create([
        Deadline(content_type=ct, object_id=case.pk, unit=case.unit, key=rule.key, label=rule.label, rule=rule.rule,
                 days=rule.days, basis=rule.basis, start=case.accepted_on, due=due.due, confirmed=due.confirmed,
                 met_on=case.concluded_on)
        for case, due in created
    ], batch_size=500)


def _justice(county: Unit) -> Unit:
    return Unit.objects.filter(code=f"{county.code}-D02").first() or county


def _trainings(county: Unit) -> None:
    unit = _justice(county)
    for held_on, topic, participants in TRAININGS:
        MediatorTraining.objects.get_or_create(
            unit=unit, year=held_on.year, topic=topic,
            defaults={"held_on": held_on, "participants": participants, "organiser": "司法局",
                      "hours": 4, "state": "held"},
        )
    today = timezone.localdate()
    MediatorTraining.objects.get_or_create(
        unit=unit, year=today.year, topic="人民调解员年度业务轮训",
        defaults={"organiser": "司法局", "state": "planned"},
    )


def _current_cases(committees: list[MediationCommittee]) -> None:
    """A few cases of the current year: one new, one due within days, one past the term, one
    written agreement within its judicial-confirmation window, and one closed."""
    if not committees:
        return
    rng = random.Random(2026)
    today = timezone.localdate()
    by_name = {c.unit.name: c for c in committees}
    pick = [by_name.get(name, committees[i % len(committees)])
            for i, name in enumerate(["唐林村", "唐林村", "育才社区", "祝丰镇", "民安村"])]
    plans = [  # (committee, days since acceptance, state, dispute type, facts)
        (pick[0], 5, "mediating", MediationCase.DisputeType.NEIGHBOUR, "两户因排水沟渠堵塞发生争执。"),
        (pick[1], 28, "mediating", MediationCase.DisputeType.LAND, "承包地界址不清，双方各执一词。"),
        (pick[2], 40, "mediating", MediationCase.DisputeType.FAMILY, "赡养费分担纠纷，涉及多名子女。"),
        (pick[3], 15, "agreed", MediationCase.DisputeType.DAMAGES, "饲养的犬只咬伤邻居，就医疗费赔偿发生纠纷。"),
        (pick[4], 60, "closed", MediationCase.DisputeType.CONTRACT, "农机作业费用结算纠纷。"),
    ]
    for n, (committee, ago, state, dispute, facts) in enumerate(plans, start=1):
        accepted = today - timedelta(days=ago)
        number = registration_number(accepted.year, committee.unit, 900 + n)
        if MediationCase.objects.filter(registration_number=number).exists():
            continue
        case = MediationCase(
            unit=committee.unit, committee=committee, year=accepted.year, registration_number=number,
            mediator=person(rng), dispute_type=dispute, source=MediationCase.Source.APPLIED,
            application_date=accepted, accepted_on=accepted, party_a_name=person(rng),
            party_a_id_number=id_number(rng), party_a_phone=phone(rng), party_a_address=address(rng, committee.unit),
            party_b_name=person(rng), party_b_id_number=id_number(rng), party_b_phone=phone(rng),
            party_b_address=address(rng, committee.unit), facts=facts, state=state,
        )
        if state in ("agreed", "closed"):
            case.concluded_on = accepted + timedelta(days=ago - 12 if state == "agreed" else 20)
            case.result = MediationCase.Result.SUCCESS
            case.agreement_form = MediationCase.AgreementForm.WRITTEN
            case.agreement_date = case.concluded_on
            case.agreement_content = "双方自愿达成协议，一次性给付相关费用。（演示数据）"
        if state == "closed":
            case.follow_up_on = case.concluded_on + timedelta(days=10)
            case.performance = MediationCase.Performance.PERFORMED
            case.follow_up_note = "已按协议履行完毕。"
        case.full_clean()
        case.save()
        sync_deadlines(case)
