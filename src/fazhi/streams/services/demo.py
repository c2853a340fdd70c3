"""Demo records of the 政务服务 stream: the service catalogues of 2022–2024 and their 好差评.

2023 reproduces the seed report ("政务服务事项网上可办率99.87%，高频事项实现‘最多跑一次’，
12个部门进驻80个事项可一窗委托办理"): a catalogue of 771 items of which 770 can be handled
online (770/771 = 99.870% → "99.87%"), every high-frequency item needs at most one visit, and
80 items of 12 departments go through the one-window delegated channel. Two items withdrawn
in mid-2023 are not counted. All rater data is synthetic.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.utils import timezone

from fazhi.core.deadlines import sync as sync_deadlines
from fazhi.core.models import Unit
from fazhi.demo.layers import Lifecycle, Step, replay
from fazhi.streams.services.models import ServiceItem, ServiceRating

YEARS = (2022, 2023, 2024)

# Department suffix -> (catalogue size 2023, one-window items 2023, [(base name, type, statutory days)])
DEPARTMENTS: dict[str, tuple[int, int, list[tuple[str, str, int | None]]]] = {
    "-D01": (40, 8, [("最低生活保障对象认定", "payment", 30), ("特困人员认定", "payment", 30),
                     ("临时救助对象认定", "payment", 20), ("社会团体登记", "licence", 60),
                     ("民办非企业单位登记", "licence", 60), ("婚姻登记", "confirmation", None),
                     ("残疾人两项补贴发放", "payment", 20), ("高龄津贴发放", "payment", None)]),
    "-D02": (30, 4, [("法律援助申请", "public_service", 7), ("人民调解申请", "public_service", None),
                     ("基层法律服务工作者执业核准", "licence", 20), ("公证事项办理", "public_service", 15),
                     ("司法鉴定投诉处理", "other_power", 60)]),
    "-D03": (150, 14, [("企业设立登记", "licence", 15), ("食品经营许可", "licence", 20),
                       ("食品生产许可", "licence", 20), ("个体工商户登记", "licence", 15),
                       ("特种设备使用登记", "licence", 15), ("药品零售企业许可", "licence", 30),
                       ("计量器具型式批准", "licence", 20), ("农民专业合作社登记", "licence", 15),
                       ("医疗器械经营备案", "other_power", 5), ("广告发布登记", "licence", 10)]),
    "-D04": (70, 8, [("道路货物运输经营许可", "licence", 20), ("道路旅客运输经营许可", "licence", 20),
                     ("出租汽车经营许可", "licence", 20), ("公路超限运输许可", "licence", 15),
                     ("占用挖掘公路许可", "licence", 20), ("机动车维修经营备案", "other_power", 5),
                     ("道路运输从业人员从业资格证核发", "licence", 10)]),
    "-D05": (80, 8, [("建设用地规划许可证核发", "licence", 20), ("建设工程规划许可证核发", "licence", 20),
                     ("乡村建设规划许可证核发", "licence", 20), ("不动产首次登记", "confirmation", 30),
                     ("不动产转移登记", "confirmation", 30), ("不动产抵押登记", "confirmation", 30),
                     ("临时用地审批", "licence", 20), ("林木采伐许可证核发", "licence", 20)]),
    "-D06": (10, 0, [("帮办代办服务", "public_service", None), ("政务服务“好差评”受理", "public_service", None),
                     ("企业开办一件事", "public_service", None)]),
    "-D07": (100, 8, [("户口迁移登记", "confirmation", 20), ("居民身份证申领", "confirmation", 60),
                      ("居住证申领", "confirmation", 15), ("机动车登记", "confirmation", 5),
                      ("机动车驾驶证核发", "licence", 5), ("公章刻制备案", "other_power", 1),
                      ("大型群众性活动安全许可", "licence", 7), ("户口登记项目变更更正", "confirmation", 30)]),
    "-D08": (25, 3, [("政府采购供应商投诉处理", "adjudication", 30), ("会计代理记账许可", "licence", 20),
                     ("财政票据领购", "public_service", 5)]),
    "-D09": (80, 8, [("建筑工程施工许可", "licence", 7), ("商品房预售许可", "licence", 20),
                     ("城镇污水排入排水管网许可", "licence", 20), ("房屋建筑工程竣工验收备案", "other_power", 15),
                     ("建筑业企业资质核准", "licence", 20), ("公共租赁住房资格审核", "confirmation", 30),
                     ("燃气经营许可", "licence", 20)]),
    "-D10": (70, 7, [("农药经营许可", "licence", 20), ("兽药经营许可", "licence", 20),
                     ("动物防疫条件合格证核发", "licence", 20), ("农作物种子生产经营许可", "licence", 20),
                     ("农村宅基地审批", "licence", 20), ("耕地地力保护补贴发放", "payment", None),
                     ("渔业捕捞许可", "licence", 20)]),
    "-D11": (35, 4, [("建设项目环境影响报告表审批", "licence", 30), ("排污许可", "licence", 20),
                     ("危险废物经营许可", "licence", 20), ("建设项目环境影响登记表备案", "other_power", 1)]),
    "-D12": (50, 5, [("医疗机构执业登记", "licence", 45), ("医师执业注册", "licence", 20),
                     ("公共场所卫生许可", "licence", 20), ("出生医学证明办理", "public_service", None),
                     ("母婴保健技术服务执业许可", "licence", 20)]),
    "-D13": (25, 3, [("危险化学品经营许可", "licence", 30), ("烟花爆竹经营（零售）许可", "licence", 20),
                     ("生产安全事故应急预案备案", "other_power", 20)]),
    "-D14": (6, 0, [("网上信访事项受理", "public_service", 15), ("来访接待", "public_service", None)]),
}
VARIANTS = ["（新办）", "（变更）", "（延续）", "（注销）", "（补证）", "（备案）"]
TYPE_CODES = {"licence": "XK", "confirmation": "QR", "payment": "GF", "adjudication": "CJ", "reward": "JL",
              "other_power": "QT", "public_service": "GG"}
# Catalogue size and one-window items by year; 2023 is the seed report's year.
SIZE_DELTA = {2022: {"-D03": -5, "-D07": -6}, 2023: {}, 2024: {"-D03": 8, "-D09": 5}}
ONE_WINDOW_DELTA = {2022: {"-D01": -2, "-D03": -4, "-D08": -3, "-D13": -3, "-D05": -4, "-D09": -4, "-D10": -4},
                    2023: {}, 2024: {"-D03": 6, "-D05": 2, "-D09": 2, "-D12": 2}}
# Items that cannot be handled online (the one 2023 item needs an in-person check of documents).
NOT_ONLINE = {2022: {("-D07", i) for i in range(0, 96, 12)} | {("-D05", 3), ("-D05", 4), ("-D09", 7), ("-D12", 0)},
              2023: {("-D07", 7)}, 2024: {("-D07", 7)}}
WITHDRAWN_2023 = [("-D10", "兽药经营许可（备案）"), ("-D04", "道路运输从业人员从业资格证核发（备案）")]

NAMES = ["周德明", "罗桂英", "杨建华", "胡志勇", "彭秀兰", "曾国平", "谢春梅", "邓小军", "龚丽华", "戴正清",
         "熊红霞", "汤立新", "贺玉芳", "蒋文斌", "余淑珍", "钟海涛", "易美玲", "覃长青", "舒凤英", "姚德胜"]
BAD_COMMENTS = ["窗口人员解释不清楚，来回跑了两趟", "网上申报系统多次提交失败", "等候时间过长",
                "材料清单与实际要求不一致", "办理进度查询不到", "工作人员态度生硬"]
RECTIFICATIONS = ["已约谈窗口工作人员并开展业务培训，更新一次性告知清单", "已联系平台运维修复申报页面",
                  "增设综合窗口并推行预约办理", "已修订办事指南材料清单并在网上公布", "已开通办理进度短信提醒",
                  "已对相关人员进行批评教育，纳入月度考核"]
GOOD_COMMENTS = ["办事效率高", "一次办好，很方便", "工作人员热情耐心", "网上办理很快", ""]


def _unit(county: Unit, suffix: str) -> Unit | None:
    return Unit.objects.filter(code=f"{county.code}{suffix}").first()


def _items_of(suffix: str, year: int) -> list[tuple[int, str, str, int | None]]:
    size, _, bases = DEPARTMENTS[suffix]
    size += SIZE_DELTA[year].get(suffix, 0)
    rows = []
    for i in range(size):
        name, kind, days = bases[i % len(bases)]
        variant = VARIANTS[(i // len(bases)) % len(VARIANTS)]
        round_no = i // (len(bases) * len(VARIANTS))
        suffix_text = variant if round_no == 0 else f"{variant}（情形{round_no + 1}）"
        rows.append((i, f"{name}{suffix_text}", kind, days))
    return rows


def _item(county: Unit, unit: Unit, suffix: str, year: int, row: tuple, published_on: date) -> ServiceItem:
    i, name, kind, days = row
    rng = random.Random(f"{suffix}-{i}")
    _, windows, bases = DEPARTMENTS[suffix]
    windows += ONE_WINDOW_DELTA[year].get(suffix, 0)
    high = i < min(3, len(bases))  # the 新办 variant of the first three bases
    visits = 0 if rng.random() < 0.3 else 1
    if not high and rng.random() < 0.03:
        visits = 2
    if high and year == 2022 and suffix in ("-D05", "-D07"):
        visits = 2
    online = "none" if (suffix, i) in NOT_ONLINE[year] else ("partial" if rng.random() < 0.15 else "full")
    in_centre = suffix == "-D06" or (suffix != "-D14" and (i < windows or rng.random() < 0.85))
    promised = None if days is None else max(0, round(days * rng.choice((0.25, 0.3, 0.4, 0.5))) - (year - 2022))
    return ServiceItem(
        unit=unit, year=year, state="published", code=f"{county.code}{suffix[1:]}{TYPE_CODES[kind]}{i + 1:03d}",
        name=name, item_type=kind, legal_basis="依据《优化营商环境条例》及相关法律法规" if kind != "licence" else
        "《中华人民共和国行政许可法》及相关法律法规", legal_limit_days=days, promised_limit_days=promised,
        online_level=online, max_visits=visits, high_frequency=high, in_centre=in_centre, one_window=i < windows,
        service_phone=f"0736-78{int(suffix[2:]):02d}{i % 1000:03d}", published_on=published_on)


def _catalogue(county: Unit, year: int) -> list[ServiceItem]:
    items = []
    for n, suffix in enumerate(DEPARTMENTS):
        unit = _unit(county, suffix)
        if unit is None:
            continue
        published_on = date(year, 1, 10) + timedelta(days=n)
        items += [_item(county, unit, suffix, year, row, published_on) for row in _items_of(suffix, year)]
        if year == 2023:
            for w, (where, name) in enumerate(WITHDRAWN_2023):
                if where == suffix:
                    items.append(ServiceItem(
                        unit=unit, year=year, state="withdrawn", code=f"{county.code}{suffix[1:]}WD{w + 1:03d}",
                        name=name, item_type="other_power", online_level="full", max_visits=0,
                        promised_limit_days=1, published_on=published_on, withdrawn_on=date(2023, 6, 30),
                        withdraw_reason="依据上级取消和下放事项清单予以取消"))
    ServiceItem.objects.bulk_create(items, batch_size=500)
    return items


RATINGS_PER_MONTH = {2022: 30, 2023: 40, 2024: 44}
BAD_PER_YEAR = {2022: 6, 2023: 8, 2024: 7}


def _ratings(county: Unit, year: int) -> None:
    rng = random.Random(f"ratings-{year}")
    items = list(ServiceItem.objects.filter(year=year, state="published", unit__in=county.descendants())
                 .select_related("unit").order_by("id"))
    if not items:
        return
    high = [i for i in items if i.high_frequency] or items
    good, bad = [], []
    seq = 0
    bad_months = sorted(rng.sample(range(1, 13), BAD_PER_YEAR[year]))
    for month in range(1, 13):
        for k in range(RATINGS_PER_MONTH[year]):
            seq += 1
            item = rng.choice(high if rng.random() < 0.6 else items)
            rated_on = date(year, month, 1 + (k * 7 + month) % 27)
            real = rng.random() < 0.7
            name = NAMES[seq % len(NAMES)] if real else ""
            is_bad = k == 0 and month in bad_months
            rating = ServiceRating(
                unit=item.unit, year=year, rating_no=f"HCP-{year}-{seq:06d}", item=item, item_code=item.code,
                rated_on=rated_on, channel=rng.choice(("window", "window", "online", "mobile", "kiosk")),
                real_name=real or is_bad, rater_name=name or (NAMES[(seq + 3) % len(NAMES)] if is_bad else ""),
                rater_phone=f"1387360{seq % 10000:04d}" if (real or is_bad) else "",
                level=rng.choice(("very_satisfied", "very_satisfied", "satisfied", "satisfied", "basic")),
                comment=rng.choice(GOOD_COMMENTS), state="recorded")
            if is_bad:
                bad.append(rating)
            else:
                good.append(rating)
    ServiceRating.objects.bulk_create(good, batch_size=500)
    for n, rating in enumerate(bad):
        rating.level = "dissatisfied" if n % 3 else "very_dissatisfied"
        rating.comment = BAD_COMMENTS[n % len(BAD_COMMENTS)]
        rating.verification = "经调取窗口录像和办件记录核实，反映问题基本属实。"
        rating.rectification = RECTIFICATIONS[n % len(RECTIFICATIONS)]
        late = year == 2023 and n == 3 or year == 2022 and n == 1
        rating.rectified_on = rating.rated_on + timedelta(days=9 if late else 3)
        rating.callback_on = rating.rectified_on + timedelta(days=1)
        rating.callback_result = "basic" if n % 4 == 1 else "satisfied"
        rating.state = "called_back"
        if year == 2022 and n == 5:  # one not yet called back at the end of 2022 records
            rating.callback_on, rating.callback_result, rating.state = None, "", "rectified"
        rating.save()
        sync_deadlines(rating)


def _current(county: Unit) -> None:
    """One open bad rating of this year, so the rectification workflow has something to do."""
    today = timezone.localdate()
    item = ServiceItem.objects.filter(unit__code=f"{county.code}-D03", state="published").order_by("-year", "code")
    item = item.first()
    if item is None or ServiceRating.objects.filter(rating_no=f"HCP-{today.year}-900001").exists():
        return
    rated_on = today - timedelta(days=2)
    rating = ServiceRating.objects.create(
        unit=item.unit, year=rated_on.year, rating_no=f"HCP-{today.year}-900001", item=item, item_code=item.code,
        rated_on=rated_on, channel="online", real_name=True, rater_name="杨建华", rater_phone="13873605566",
        level="dissatisfied", comment="网上申报后三天无人联系", state="rectifying")
    sync_deadlines(rating)


def _load_recorded(county: Unit) -> None:
    for year in YEARS:
        if not ServiceItem.objects.filter(year=year, unit__in=county.descendants()).exists():
            _catalogue(county, year)
        if not ServiceRating.objects.filter(year=year, unit__in=county.descendants()).exists():
            _ratings(county, year)
    _current(county)


# The seed year replayed into the previous full year and the current year up to today
# (fazhi.demo.layers): records of each model's own units, cut at the last step reached today.
LATER_YEARS = (
    ("ServiceRating", Lifecycle((Step("rated_on", "rectifying"), Step("rectified_on", "rectified"),
                                 Step("callback_on", "called_back")))),
)


def load(county: Unit) -> None:
    _load_recorded(county)
    replay("services", lifecycles=LATER_YEARS)
