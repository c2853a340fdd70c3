"""Demo reports: the reference customer's 2023 report, published, and a 2024 draft.

The 2023 text is the county's own (shared/seed/xidongting-2023-rule-of-law-report.txt, a
copy in ``seed/``); every figure the seed lists (figures-2023.json, "phrase") is a
placeholder bound to its indicator, so the published figures come from the ledgers and are
frozen at publication. Half-width punctuation of the web copy is set full-width, as a 公文
prints it. Idempotent: an existing report of the year is left alone.

The 2023 report goes through every step a report now needs: drafted and submitted by the
coordinator, adopted at the 常务会议 (recorded by a second coordinator, ``approver``: the drafter
may not approve), 保密审查, published by the drafter (the approver may not publish). It has the
statutory outline of 第二十五条 (guards.STATUTORY_OUTLINE): the county's "2023年工作情况" is part
一 (主要举措和成效), its "2024年工作计划" part 四 (主要安排); the county's text has nothing for parts
二, 三 and 五, so the demo writes them (DEMO_PARTS_2023), each marked "（演示文本）" so nobody takes
them for the county's words. The demo also gives it a 发文字号 and a 主送机关. The 2024 draft has
the statutory outline, four of its five parts still empty: it cannot be published.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from fazhi.accounts.models import Membership
from fazhi.core.models import Unit
from fazhi.reports import guards, services, submissions
from fazhi.reports.models import AnnualReport, StatutoryPart, Submission

SEED_TEXT = Path(__file__).parent / "seed" / "xidongting-2023-rule-of-law-report.txt"

# (the seed's words, the same words with the figure bound to its indicator)
BINDINGS = [
    ("法治建设工作4次", "法治建设工作{{ study.topic_sessions|value }}次"),
    ("网上可办率99.87%", "网上可办率{{ services.online_rate }}"),
    ("12个部门进驻80个事项", "{{ services.one_window_departments|value }}个部门进驻{{ services.one_window_items|value }}个事项"),
    ("信息答复率100%", "信息答复率{{ disclosure.reply_rate }}"),
    ("解答法律问题千余次", "解答法律问题{{ legal_services.consultations|approx }}次"),
    ("18个村(社区)法律顾问全覆盖",
     "{{ legal_services.villages_with_advisor|value }}个村(社区)法律顾问{{ legal_services.advisor_coverage_rate|coverage }}"),
    ("审查规范性文件3份", "审查规范性文件{{ normative.documents_reviewed|value }}份"),
    ("经济合同7份", "经济合同{{ normative.contracts_reviewed|value }}份"),
    ("法律文件7份", "法律文件{{ normative.legal_documents_reviewed|value }}份"),
    ("涉法事务11次", "涉法事务{{ normative.legal_affairs|value }}次"),
    ("报备率、报备及时率、规范率100%", "报备率{{ normative.filing_rate }}、报备及时率{{ normative.timely_filing_rate }}、"
     "规范率{{ normative.conformity_rate }}"),
    ("应诉案共5件", "应诉案共{{ litigation.cases|value }}件"),
    ("出庭应诉率100%", "出庭应诉率{{ litigation.head_appearance_rate }}"),
    ("案卷评查1次", "案卷评查{{ enforcement.file_reviews|value }}次"),
    ("联合评查2次", "联合评查{{ enforcement.joint_file_reviews|value }}次"),
    ("法律顾问团队4个", "法律顾问团队{{ workforce.advisor_teams|value }}个"),
    ("执法监督专家3人", "执法监督专家{{ workforce.supervision_experts|value }}人"),
    ("执法教员1人", "执法教员{{ workforce.instructors|value }}人"),
    ("公职律师1人", "公职律师{{ workforce.public_lawyers|value }}人"),
    ("法律资格证书3人", "法律资格证书{{ workforce.legal_qualification_holders|value }}人"),
    ("执法监督员4人", "执法监督员{{ workforce.supervisors|value }}人"),
    ("考试并通过34人", "考试并通过{{ enforcement.exam_passed|value }}人"),
    ("执法证件91人", "执法证件{{ enforcement.certified_officers|value }}人"),
    ("调处837件", "调处{{ mediation.cases|value }}件"),
    ("调成831件", "调成{{ mediation.settled|value }}件"),
    ("成功率99.3%", "成功率{{ mediation.success_rate }}"),
    ("约访202批次", "约访{{ petitions.reception_batches|value }}批次"),
    ("现场解决159件", "现场解决{{ petitions.resolved_on_site|value }}件"),
]

# Which department drafts which block of the 2023 report (the coordinator merges them).
CONTRIBUTORS = {"1.": "D01", "2.": "D06", "3.": "D02", "4.": "D02", "5.": "D14"}

FULL_WIDTH = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "?": "？", "!": "！"})


def full_width(text: str) -> str:
    """Half-width punctuation of the web copy set full-width, leaving placeholders alone."""
    parts = re.split(r"(\{\{.*?\}\})", text)
    return "".join(p if p.startswith("{{") else p.translate(FULL_WIDTH) for p in parts)


def bound_text() -> list[str]:
    """The seed report's lines (without the web page's three login lines), figures bound."""
    lines = [ln.strip() for ln in SEED_TEXT.read_text(encoding="utf-8").splitlines() if ln.strip()][:-3]
    text = "\n".join(lines)
    for words, bound in BINDINGS:
        if text.count(words) != 1:
            raise ValueError(f"seed text changed: “{words}” found {text.count(words)} times")
        text = text.replace(words, bound)
    return [full_width(ln) for ln in text.split("\n")]


# The county's own level-1 headings of 2023 and the statutory parts they are.
PARTS_2023 = {"一、2023年工作情况": StatutoryPart.MEASURES, "二、2024年工作计划": StatutoryPart.NEXT_YEAR}

DEMO_MARK = "（演示文本）"
# The parts the county's text does not have, written for the demo (not the county's words):
# (part, contributing department, text); part 三 binds the 专题研究 count as part 一 does.
DEMO_PARTS_2023 = {
    StatutoryPart.SHORTCOMINGS: ("D02", (
        "一是基层法治力量仍然薄弱。区、镇两级法治工作人员多为兼职，具有法律职业资格的人员偏少，"
        "法治审核、执法监督等专业力量与工作任务不相适应。\n"
        "二是行政执法规范化水平有待提高。个别执法单位执法程序不够严格、案卷制作不够规范，"
        "柔性执法、包容审慎监管的运用还不够充分。\n"
        "三是法治宣传教育的针对性有待加强。普法形式较为单一，“谁执法谁普法”责任落实还不够到位。\n"
        "究其原因，一是对法治政府建设的系统性认识还有差距，二是法治专业人才培养和经费保障投入不足。" + DEMO_MARK)),
    StatutoryPart.FIRST_DUTY: ("D01", (
        "区党委、管委会主要负责人认真履行推进法治建设第一责任人职责，把法治政府建设摆在全局工作的重要位置，"
        "与经济社会发展同部署、同推进、同督促、同考核。全年主持召开区党委会专题研究法治建设"
        "{{ study.topic_sessions|value }}次，研究解决规范性文件审核备案、行政机关负责人出庭应诉等重点问题；"
        "带头尊法学法守法用法，将法治政府建设列入年终述职内容，纳入考核方案。" + DEMO_MARK)),
    StatutoryPart.OTHER: ("D02", "无其他需要报告的情况。" + DEMO_MARK),
}
DOC_NUMBER_2023 = "西管发〔2024〕3号"  # demo value: the county's web copy shows no 发文字号
ADDRESSEE_2023 = "中共常德市委全面依法治市委员会办公室"  # the seed: "抄送市委依法治市办"


def _statutory_section(county: Unit, part: str, text: str = "", code: str = "D02") -> dict:
    heading = next(s["heading"] for s in guards.statutory_outline(2023) if s["statutory"] == part)
    unit = Unit.objects.filter(code=f"{county.code}-{code}").first() or county
    return {"heading": heading, "level": 1, "text": text, "unit": unit, "statutory": part}


def _demo_section(county: Unit, part: str) -> dict:
    code, text = DEMO_PARTS_2023[part]
    return _statutory_section(county, part, text, code)


def outline_2023(county: Unit) -> tuple[str, list[dict], str, date]:
    lines = bound_text()
    title, signatory, signed = lines[0], lines[-2], lines[-1]
    y, m, d = (int(x) for x in re.match(r"(\d{4})年(\d{1,2})月(\d{1,2})日", signed).groups())
    sections: list[dict] = [{"heading": "", "level": 0, "text": lines[1], "unit": county}]
    for line in lines[2:-2]:
        if re.match(r"^[一二三四五六七八九十]+、", line):
            part = PARTS_2023[line]  # the seed has exactly these two level-1 headings
            if part == StatutoryPart.NEXT_YEAR:  # parts 二 and 三 come before the plan
                sections += [_demo_section(county, StatutoryPart.SHORTCOMINGS),
                             _demo_section(county, StatutoryPart.FIRST_DUTY)]
            sections.append({**_statutory_section(county, part), "unit": county})
        elif re.match(r"^\d+\.", line):
            code = CONTRIBUTORS.get(line.split(".")[0] + ".", "D02")
            unit = Unit.objects.filter(code=f"{county.code}-{code}").first() or county
            sections.append({"heading": line, "level": 2, "text": "", "unit": unit})
        else:
            last = sections[-1]
            last["text"] = f"{last['text']}\n{line}" if last["text"] else line
    sections.append(_demo_section(county, StatutoryPart.OTHER))
    return title, sections, signatory, date(y, m, d)


DRAFT_2024 = [
    ("一、2024年度推进法治政府建设的主要举措和成效", 1, "D02", ""),
    ("（一）强化组织领导", 2, "D01",
     "区党委会专题研究法治建设工作{{ study.topic_sessions|value }}次，主要负责人切实履行推进法治建设第一责任人职责。"),
    ("（二）规范法制审核", 2, "D02",
     "全年依法审查规范性文件{{ normative.documents_reviewed|value }}份，规范性文件报备率{{ normative.filing_rate }}。"
     "本年度区内行政应诉案共{{ litigation.cases|value }}件，行政机关负责人出庭应诉率{{ litigation.head_appearance_rate }}。"),
    ("（三）深化矛盾调处", 2, "D14",
     "全年共调处{{ mediation.cases|value }}件，调成{{ mediation.settled|value }}件，调解矛盾纠纷成功率{{ mediation.success_rate }}。"
     "区领导、律师坐班接访约访{{ petitions.reception_batches|value }}批次，现场解决{{ petitions.resolved_on_site|value }}件。"),
    ("二、存在的不足和原因", 1, "D02", ""),
    ("三、党政主要负责人履行推进法治建设第一责任人职责情况", 1, "D01", ""),
    ("四、2025年度推进法治政府建设的主要安排", 1, "D02", ""),
    ("五、其他需要报告的情况", 1, "D02", ""),
]


def _coordinator():

    m = Membership.objects.filter(role="coordinator", is_active=True).select_related("user").order_by("pk").first()
    if m is None:
        raise RuntimeError("演示年度报告需要一个法治办统筹人员账号")
    return m.user


def _approver(coordinator):
    """The demo's second coordinator (``approver``, created with the demo accounts), who records
    the report's adoption: the drafter may not approve."""

    return get_user_model().objects.get(username="approver")


