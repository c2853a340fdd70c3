"""Demo requests: West Dongting's 2023 ("对符合法定条件要求的依申请公开信息答复率100%") with a
balanced table 三 (13 new + 1 carried in = 13 handled + 1 carried forward), and a few
requests open now, one due soon, one overdue, one paused for third-party consultation.

Personal data is synthetic; ID numbers and credit codes carry valid check characters.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from fazhi.core import calendar, deadlines
from fazhi.core.identifiers import id_check_char, uscc_check_char
from fazhi.core.models import Unit
from fazhi.demo.layers import Lifecycle, Step, replay
from fazhi.streams.disclosure.models import DisclosureRequest


def person_id(birth: str, seq: str) -> str:
    first17 = f"430771{birth}{seq}"
    return first17 + id_check_char(first17)


def credit_code(org: str) -> str:
    first17 = f"91430771{org}"
    return first17 + uscc_check_char(first17)


@dataclass
class Demo:
    unit: str  # department code suffix
    no: str
    channel: str
    received: date
    applicant: tuple[str, str, str]  # type, name, id number or credit code
    information: str
    state: str
    replied: date | None = None
    reply: tuple[str, str] = ("", "")  # reply type, reason
    submitted: date | None = None
    supplement: tuple[date, date, date | None] | None = None  # requested, deadline, received
    consult: tuple[str, date, date | None] | None = None  # third party, start, end
    extension: tuple[int, str, str, date] | None = None  # days, reason, approver, approved on
    extra: dict[str, Any] = field(default_factory=dict)


NATURAL, COMMERCIAL, RESEARCH, LEGAL = "natural", "commercial", "research", "legal_service"

YEAR_2023 = [
    Demo("D05", "自然资源依申〔2022〕9号", "online", date(2022, 12, 21),
         (NATURAL, "刘建国", person_id("19680415", "031")), "某村集体土地征收批复文件", "archived",
         replied=date(2023, 1, 16), reply=("public", ""), submitted=date(2022, 12, 20)),
    Demo("D01", "党政办依申〔2023〕1号", "in_person", date(2023, 2, 14),
         (NATURAL, "陈晓梅", person_id("19790822", "042")), "2022年度区财政预算执行情况报告", "archived",
         replied=date(2023, 2, 24), reply=("public", "")),
    Demo("D01", "党政办依申〔2023〕2号", "mail_signed", date(2023, 3, 3),
         (COMMERCIAL, "常德某农业开发有限公司", credit_code("MA4L2K3R7")), "2022年农业产业化项目评审结果及评分明细",
         "archived", replied=date(2023, 3, 30), reply=("partial", "refused_third_party"), submitted=date(2023, 3, 1)),
    Demo("D05", "自然资源依申〔2023〕1号", "online", date(2023, 4, 10),
         (NATURAL, "王立新", person_id("19850107", "013")), "某地块出让合同及受让企业土地使用情况", "archived",
         replied=date(2023, 5, 25), reply=("refused", "refused_third_party"), submitted=date(2023, 4, 9),
         consult=("常德某置业有限公司", date(2023, 4, 20), date(2023, 5, 10))),
    Demo("D03", "市场监管依申〔2023〕1号", "in_person", date(2023, 5, 8),
         (NATURAL, "赵春华", person_id("19720930", "024")), "某超市2019年以前的食品抽检原始记录", "archived",
         replied=date(2023, 5, 19), reply=("no_info", "no_info_not_held")),
    Demo("D03", "市场监管依申〔2023〕2号", "fax", date(2023, 6, 5),
         (LEGAL, "湖南某律师事务所", credit_code("31430000X")), "2022年度行政处罚决定书目录及处罚依据",
         "archived", replied=date(2023, 7, 20), reply=("public", ""), submitted=date(2023, 6, 2),
         extension=(15, "涉及档案数量较多，需逐件检索核对", "赵局长（市场监管局）", date(2023, 6, 28))),
    Demo("D09", "住建依申〔2023〕1号", "mail_ordinary", date(2023, 7, 3),
         (NATURAL, "孙红梅", person_id("19900318", "065")), "某小区加装电梯补贴的审批文件", "archived",
         replied=date(2023, 8, 3), reply=("public", ""), submitted=date(2023, 6, 29),
         supplement=(date(2023, 7, 7), date(2023, 7, 21), date(2023, 7, 14))),
    Demo("D09", "住建依申〔2023〕2号", "in_person", date(2023, 8, 15),
         (NATURAL, "周志强", person_id("19660211", "017")), "要求查处邻居违章建筑并答复处理结果", "archived",
         replied=date(2023, 8, 22), reply=("not_processed", "not_processed_petition")),
    Demo("D01", "党政办依申〔2023〕3号", "online", date(2023, 9, 18),
         (NATURAL, "吴海燕", person_id("19880605", "028")), "近十年全区各村人均收入统计分析报告", "archived",
         replied=date(2023, 10, 16), reply=("no_info", "no_info_create"), submitted=date(2023, 9, 16)),
    Demo("D05", "自然资源依申〔2023〕2号", "in_person", date(2023, 10, 23),
         (RESEARCH, "湖南某农业科学研究所", credit_code("12430000Y")), "西洞庭管理区国土空间总体规划公示稿",
         "archived", replied=date(2023, 10, 25), reply=("already_public", "")),
    Demo("D03", "市场监管依申〔2023〕3号", "in_person", date(2023, 11, 6),
         (NATURAL, "郑文军", person_id("19750728", "039")), "那个企业的材料", "deemed_withdrawn",
         supplement=(date(2023, 11, 9), date(2023, 11, 24), None),
         extra={"closed_on": date(2023, 11, 27), "reply_type": "other", "reply_reason": "other_no_supplement"}),
    Demo("D05", "自然资源依申〔2023〕3号", "in_person", date(2023, 11, 20),
         (COMMERCIAL, "常德某建材有限公司", credit_code("MA4T8N2P5")), "砂石开采权出让公告及成交结果", "archived",
         replied=date(2023, 12, 8), reply=("public", "")),
    Demo("D03", "市场监管依申〔2023〕4号", "in_person", date(2023, 12, 4),
         (NATURAL, "冯德胜", person_id("19620119", "051")), "与2023年5月申请相同的食品抽检记录", "archived",
         replied=date(2023, 12, 12), reply=("not_processed", "not_processed_repeat"),
         extra={"reconsideration": True, "challenge_outcome": "upheld"}),
    Demo("D01", "党政办依申〔2023〕4号", "online", date(2023, 12, 18),
         (NATURAL, "何丽娟", person_id("19930514", "046")), "2024年民生实事项目征集情况", "archived",
         replied=date(2024, 1, 10), reply=("public", ""), submitted=date(2023, 12, 17)),
]


def working_days_before(day: date, n: int) -> date:
    """The working day ``n`` working days before ``day``."""
    d, counted = day, 0
    while counted < n:
        d -= timedelta(days=1)
        if calendar.is_workday(d):
            counted += 1
    return d


def current_requests(today: date) -> list[Demo]:
    """Requests open now, placed relative to today so the lists and reminders show something."""
    back = working_days_before
    return [
        Demo("D03", f"市场监管依申〔{today.year}〕11号", "in_person", back(today, 3),
             (NATURAL, "钱玉兰", person_id("19810923", "062")), "辖区内餐饮单位量化分级评定结果", "registered"),
        Demo("D03", f"市场监管依申〔{today.year}〕10号", "online", back(today, 18),
             (NATURAL, "林志明", person_id("19770306", "075")), "某品牌电动自行车抽检不合格处理情况", "under_review",
             submitted=back(today, 19)),
        Demo("D03", f"市场监管依申〔{today.year}〕9号", "mail_signed", back(today, 23),
             (COMMERCIAL, "常德某食品有限公司", credit_code("MA4Q6W1D9")), "本公司被投诉举报的处理记录", "under_review",
             submitted=back(today, 25)),
        Demo("D03", f"市场监管依申〔{today.year}〕8号", "in_person", back(today, 12),
             (NATURAL, "黄建华", person_id("19690817", "084")), "某药店行政许可申请材料", "third_party_consult",
             consult=("西洞庭某大药房", back(today, 5), None)),
        Demo("D03", f"市场监管依申〔{today.year}〕5号", "in_person", back(today, 40),
             (NATURAL, "罗小平", person_id("19860125", "093")), "年度“双随机”抽查计划", "archived",
             replied=back(today, 30), reply=("public", "")),
    ]


def _unit(county: Unit, suffix: str) -> Unit:
    return Unit.objects.filter(code=f"{county.code}-{suffix}").first() or county


def _fields(demo: Demo) -> dict[str, Any]:
    kind, name, identifier = demo.applicant
    received = demo.received
    fields: dict[str, Any] = {
        "year": received.year, "channel": demo.channel, "state": demo.state, "information": demo.information,
        "applicant_type": kind, "applicant_name": name, "applicant_phone": f"139{zlib.crc32(demo.no.encode()) % 10**8:08d}",
        "applicant_address": "常德市西洞庭管理区祝丰镇示例村1组", "handler": "信息公开专员",
        "submitted_on": demo.submitted or received,
        "signed_on": received if demo.channel == "mail_signed" else None,
        "confirmed_on": received if demo.channel in ("mail_ordinary", "online", "fax") else None,
        "reply_type": demo.reply[0], "reply_reason": demo.reply[1], "replied_on": demo.replied,
        "closed_on": demo.replied,
    }
    fields["applicant_id_number" if kind == NATURAL else "applicant_credit_code"] = identifier
    if demo.replied and demo.state != "replied":
        fields["delivered_on"] = demo.replied
        fields["delivery_proof"] = "EMS回执"
    if demo.state == "archived":
        fields["archive_no"] = f"GK-{demo.no}"
    if demo.state not in ("received", "registered", "deemed_withdrawn"):
        fields["review_started_on"] = received  # reviewed on receipt (or on the supplement, below)
    if demo.supplement:
        fields["supplement_requested_on"], fields["supplement_deadline"], fields["supplement_received_on"] = \
            demo.supplement
        if demo.supplement[2]:
            fields["review_started_on"] = demo.supplement[2]
    if demo.consult:
        fields["third_party"], fields["consult_started_on"], fields["consult_ended_on"] = demo.consult
    if demo.extension:
        days, reason, approver, on = demo.extension
        fields.update(extension_days=days, extension_reason=reason, extension_approver=approver,
                      extension_approved_on=on)
    fields.update(demo.extra)
    return fields


def _add(county: Unit, demo: Demo) -> None:
    record, created = DisclosureRequest.objects.get_or_create(
        unit=_unit(county, demo.unit), request_no=demo.no, defaults=_fields(demo))
    if created:
        deadlines.sync(record)  # the declared deadlines, from the historic dates above


def _load_recorded(county: Unit) -> None:
    for demo in [*YEAR_2023, *current_requests(timezone.localdate())]:
        _add(county, demo)


# The seed year replayed into the previous full year and the current year up to today
# (fazhi.demo.layers): records of each model's own units, cut at the last step reached today.
LATER_YEARS = (
    ("DisclosureRequest", Lifecycle((Step("received_on", "registered"), Step("review_started_on", "under_review"),
                                     Step("replied_on", "replied"), Step("delivered_on", "delivered"),
                                     Step("closed_on", "archived")))),
)


def load(county: Unit) -> None:
    _load_recorded(county)
    replay("disclosure", lifecycles=LATER_YEARS)
