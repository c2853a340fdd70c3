"""Demo plans: the 2022 and 2023 work points (mostly completed), the 2023 优化营商环境专项行动,
and the seed report's "2024年工作计划" with its three items as 2024 tasks. Idempotent:
plans by (unit, year, title), tasks by (plan, content), reports and 督办 by date."""

from __future__ import annotations

from datetime import date as d

from fazhi.core.deadlines import sync as sync_deadlines
from fazhi.core.models import Unit
from fazhi.demo.layers import Lifecycle, Step, replay
from fazhi.streams.plans.models import Plan, ProgressReport, Supervision, Task

SUPERVISOR = "区依法治区办"

# plan: (year, kind, title, doc number, issued on, summary), then its tasks:
# (number, content, lead, cooperating, deadline, [(date, percent, text)], [(date, required by, opinion)], done)
PLANS = [
    ((2022, Plan.Kind.ANNUAL, "2022年法治政府建设工作要点", "西管办发〔2022〕5号", d(2022, 3, 1),
      "围绕法治政府建设年度任务，明确责任单位和完成时限。"), [
        ("1", "完成行政规范性文件清理工作", "-D02", ["-D01"], d(2022, 9, 30),
         [(d(2022, 6, 15), 50, "已梳理现行有效规范性文件目录。"), (d(2022, 9, 20), 100, "清理结果已公布。")], [], True),
        ("2", "推行行政执法“三项制度”", "-D03", ["-D02"], d(2022, 12, 31),
         [(d(2022, 12, 20), 100, "执法公示、全过程记录、法制审核制度全面落实。")], [], True),
        ("3", "开展“八五”普法中期宣传", "-D02", [], d(2022, 11, 30),
         [(d(2022, 11, 25), 100, "开展集中宣传活动12场。")], [], True),
    ]),
    ((2023, Plan.Kind.ANNUAL, "2023年法治政府建设工作要点", "西管办发〔2023〕4号", d(2023, 2, 20),
      "落实党政主要负责人履行推进法治建设第一责任人职责，推进严格规范公正文明执法。"), [
        ("1", "专题研究法治建设工作不少于4次", "-D01", ["-D02"], d(2023, 12, 31),
         [(d(2023, 6, 30), 50, "已专题研究2次。"), (d(2023, 12, 5), 100, "全年专题研究4次。")], [], True),
        ("2", "组织行政执法案卷评查", "-D02", ["-D03", "-D04"], d(2023, 10, 31),
         [(d(2023, 10, 20), 100, "完成案卷评查1次，市区专项领域联合评查2次。")], [], True),
        ("3", "落实行政机关负责人出庭应诉制度", "-D02", [], d(2023, 12, 31),
         [(d(2023, 12, 15), 100, "行政机关负责人出庭应诉率达到要求。")], [], True),
        ("4", "完善规范性文件合法性审核机制", "-D02", ["-D01"], d(2023, 6, 30),
         [(d(2023, 5, 10), 60, "审核办法已起草。"), (d(2023, 8, 15), 100, "审核办法已印发施行。")],
         [(d(2023, 7, 5), d(2023, 8, 31), "请于8月底前印发施行。")], True),
        ("5", "开展执法人员法律知识培训", "-D02", ["-D07"], d(2023, 11, 30),
         [(d(2023, 11, 28), 100, "组织通用法律知识培训2期。")], [], True),
        ("6", "推进基层合法性审查全覆盖", "-D02", [], d(2023, 12, 31),
         [(d(2023, 9, 30), 60, "3个乡镇街道已建立审查机制。"), (d(2024, 2, 20), 90, "村（社区）层面正在推进。")],
         [(d(2024, 1, 10), d(2024, 6, 30), "请加快推进，于6月底前完成。")], False),
    ]),
    ((2023, Plan.Kind.SPECIAL_ACTION, "2023年优化营商环境专项行动", "西管办发〔2023〕9号", d(2023, 3, 15),
      "聚焦政务服务、公平竞争、涉企执法，持续优化法治化营商环境。"), [
        ("1", "提升政务服务事项网上可办率", "-D06", ["-D01"], d(2023, 10, 31),
         [(d(2023, 9, 28), 100, "政务服务事项网上可办率达99.87%。")], [], True),
        ("2", "推行“一窗受理、委托办理”", "-D06", ["-D03", "-D05"], d(2023, 8, 31),
         [(d(2023, 8, 25), 100, "12个部门进驻80个事项可一窗委托办理。")], [], True),
        ("3", "开展涉企规范性文件公平竞争审查", "-D02", ["-D03"], d(2023, 9, 30),
         [(d(2023, 9, 15), 100, "完成涉企文件公平竞争审查。")], [], True),
        ("4", "推广柔性执法，规范涉企检查", "-D03", ["-D02"], d(2023, 9, 30),
         [(d(2023, 9, 10), 70, "已制定柔性执法清单。"), (d(2023, 10, 25), 100, "行政许可事项清单印发。")],
         [(d(2023, 10, 8), d(2023, 10, 31), "请于10月底前完成。")], True),
        ("5", "畅通营商环境投诉举报渠道", "-D06", ["-D14"], d(2023, 6, 30),
         [(d(2023, 6, 20), 100, "开通12345营商环境专线。")], [], True),
    ]),
    ((2024, Plan.Kind.ANNUAL, "2024年工作计划", "", d(2024, 1, 26),
      "常德市西洞庭管理区2023年法治政府建设年度报告“二、2024年工作计划”。"), [
        ("（一）", "加强组织领导。以法治政府示范创建为引领，全面落实党政主要负责人履行推进法治建设第一责任人职责，"
                  "坚持领导干部带头尊法学法守法用法，持续深推法治政府建设工作落地落实。",
         "-D01", ["-D02"], d(2024, 12, 31),
         [(d(2024, 6, 28), 50, "召开法治政府示范创建推进会。"), (d(2024, 12, 20), 100, "第一责任人职责清单全面落实。")],
         [], True),
        ("（二）", "提升队伍素能。落实理论学习中心组学法制度，推进法治队伍建设，有计划、有步骤地加强人员业务培训，"
                  "不断提高政府依法行政能力。",
         "-D02", ["-D01"], d(2024, 11, 30),
         [(d(2024, 11, 22), 100, "中心组学法4次，组织业务培训3期。")], [], True),
        ("（三）", "落实普法责任。压实“谁执法谁普法”责任制，将普法工作和化解矛盾纠纷结合，齐抓共进做出特色亮点，"
                  "推进普法工作迈上新台阶。",
         "-D02", ["-D03", "-D07"], d(2024, 12, 31),
         [(d(2024, 9, 30), 60, "普法责任清单已印发。"), (d(2024, 12, 25), 80, "各单位普法履职评议进行中。")],
         [(d(2025, 1, 10), d(2025, 3, 31), "请于2025年3月底前完成普法履职评议。")], False),
    ]),
]