@transaction.atomic
def load(county: Unit) -> None:
    by = _coordinator()
    if not AnnualReport.objects.filter(unit=county, year=2023, kind=AnnualReport.Kind.RULE_OF_LAW).exists():
        title, sections, signatory, signed_on = outline_2023(county)
        report = services.report_create(by=by, unit=county, year=2023, title=title, sections=sections,
                                        signatory=signatory, signed_on=signed_on, collect_until=date(2024, 1, 15),
                                        doc_number=DOC_NUMBER_2023, addressee=ADDRESSEE_2023)
        report = services.transition(report, "collect", by=by)
        for section in report.sections.all():
            if section.text:
                section.submitted_at = section.merged_at = report.created_at
                section.submitted_by = section.merged_by = by
                section.save(update_fields=["submitted_at", "submitted_by", "merged_at", "merged_by"])
        report = services.transition(report, "review", by=by)
        # The meeting's date is not in the published text: the day the report is dated stands in.
        report = services.transition(report, "approve", by=_approver(by), note="区管委常务会议审议通过",
                                     meeting={"name": "区管委常务会议", "on": signed_on})
        report = services.record_sent(report, by=by, on=date(2024, 1, 29),
                                      recipients=ADDRESSEE_2023)
        services.secrecy_review_record(report, by=by, passed=True, on=date(2024, 3, 14),
                                       opinion="不涉及党和国家秘密，同意公开")
        report = services.transition(report, "publish", by=by, on=date(2024, 3, 15))
        if submissions.city_of(county) is not None:  # 抄送市委依法治市办: the city sees it at /city/
            sent = timezone.make_aware(datetime(2024, 1, 29, 10, 0))  # the day the county sent it up
            Submission.objects.filter(pk=submissions.submit(report, by=by).pk).update(
                submitted_at=sent, received_at=sent)
    if not AnnualReport.objects.filter(unit=county, year=2024, kind=AnnualReport.Kind.RULE_OF_LAW).exists():
        sections = []
        for heading, level, code, text in DRAFT_2024:
            unit = Unit.objects.filter(code=f"{county.code}-{code}").first() or county
            sections.append({"heading": heading, "level": level, "text": text, "unit": unit})
        report = services.report_create(by=by, unit=county, year=2024, sections=sections,
                                        collect_until=date(2025, 1, 15))
        services.transition(report, "collect", by=by)
