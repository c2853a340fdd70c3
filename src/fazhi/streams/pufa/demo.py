"""Demo records of the 普法 stream for 西洞庭: 2023 (the seed report's "压实“谁执法谁普法”责任制")
and the current year. Each of the fourteen departments publishes a 普法责任清单 of its own laws and holds
activities on them (市场监督管理局 食品安全法, 交通运输局 道路交通安全法 …); every village and
community has 法律明白人 on its roster (one has left in the current year, replaced). Names, phones
and ID numbers are synthetic (valid check characters)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from fazhi.core.identifiers import id_check_char
from fazhi.core.models import Unit
from fazhi.streams.pufa.models import Activity, ActivityKind, LegalLiterate, ResponsibilityItem

# unit suffix -> (law, content, audience, audience kind, place)
WORK = {
    "-D03": ("《中华人民共和国食品安全法》", "食品安全主体责任、索证索票和消费者权益保护", "食品生产经营者、消费者",
             "business", "农贸市场"),
    "-D04": ("《中华人民共和国道路交通安全法》", "农村道路交通安全、电动车和货车超载治理", "驾驶人、村（居）民",
             "villagers", "客运站广场"),
    "-D05": ("《中华人民共和国土地管理法》", "耕地保护、农村宅基地审批和违法用地查处", "村（居）民",
             "villagers", "村民服务中心"),
    "-D07": ("《中华人民共和国反电信网络诈骗法》", "识骗防骗、银行卡和电话卡管理", "社会公众", "public", "社区广场"),
    "-D09": ("《建设工程质量管理条例》", "建筑施工安全、农民工工资支付", "施工企业、务工人员", "workers", "建筑工地"),
    "-D10": ("《中华人民共和国农产品质量安全法》", "农药使用、农产品质量安全和种子管理", "种养殖户", "villagers",
             "田间地头"),
    "-D11": ("《中华人民共和国环境保护法》", "排污许可、秸秆禁烧和洞庭湖生态保护", "企业、村（居）民", "business",
             "工业园区"),
    "-D12": ("《中华人民共和国基本医疗卫生与健康促进法》", "公共卫生、医疗纠纷预防和处理", "医务人员、群众",
             "public", "区人民医院"),
    "-D13": ("《中华人民共和国安全生产法》", "安全生产主体责任、消防安全和应急避险", "企业负责人、职工",
             "business", "企业会议室"),
    "-D02": ("《中华人民共和国民法典》", "婚姻家庭、继承、土地承包和人民调解", "村（居）民、青少年学生",
             "villagers", "村（社区）文化广场"),
    "-D01": ("《中华人民共和国宪法》", "宪法宣传周、国家工作人员宪法宣誓和学法用法", "国家工作人员",
             "officials", "管理区机关会议室"),
    "-D06": ("《优化营商环境条例》", "政务服务事项办理、证明事项告知承诺制", "企业和办事群众", "business",
             "政务服务大厅"),
    "-D08": ("《中华人民共和国预算法》", "预算管理、政府采购和惠农补贴资金监管", "预算单位、村（居）民",
             "officials", "财政局会议室"),
    "-D14": ("《信访工作条例》", "依法信访、逐级走访和诉求表达渠道", "信访群众、村（居）民", "villagers",
             "信访接待大厅"),
}
KINDS = ["lecture", "village", "case", "square", "media"]
SURNAMES = "王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗"
GIVEN = ["建国", "秀英", "志强", "桂兰", "海燕", "德明", "春花", "国平", "丽娟", "红军", "小兵", "玉梅"]


def _id_number(rng: random.Random) -> str:
    born = date(1965, 1, 1) + timedelta(days=rng.randrange(0, 365 * 30))
    first17 = f"430771{born:%Y%m%d}{rng.randrange(0, 1000):03d}"
    return first17 + id_check_char(first17)


def _dates(year: int, today: date, count: int) -> list[date]:
    """``count`` dates spread over the year, not later than today."""
    last = min(date(year, 12, 20), today)
    span = (last - date(year, 1, 10)).days
    return [date(year, 1, 10) + timedelta(days=span * (i + 1) // (count + 1)) for i in range(count)]


def _year(units: dict[str, Unit], year: int, today: date) -> None:
    for n, (suffix, (law, content, audience, audience_kind, place)) in enumerate(WORK.items()):
        unit = units.get(suffix)
        if unit is None or ResponsibilityItem.objects.filter(unit=unit, year=year).exists():
            continue
        published = min(date(year, 2, 20), today)
        items = [ResponsibilityItem.objects.create(
            unit=unit, year=year, law=law, content=content, audience=audience, means=means, due=due,
            state="published", published_on=published)
            for means, due in (("专题讲座、以案释法", "year"), ("法治宣传进村（社区）、广场宣传", "q2"))]
        ResponsibilityItem.objects.create(unit=unit, year=year, law="《中华人民共和国行政处罚法》",
                                          content="行政处罚程序、当事人陈述申辩和听证权利", audience=audience,
                                          means="新媒体推送", due="q3",
                                          state="draft" if year == today.year and n % 3 == 0 else "published",
                                          published_on=None if year == today.year and n % 3 == 0 else published)
        for i, held in enumerate(_dates(year, today, 4 + n % 3)):
            kind = KINDS[(i + n) % len(KINDS)]
            count = 30 + (n * 37 + i * 53) % 170 if kind != "media" else 800 + n * 120 + i * 45
            Activity.objects.create(
                unit=unit, year=year, title=f"{law.strip('《》')}{ActivityKind(kind).label}",
                kind=kind, law=law, held_on=held, place="微信公众号" if kind == "media" else place,
                audience_kind=audience_kind, audience_count=count, item=items[i % 2], is_public=i % 4 != 3,
                summary=f"围绕{content}开展普法宣传。", state="held")
        if year == today.year:
            planned = today + timedelta(days=10 + n)
            if planned.year == year:
                Activity.objects.create(unit=unit, year=year, title=f"{law.strip('《》')}宣传月活动", kind="square",
                                        law=law, held_on=planned, place=place, audience_kind=audience_kind,
                                        audience_count=0, item=items[1], state="planned")


def _roster(villages: list[Unit], today: date) -> None:
    rng = random.Random(16)
    for i, village in enumerate(villages):
        if LegalLiterate.objects.filter(unit=village).exists():
            continue
        for k in range(2 + i % 2):
            trained = date(2023, 3, 8) if k < 2 else min(date(today.year, 3, 15), today)
            LegalLiterate.objects.create(
                unit=village, year=trained.year, name=rng.choice(SURNAMES) + rng.choice(GIVEN),
                phone=rng.choice(["138", "139", "150", "187"]) + f"{rng.randrange(0, 10**8):08d}",
                id_number=_id_number(rng), trained_on=trained,
                certificate_no=f"XDT-FLMBR-{trained.year}-{i + 1:02d}{k + 1}", state="active")
        if i == 0 and today.year > 2023:
            # one has left in the current year (the village keeps its other two)
            first = LegalLiterate.objects.filter(unit=village).order_by("id").first()
            LegalLiterate.objects.filter(pk=first.pk).update(state="retired",
                                                             left_on=min(date(today.year, 1, 15), today))


def load(county: Unit) -> None:
    units = {u.code[len(county.code):]: u for u in Unit.objects.filter(code__startswith=f"{county.code}-")}
    villages = list(county.descendants().filter(kind=Unit.Kind.VILLAGE).order_by("path"))
    today = timezone.localdate()
    with transaction.atomic():
        for year in sorted({2023, today.year - 1, today.year}):  # the seed, last and current year
            _year(units, year, today)
        _roster(villages, today)
