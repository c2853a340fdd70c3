"""Demo register of the workforce stream. In service during 2023 (the seed report:
"全区聘请法律顾问团队4个，推选执法监督专家3人，通用法律执法教员1人，公职律师1人，
持有法律资格证书3人，执法监督员4人"), plus a team whose contract ended in 2022 and people
appointed in 2024, who do not count for 2023."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from fazhi.core.deadlines import sync as sync_deadlines
from fazhi.core.identifiers import id_check_char
from fazhi.core.models import Unit
from fazhi.streams.workforce.models import Member

K = Member.Kind


def _id(first17: str) -> str:
    return first17 + id_check_char(first17)


# (unit code suffix or "" for the county, kind, name, firm, position, licence no, phone, ID first 17,
#  appointed on, contract end, ended on)
PEOPLE = [
    ("", K.ADVISOR_TEAM, "湖南洞庭律师事务所法律顾问团队", "湖南洞庭律师事务所", "管委会常年法律顾问", "", "",
     "", date(2022, 1, 1), date(2024, 12, 31), None),
    ("-D02", K.ADVISOR_TEAM, "湖南德恒律师事务所法律顾问团队", "湖南德恒律师事务所", "司法局法律顾问", "", "",
     "", date(2023, 1, 1), date(2025, 12, 31), None),
    ("-D05", K.ADVISOR_TEAM, "湖南沅澧律师事务所法律顾问团队", "湖南沅澧律师事务所", "自然资源局法律顾问", "", "",
     "", date(2023, 3, 1), date(2024, 2, 29), date(2024, 2, 29)),
    ("-D03", K.ADVISOR_TEAM, "湖南常德明理律师事务所法律顾问团队", "湖南常德明理律师事务所", "市场监管局法律顾问",
     "", "", "", date(2023, 6, 1), date(2026, 5, 31), None),
    ("-D09", K.ADVISOR_TEAM, "湖南善卷律师事务所法律顾问团队", "湖南善卷律师事务所", "住建局法律顾问", "", "",
     "", date(2021, 1, 1), date(2022, 12, 31), date(2022, 12, 31)),
    ("-D02", K.SUPERVISION_EXPERT, "郭志远", "常德市西洞庭管理区司法局", "执法监督专家", "", "13907360121",
     "43072119780312101", date(2023, 4, 10), None, None),
    ("-D02", K.SUPERVISION_EXPERT, "彭丽华", "湖南洞庭律师事务所", "执法监督专家", "", "13907360122",
     "43070319820715202", date(2023, 4, 10), None, None),
    ("-D02", K.SUPERVISION_EXPERT, "龚建国", "常德职业技术学院", "执法监督专家", "", "13907360123",
     "43070219751108303", date(2023, 4, 10), None, None),
    ("-D02", K.INSTRUCTOR, "熊海燕", "常德市西洞庭管理区司法局", "通用法律执法教员", "", "13907360124",
     "43072119850920404", date(2023, 5, 8), None, None),
    ("-D02", K.PUBLIC_LAWYER, "邓文斌", "常德市西洞庭管理区司法局", "公职律师", "14307201910123456",
     "13907360125", "43072119880503505", date(2022, 9, 1), None, None),
    ("-D02", K.QUALIFIED, "邓文斌", "常德市西洞庭管理区司法局", "法制审核人员", "A20134307210321", "",
     "", date(2022, 9, 1), None, None),
    ("-D03", K.QUALIFIED, "谭晓琳", "市场监督管理局", "法制审核人员", "A20184307030114", "",
     "", date(2021, 7, 1), None, None),
    ("-D07", K.QUALIFIED, "曾宇航", "公安分局", "法制员", "A20204307020287", "",
     "", date(2023, 2, 15), None, None),
    ("-D02", K.SUPERVISOR, "胡德顺", "祝丰镇", "特邀行政执法监督员", "", "13907360126",
     "43072119700214106", date(2023, 3, 1), None, None),
    ("-D02", K.SUPERVISOR, "黎春梅", "金凤街道", "特邀行政执法监督员", "", "13907360127",
     "43072119760830207", date(2023, 3, 1), None, None),
    ("-D02", K.SUPERVISOR, "万国平", "西洞庭管理区人大代表", "特邀行政执法监督员", "", "13907360128",
     "43072119690611308", date(2023, 3, 1), None, date(2023, 12, 31)),
    ("-D02", K.SUPERVISOR, "严立新", "西洞庭管理区政协委员", "特邀行政执法监督员", "", "13907360129",
     "43072119721225409", date(2023, 3, 1), None, date(2023, 11, 30)),
    ("-D02", K.SUPERVISOR, "夏文涛", "西洞庭管理区政协委员", "特邀行政执法监督员", "", "13907360130",
     "43072119801009500", date(2024, 1, 15), None, None),
    ("-D02", K.SUPERVISION_EXPERT, "罗雅琴", "湖南文理学院", "执法监督专家", "", "13907360131",
     "43070219830417601", date(2024, 5, 6), None, None),
]


def _unit(county: Unit, where: str) -> Unit:
    if not where:
        return county
    return Unit.objects.filter(code=f"{county.code}{where}").first() or county


def later_people(today: date) -> list[tuple]:
    """Appointments of the previous and the current year (issue 17), dated no later than today:
    a department's new advisor team at the start of the current year, a supervisor appointed in
    the spring, and last year's new 法制审核 holder at 农业农村局."""
    this, last = today.year, today.year - 1
    return [
        ("-D10", K.ADVISOR_TEAM, "湖南湘君律师事务所法律顾问团队", "湖南湘君律师事务所", "农业农村局法律顾问", "", "",
         "", min(date(this, 1, 1), today), date(this + 2, 12, 31), None),
        ("-D02", K.SUPERVISOR, "符建华", "西洞庭管理区人大代表", "特邀行政执法监督员", "", "13907360132",
         "43072119770806201", min(date(this, 3, 2), today), None, None),
        ("-D10", K.QUALIFIED, "彭志强", "农业农村局", "法制审核人员", f"A{last - 3}43072105", "",
         "", date(last, 6, 16), None, None),
    ]


def load(county: Unit) -> None:
    for where, kind, name, firm, position, licence, phone, id17, appointed, contract_end, ended in [
            *PEOPLE, *later_people(timezone.localdate())]:
        if kind != K.ADVISOR_TEAM:
            contract_end = None
        member, created = Member.objects.get_or_create(
            unit=_unit(county, where), kind=kind, name=name,
            defaults={"year": appointed.year, "firm": firm, "position": position, "licence_no": licence,
                      "phone": phone, "id_number": _id(id17) if id17 else "", "appointed_on": appointed,
                      "contract_end": contract_end, "ended_on": ended, "state": "left" if ended else "active"},
        )
        if created:
            sync_deadlines(member)
