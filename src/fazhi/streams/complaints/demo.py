"""Demo records of the 问题举报 stream, 2022–2024 and a few open reports of the current year.

2023 follows the seed report ("印发《常德市西洞庭管理区交通运输局道路交通安全和运输执法领域突出
问题工作方案》，在官网公布受理问题举报公告"): the 交通运输局 announcement and the reports it
brought in, next to the 司法局's business-environment channel. Reporter data is synthetic.
The report JB2023-0001 answers the portal's status query with the query code ``XDTDEMO8``.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.utils import timezone

from fazhi.core.deadlines import sync as sync_deadlines
from fazhi.core.models import Unit
from fazhi.demo.layers import Lifecycle, Step, replay
from fazhi.streams.complaints.models import Announcement, Complaint
from fazhi.streams.complaints.services import query_code_hash

DEMO_QUERY_CODE = "XDTDEMO8"

ANNOUNCEMENTS = [
    # (year, unit suffix, title, action, published, accept from, accept until)
    (2022, "-D02", "关于公开受理优化营商环境问题举报的公告", "优化营商环境专项行动",
     date(2022, 4, 6), date(2022, 4, 6), date(2022, 12, 31)),
    (2023, "-D04", "常德市西洞庭管理区交通运输局关于受理道路交通安全和运输执法领域突出问题举报的公告",
     "道路交通安全和运输执法领域突出问题专项整治", date(2023, 5, 8), date(2023, 5, 8), date(2023, 12, 31)),
    (2023, "-D02", "关于开展优化法治营商环境启动年专项行动受理问题线索的公告", "优化法治营商环境启动年专项行动",
     date(2023, 3, 15), date(2023, 3, 15), date(2023, 12, 31)),
    (2024, "-D02", "关于持续受理优化营商环境问题举报的公告", "优化营商环境专项行动",
     date(2024, 3, 4), date(2024, 3, 4), date(2024, 12, 31)),
]
BODY = ("为深入推进{action}，畅通群众诉求渠道，现公开受理相关问题举报。举报人可通过举报电话、举报信箱、"
        "网上举报或来信来访等方式反映问题，请尽量提供具体事实和线索。我们将对举报人信息严格保密，"
        "对受理的举报在规定期限内办理并答复。")

SUBJECTS = {
    "traffic": ["农村公路货车超载", "学校周边违停严重", "非法营运车辆拉客", "危险路段缺少警示标志"],
    "transport": ["执法人员随意罚款", "运输执法程序不规范", "执法车辆公车私用", "路政执法不出示证件"],
    "business": ["项目审批久拖不决", "涉企检查过多过频", "拖欠企业工程款", "招标设置不合理门槛"],
    "enforcement": ["违规查封扣押财物", "行政处罚畸重", "多头执法重复检查"],
    "conduct": ["窗口人员推诿扯皮", "工作人员吃拿卡要"],
    "service": ["办事指南材料要求不一致", "网上办理系统无法提交"],
}
UNITS_BY_CATEGORY = {"traffic": ["-D04", "-D07"], "transport": ["-D04"], "business": ["-D03", "-D05", "-D09", "-D08"],
                     "enforcement": ["-D03", "-D11", "-D13"], "conduct": ["-D06", "-D05"],
                     "service": ["-D06"]}
NAMES = ["周德明", "罗桂英", "杨建华", "胡志勇", "彭秀兰", "曾国平", "谢春梅", "邓小军", "龚丽华", "戴正清"]
COUNTS = {2022: 12, 2023: 24, 2024: 18}
LATE = {2022: {3, 9}, 2023: {5, 17}, 2024: {7}}
CHANNELS = ["online", "online", "hotline", "hotline", "letter", "visit", "email"]


def _unit(county: Unit, suffix: str) -> Unit:
    return Unit.objects.filter(code=f"{county.code}{suffix}").first() or county


def _announcements(county: Unit) -> dict[int, list[Announcement]]:
    made: dict[int, list[Announcement]] = {}
    for year, suffix, title, action, published, start, until in ANNOUNCEMENTS:
        unit = _unit(county, suffix)
        a, _ = Announcement.objects.get_or_create(
            unit=unit, year=year, title=title,  # the later years' copies bear the same titles
            defaults={"action": action, "body": BODY.format(action=action), "state": "published",
                      "hotline": "0736-7822345" if suffix == "-D04" else "0736-7812348",
                      "mailbox": "xdtjb@163.com", "address": f"西洞庭管理区{unit.name}", "accept_from": start,
                      "accept_until": until, "published_on": published})
        made.setdefault(year, []).append(a)
    return made


def _reports(county: Unit, year: int, announcements: list[Announcement]) -> None:
    rng = random.Random(f"complaints-{year}")
    for seq in range(1, COUNTS[year] + 1):
        announcement = announcements[seq % len(announcements)]
        first = announcement.accept_from or date(year, 1, 1)
        span = ((announcement.accept_until or date(year, 12, 31)) - first).days - 40
        received = first + timedelta(days=rng.randint(0, max(span, 1)))
        category = rng.choice(["traffic", "transport"] if announcement.unit.code.endswith("-D04")
                              else ["business", "business", "enforcement", "conduct", "service"])
        target = _unit(county, rng.choice(UNITS_BY_CATEGORY[category]))
        anonymous = rng.random() < 0.3
        replied = received + timedelta(days=30 if seq in LATE[year] else rng.randint(6, 18))
        finding = rng.choice(["true", "partly", "partly", "false"])
        c = Complaint(
            unit=target, registered_unit=announcement.unit, year=year,
            announcement=announcement, tracking_no=f"JB{year}-{seq:04d}", channel=rng.choice(CHANNELS),
            received_on=received, anonymous=anonymous, reporter_name="" if anonymous else NAMES[seq % len(NAMES)],
            reporter_phone="" if anonymous and seq % 2 else f"1397362{seq:04d}", category=category,
            subject=rng.choice(SUBJECTS[category]), content="举报人反映相关问题，请求依法调查处理。",
            reported_party="（已隐去）" if category == "conduct" else "",
            routed_on=received + timedelta(days=1), route_note="请依职责调查处理并答复举报人",
            findings="经调查核实，已查明相关情况。", finding=finding,
            reply="经调查，" + ("反映问题属实，已责令整改并依法处理。" if finding != "false" else "反映问题不属实。"),
            replied_on=replied, closed_on=replied + timedelta(days=3),
            satisfaction="none" if anonymous else rng.choice(["satisfied", "satisfied", "basic", "dissatisfied"]),
            state="closed")
        if year == 2023 and seq == 1:
            c.query_code_hash = query_code_hash(DEMO_QUERY_CODE)
        c.save()
        sync_deadlines(c)


def _current(county: Unit) -> None:
    today = timezone.localdate()
    if Complaint.objects.filter(tracking_no__startswith=f"JB{today.year}-").exists():
        return
    specs = [  # (seq, days ago, state, unit suffix, category, subject)
        (1, 2, "registered", "-D02", "business", "企业开办环节要求重复提交材料"),
        (2, 10, "handling", "-D03", "enforcement", "涉企检查过多过频"),
        (3, 30, "handling", "-D04", "transport", "执法人员随意罚款"),  # overdue
    ]
    for seq, ago, state, suffix, category, subject in specs:
        received = today - timedelta(days=ago)
        if received.year != today.year:
            continue
        unit = _unit(county, suffix)
        c = Complaint(unit=unit, registered_unit=_unit(county, "-D02"), year=today.year,
                      tracking_no=f"JB{today.year}-{seq:04d}", channel="online", received_on=received,
                      anonymous=seq == 2, reporter_name="" if seq == 2 else NAMES[seq], category=category,
                      reporter_phone=f"1397363{seq:04d}", subject=subject, content="举报人反映相关问题，请求依法调查处理。",
                      state=state)
        if state != "registered":
            c.routed_on, c.route_note = received + timedelta(days=1), "请依职责调查处理并答复举报人"
        c.save()
        sync_deadlines(c)


def _load_recorded(county: Unit) -> None:
    announcements = _announcements(county)
    for year, items in sorted(announcements.items()):
        if not Complaint.objects.filter(year=year, tracking_no__startswith=f"JB{year}-").exists():
            _reports(county, year, items)
    _current(county)


# The seed year replayed into the previous full year and the current year up to today
# (fazhi.demo.layers): records of each model's own units, cut at the last step reached today.
LATER_YEARS = (
    ("Complaint", Lifecycle((Step("received_on", "registered"), Step("routed_on", "handling"),
                            Step("replied_on", "replied"), Step("closed_on", "closed")))),
)


def load(county: Unit) -> None:
    _load_recorded(county)
    replay("complaints", lifecycles=LATER_YEARS)
