"""Demo records of the litigation stream.

2023 reproduces the seed report ("本年度区内行政应诉案共5件，行政机关负责人出庭应诉率100%；
特别是区领导带头出庭应诉"): five first-instance cases served in 2023, each heard once with a
head of the sued agency in court — one of them the deputy director of the 管委会. Each case has
its 应诉备案/通报/核对 steps. Two 2024 reconsiderations show the 2023 行政复议法 periods.
A few current-year records are open, with deadlines due soon and one overdue.
All personal data is synthetic; ID numbers and credit codes carry valid check characters.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from fazhi.core import deadlines
from fazhi.core.identifiers import id_check_char, uscc_check_char
from fazhi.core.models import Unit
from fazhi.demo.layers import Lifecycle, Step, replay
from fazhi.streams.litigation import rules
from fazhi.streams.litigation.models import CaseStep, Hearing, LitigationCase, Reconsideration

COURT = "西洞庭管理区人民法院"
BODY = "常德市西洞庭管理区管理委员会"


def person_id(birth: str, seq: str) -> str:
    first17 = f"430771{birth}{seq}"
    return first17 + id_check_char(first17)


def credit_code(body: str) -> str:
    first17 = f"91430700{body}"
    return first17 + uscc_check_char(first17)


def _unit(county: Unit, suffix: str) -> Unit:
    return Unit.objects.filter(code=f"{county.code}{suffix}").first() or county


# (case number, unit suffix, cause, act kind, plaintiff, served, answered, hearing, head (name, title, position),
#  judgment date, outcome)
CASES_2023 = [
    ("（2023）湘0771行初1号", "", "不服房屋征收补偿决定", "expropriation",
     ("person", "李建明", person_id("19650312", "201"), "13900000001"),
     date(2023, 3, 20), date(2023, 4, 3), date(2023, 4, 18), ("陈卫东", "管理区管委会副主任", "deputy"),
     date(2023, 5, 26), "dismissed"),
    ("（2023）湘0771行初5号", "-D03", "不服行政处罚决定", "penalty",
     ("organisation", "常德某某商贸有限公司", credit_code("MA4L0A1B2"), "07367000001"),
     date(2023, 5, 8), date(2023, 5, 22), date(2023, 6, 13), ("赵刚", "市场监督管理局局长", "principal"),
     date(2023, 7, 14), "dismissed"),
    ("（2023）湘0771行初9号", "-D05", "不服限期拆除决定", "coercion",
     ("person", "王秀英", person_id("19720805", "142"), "13900000002"),
     date(2023, 7, 10), date(2023, 7, 24), date(2023, 8, 22), ("刘志华", "自然资源局副局长", "deputy"),
     date(2023, 9, 20), "illegal"),
    ("（2023）湘0771行初12号", "-D04", "不服超限运输行政处罚", "penalty",
     ("person", "张国强", person_id("19800117", "315"), "13900000003"),
     date(2023, 9, 4), date(2023, 9, 18), date(2023, 9, 26), ("孙立新", "交通运输局局长", "principal"),
     date(2023, 10, 16), "withdrawn"),
    ("（2023）湘0771行初15号", "-D09", "要求履行住房保障法定职责", "inaction",
     ("person", "周桂兰", person_id("19581123", "226"), "13900000004"),
     date(2023, 11, 2), date(2023, 11, 15), date(2023, 12, 12), ("黄海波", "住房和城乡建设局副局长（分管住房保障）",
                                                                 "in_charge"),
     date(2023, 12, 27), "dismissed"),
]


def _steps(case: LitigationCase, served: date, handler: str) -> None:
    for offset, step in zip((1, 3, 60), rules.litigation_steps(), strict=False):
        CaseStep.objects.get_or_create(case=case, step=step,
                                       defaults={"done_on": served + timedelta(days=offset), "handler": handler})


def _load_2023(county: Unit) -> None:
    for number, suffix, cause, act, party, served, answered, heard, head, judged, outcome in CASES_2023:
        kind, name, code, phone = party
        unit = _unit(county, suffix)
        settled = outcome == "withdrawn"
        case, created = LitigationCase.objects.get_or_create(case_number=number, defaults={
            "unit": unit, "year": 2023, "court": COURT, "instance": "first", "cause": cause, "act_kind": act,
            "plaintiff_kind": kind, "plaintiff_name": name, "plaintiff_phone": phone,
            "plaintiff_id_number": code if kind == "person" else "",
            "plaintiff_credit_code": code if kind != "person" else "",
            "served_on": served, "answer_submitted_on": answered, "handler": "法制股 应诉专员",
            "judgment_form": "ruling" if settled else "judgment", "judgment_date": judged,
            "judgment_served_on": judged + timedelta(days=3), "outcome": outcome,
            "effective_on": judged + timedelta(days=3 if settled else 19),
            "performed_on": judged + timedelta(days=40) if outcome == "illegal" else None,
            "performance": "已重新作出处理决定并报送法院" if outcome == "illegal" else "",
            "state": "closed",
        })
        if created:
            _steps(case, served, "李法治")
            deadlines.sync(case)  # the declared periods, from the historic dates above
        head_name, title, position = head
        Hearing.objects.get_or_create(case_number=number, hearing_date=heard, defaults={
            "case": case, "unit": unit, "year": 2023, "court_room": "第一审判庭", "court_notice": "notified",
            "head_appeared": True, "head_name": head_name, "head_title": title, "head_position": position,
            "appearers": f"{head_name}（{title}）、法制股工作人员1名", "state": "held",
        })


RECONSIDERATIONS_2024 = [
    ("西复〔2024〕3号", "-D03", "不服食品安全行政处罚决定", ("person", "刘德华", person_id("19760408", "118")),
     date(2024, 2, 8), date(2024, 2, 21), date(2024, 2, 23), date(2024, 3, 5), date(2024, 4, 12), "uphold"),
    ("西复〔2024〕7号", "-D04", "不服责令停止违法行为决定", ("person", "何小平", person_id("19880921", "331")),
     date(2024, 5, 13), date(2024, 5, 17), date(2024, 5, 22), date(2024, 6, 3), date(2024, 7, 8), "revoke"),
]


def _load_reconsiderations(county: Unit) -> None:
    for number, suffix, act, party, received, accepted, served, replied, decided, decision in RECONSIDERATIONS_2024:
        kind, name, code = party
        rec, created = Reconsideration.objects.get_or_create(case_number=number, defaults={
            "unit": _unit(county, suffix), "year": received.year, "body": BODY, "applicant_kind": kind,
            "applicant_name": name, "applicant_id_number": code, "applicant_phone": "13900000010",
            "contested_act": act, "received_on": received, "accepted_on": accepted, "copy_served_on": served,
            "reply_submitted_on": replied, "decided_on": decided, "decision_type": decision,
            "performed_on": decided + timedelta(days=20) if decision == "revoke" else None,
            "performance": "已撤销原决定" if decision == "revoke" else "",
            "state": "performed" if decision == "revoke" else "decided",
        })
        if created:
            deadlines.sync(rec)


def _load_current(county: Unit) -> None:
    """Open records of the current year: one answer due soon, one overdue, a hearing ahead, and
    a reconsideration awaiting the respondent's reply."""
    today = timezone.localdate()
    market, transport = _unit(county, "-D03"), _unit(county, "-D04")
    open_cases = [
        ("（{y}）湘0771行初21号", market, "不服行政处罚决定", today - timedelta(days=12), None, "received"),
        ("（{y}）湘0771行初18号", transport, "不服交通行政强制措施", today - timedelta(days=30), None, "received"),
        ("（{y}）湘0771行初16号", market, "不服政府信息公开答复", today - timedelta(days=40),
         today - timedelta(days=28), "answered"),
    ]
    for pattern, unit, cause, served, answered, state in open_cases:
        number = pattern.format(y=served.year)
        case, created = LitigationCase.objects.get_or_create(case_number=number, defaults={
            "unit": unit, "year": served.year, "court": COURT, "instance": "first", "cause": cause,
            "act_kind": "penalty", "plaintiff_kind": "person", "plaintiff_name": "吴志明",
            "plaintiff_id_number": person_id("19900215", "417"), "plaintiff_phone": "13900000005",
            "served_on": served, "answer_submitted_on": answered, "state": state,
        })
        if created:
            deadlines.sync(case)
            if answered:
                hearing_on = today + timedelta(days=10)
                Hearing.objects.get_or_create(case_number=number, hearing_date=hearing_on, defaults={
                    "case": case, "unit": unit, "year": hearing_on.year, "court_room": "第一审判庭",
                    "court_notice": "notified", "state": "scheduled"})
    received = today - timedelta(days=20)
    number = f"西复〔{received.year}〕12号"
    rec, created = Reconsideration.objects.get_or_create(case_number=number, defaults={
        "unit": market, "year": received.year, "body": BODY, "applicant_kind": "person", "applicant_name": "郑晓燕",
        "applicant_id_number": person_id("19850630", "524"), "applicant_phone": "13900000006",
        "contested_act": "不服责令改正通知", "received_on": received, "accepted_on": received + timedelta(days=3),
        "copy_served_on": received + timedelta(days=8), "state": "answering",
    })
    if created:
        deadlines.sync(rec)


def _load_recorded(county: Unit) -> None:
    _load_2023(county)
    _load_reconsiderations(county)
    _load_current(county)


# The seed year replayed into the previous full year and the current year up to today
# (fazhi.demo.layers): records of each model's own units, cut at the last step reached today.
LATER_YEARS = (
    ("LitigationCase", Lifecycle((Step("served_on", "received"), Step("answer_submitted_on", "answered"),
                                  Step("judgment_date", "judged"), Step("effective_on", "effective"),
                                  Step("performed_on", "executed")))),
)


def load(county: Unit) -> None:
    _load_recorded(county)
    replay("litigation", lifecycles=LATER_YEARS)