def _unit(county: Unit, where: str) -> Unit:
    return Unit.objects.filter(code=f"{county.code}{where}").first() or county


def _load_recorded(county: Unit) -> None:
    for (year, kind, title, doc_number, issued_on, summary), tasks in PLANS:
        plan, _ = Plan.objects.get_or_create(
            unit=county, year=year, title=title,
            defaults={"kind": kind, "doc_number": doc_number, "issued_on": issued_on, "summary": summary,
                      "state": "active"})
        for number, content, lead, coops, deadline, reports, supervisions, done in tasks:
            task, created = Task.objects.get_or_create(
                plan=plan, content=content,
                defaults={"unit": _unit(county, lead), "year": year, "number": number, "deadline": deadline,
                          "state": "done" if done else ("in_progress" if reports else "not_started"),
                          "completed_on": reports[-1][0] if done else None})
            if not created:
                continue
            task.cooperating_units.set([u for u in (_unit(county, c) for c in coops) if u != task.unit])
            for on, percent, text in reports:
                ProgressReport.objects.get_or_create(task=task, reported_on=on, defaults={"percent": percent,
                                                                                          "text": text})
            for on, required_by, opinion in supervisions:
                Supervision.objects.get_or_create(task=task, supervised_on=on, defaults={
                    "supervisor": SUPERVISOR, "required_by": required_by, "opinion": opinion})
            sync_deadlines(task)


# The seed year replayed into the previous full year and the current year up to today
# (fazhi.demo.layers): records of each model's own units, cut at the last step reached today.
LATER_YEARS = (
    ("Task", Lifecycle((Step("completed_on", "done"),), start="", initial="in_progress")),
)


def load(county: Unit) -> None:
    _load_recorded(county)
    replay("plans", lifecycles=LATER_YEARS)
