"""Demo records of the 重大行政决策 stream: the county's catalogues for 2022–2024 (published
after the Party committee's consent, with a periodic check each year, "定期开展检查强化重大行政
决策事项目录管理") and a few decisions per year in plausible states, plus one draft of the
current year open for public comment around today. Deterministic and idempotent (natural
keys: catalogue unit + year, item unit + year + name, decision unit + number)."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from fazhi.core.models import Unit
from fazhi.demo.layers import Lifecycle, Step, replay
from fazhi.streams.decisions.models import (
    CatalogueCheck,
    CatalogueItem,
    Category,
    Decision,
    DecisionCatalogue,
    DecisionProcedure,
    ExecutionReport,
    PostEvaluation,
    PublicComment,
)

LEGAL_REVIEWER = "区司法局（依法治区办），法律顾问刘律师、公职律师李法治参与审查"
MEETING = "管委会常务会议"

# year -> (party consent, published, [(dept, name, category, basis, planned completion)])
CATALOGUES = {
    2022: (date(2022, 3, 8), date(2022, 3, 15), [
        ("D09", "西洞庭管理区城区老旧小区改造实施方案", Category.PROJECT, "《国务院办公厅关于全面推进城镇老旧小区改造工作的指导意见》", date(2022, 9, 30)),
        ("D10", "西洞庭管理区高标准农田建设规划（2022—2025年）", Category.PLAN, "《农田水利条例》", date(2022, 8, 31)),
        ("D12", "西洞庭管理区基本医疗保障调整方案", Category.POLICY, "《医疗保障基金使用监督管理条例》", date(2022, 12, 31)),
    ]),
    2023: (date(2023, 2, 20), date(2023, 3, 1), [
        ("D03", "西洞庭管理区农贸市场提质改造实施方案", Category.PROJECT, "《湖南省农贸市场管理办法》", date(2023, 9, 30)),
        ("D11", "西洞庭管理区饮用水水源保护区调整方案", Category.RESOURCES, "《中华人民共和国水污染防治法》", date(2023, 10, 31)),
        ("D04", "西洞庭管理区农村公路管护体制改革方案", Category.POLICY, "《公路安全保护条例》", date(2023, 11, 30)),
        ("D05", "西洞庭管理区国土空间总体规划（2021—2035年）", Category.PLAN, "《中华人民共和国土地管理法》", date(2023, 12, 31)),
    ]),
    2024: (date(2024, 2, 26), date(2024, 3, 5), [
        ("D09", "西洞庭管理区城区停车设施建设和管理办法", Category.POLICY, "《湖南省城市综合管理条例》", date(2024, 9, 30)),
        ("D13", "西洞庭管理区防汛抗旱应急物资储备规划", Category.PLAN, "《中华人民共和国防洪法》", date(2024, 6, 30)),
        ("D10", "西洞庭管理区农村人居环境整治提升方案", Category.OTHER, "《农村人居环境整治提升五年行动方案》", date(2024, 12, 31)),
    ]),
}

# (number, year, dept, catalogue item name or None, title, state, comment start, comment days, experts, risk,
#  legality submitted, legality opinion, meeting date, published, post-evaluation completed)
DECISIONS = [
    ("西决〔2022〕1号", 2022, "D09", "西洞庭管理区城区老旧小区改造实施方案", "西洞庭管理区城区老旧小区改造实施方案",
     "evaluated", date(2022, 4, 1), 30, True, True, date(2022, 5, 9), date(2022, 5, 19), date(2022, 5, 26),
     date(2022, 6, 2), date(2024, 5, 20)),
    ("西决〔2022〕2号", 2022, "D10", "西洞庭管理区高标准农田建设规划（2022—2025年）",
     "西洞庭管理区高标准农田建设规划（2022—2025年）", "executing", date(2022, 5, 5), 30, True, False,
     date(2022, 6, 13), date(2022, 6, 22), date(2022, 6, 30), date(2022, 7, 6), None),
    ("西决〔2023〕1号", 2023, "D03", "西洞庭管理区农贸市场提质改造实施方案", "西洞庭管理区农贸市场提质改造实施方案",
     "executing", date(2023, 3, 20), 30, False, True, date(2023, 4, 24), date(2023, 5, 8), date(2023, 5, 16),
     date(2023, 5, 22), None),
    ("西决〔2023〕2号", 2023, "D11", "西洞庭管理区饮用水水源保护区调整方案", "西洞庭管理区饮用水水源保护区调整方案",
     "decided", date(2023, 6, 1), 35, True, True, date(2023, 7, 17), date(2023, 7, 27), date(2023, 8, 8),
     date(2023, 8, 15), None),
    ("西决〔2023〕3号", 2023, "D05", "西洞庭管理区国土空间总体规划（2021—2035年）",
     "西洞庭管理区国土空间总体规划（2021—2035年）", "executing", date(2023, 8, 21), 30, True, True,
     date(2023, 9, 25), date(2023, 10, 13), date(2023, 10, 24), date(2023, 11, 1), None),
    ("西决〔2023〕4号", 2023, "D04", "西洞庭管理区农村公路管护体制改革方案", "西洞庭管理区农村公路管护体制改革方案",
     "terminated", None, 0, False, False, None, None, None, None, None),
    ("西决〔2024〕1号", 2024, "D09", "西洞庭管理区城区停车设施建设和管理办法", "西洞庭管理区城区停车设施建设和管理办法",
     "executing", date(2024, 3, 25), 30, False, True, date(2024, 5, 6), date(2024, 5, 16), date(2024, 5, 28),
     date(2024, 6, 3), None),
    ("西决〔2024〕2号", 2024, "D13", "西洞庭管理区防汛抗旱应急物资储备规划", "西洞庭管理区防汛抗旱应急物资储备规划",
     "decided", None, 0, True, False, date(2024, 4, 15), date(2024, 4, 25), date(2024, 5, 7), date(2024, 5, 13),
     None),
    ("西决〔2024〕3号", 2024, "D10", "西洞庭管理区农村人居环境整治提升方案", "西洞庭管理区农村人居环境整治提升方案",
     "awaiting_discussion", date(2024, 9, 2), 30, False, True, date(2024, 9, 27), date(2024, 10, 12), None, None,
     None),
]

COMMENTERS = ["张建国", "李秀英", "王志强", "刘丽华", "陈明", "杨桂兰", "赵伟", "黄海燕"]
COMMENT_TEXTS = [
    "建议增加充电桩配建比例。", "建议公开资金使用情况。", "希望施工期间做好交通疏导。", "建议听取老年居民意见。",
    "建议明确后期管护责任单位。", "建议分批实施，避免影响经营。",
]


def _load_recorded(county: Unit) -> None:
    rng = random.Random(20240705)
    units = {u.code.rsplit("-", 1)[-1]: u for u in Unit.objects.filter(code__startswith=f"{county.code}-D")}
    items = {}
    for year, (consent, published, rows) in CATALOGUES.items():
        catalogue, _ = DecisionCatalogue.objects.get_or_create(
            unit=county, year=year,
            defaults={"title": f"西洞庭管理区{year}年度重大行政决策事项目录", "state": "archived" if year < 2024 else "published",
                      "party_consent_on": consent, "published_on": published,
                      "publication_url": f"https://www.xdt.gov.cn/zwgk/jcml/{year}.html"})
        for seq, (dept, name, category, basis, planned) in enumerate(rows, start=1):
            items[name], _ = CatalogueItem.objects.get_or_create(
                unit=units.get(dept, county), year=year, name=name,
                defaults={"catalogue": catalogue, "seq": seq, "category": category, "legal_basis": basis,
                          "planned_completion": planned, "published_on": published, "state": "listed"})
        CatalogueCheck.objects.get_or_create(
            catalogue=catalogue, kind=CatalogueCheck.Kind.CHECK, on=date(year, 7, 15),
            defaults={"content": f"对{year}年度目录事项推进情况开展半年检查",
                      "result": "各承办单位按计划推进，督促未启动事项加快办理"})
    CatalogueCheck.objects.get_or_create(
        catalogue=DecisionCatalogue.objects.get(unit=county, year=2023), kind=CatalogueCheck.Kind.ADJUST,
        on=date(2023, 9, 20), defaults={"content": "农村公路管护体制改革方案因上级政策调整，经研究终止决策程序",
                                        "result": "事项保留在目录中，标注终止"})
    for row in DECISIONS:
        _decision(row, county, units, items, rng)
    _current_draft(county, units)


def _decision(row, county, units, items, rng) -> None:
    (number, year, dept, item_name, title, state, comment_start, comment_days, experts, risk,
     legality_on, opinion_on, meeting_on, published, evaluated_on) = row
    item = items.get(item_name)
    decided = state in ("decided", "executing", "evaluated")
    decision, created = Decision.objects.get_or_create(
        unit=units.get(dept, county), file_no=number,
        defaults={
            "year": year, "title": title, "catalogue_item": item, "category": item.category if item else Category.OTHER,
            "legal_basis": item.legal_basis if item else "《重大行政决策程序暂行条例》", "state": state,
            "summary": f"{title}（草案）主要包括目标任务、实施步骤、资金保障和责任分工。",
            "participation_required": comment_start is not None,
            "participation_exemption": "" if comment_start else "应急物资储备涉及安全事项，依法不予公开征求意见",
            "expert_required": experts, "risk_required": risk,
            "decided_on": meeting_on if decided else None,
            "decision_document": f"西管发〔{year}〕{rng.randint(10, 40)}号" if decided else "",
            "published_on": published if decided else None,
            "publication_url": f"https://www.xdt.gov.cn/zwgk/zdjc/{number[-3:-1]}.html" if published else "",
            "adoption_summary": "公众意见共收到若干条，采纳合理意见并在决策文件中体现。" if decided else "",
            "execution_unit": units.get(dept, county).name if decided else "",
        })
    if not created:
        return
    if comment_start:
        received = rng.randint(3, 12)
        DecisionProcedure.objects.create(
            decision=decision, kind="participation", started_on=comment_start,
            ended_on=comment_start + timedelta(days=comment_days - 1), organiser=decision.unit.name,
            comments_received=received, comments_adopted=rng.randint(1, received),
            result="通过政府门户网站公开征求意见，对合理意见予以采纳并反馈。", document="征求意见公告")
        for i in range(2):
            PublicComment.objects.create(
                decision=decision, name=rng.choice(COMMENTERS), contact=f"139{rng.randint(10000000, 99999999)}",
                text=rng.choice(COMMENT_TEXTS), handling="adopted" if i == 0 else "not_adopted",
                reply="" if i == 0 else "与上位法规定不一致，未予采纳",
                submitted_at=timezone.make_aware(datetime.combine(comment_start + timedelta(days=3 + i), time(9, 30))))
    if experts and legality_on:
        DecisionProcedure.objects.create(
            decision=decision, kind="expert", started_on=legality_on - timedelta(days=14),
            ended_on=legality_on - timedelta(days=10), organiser="邀请规划、法律、财务专家5名",
            result="专家一致认为方案可行，提出修改意见3条", document="专家论证意见书")
    if risk and legality_on:
        DecisionProcedure.objects.create(
            decision=decision, kind="risk", started_on=legality_on - timedelta(days=20),
            ended_on=legality_on - timedelta(days=5), organiser=decision.unit.name, risk_level="low",
            result="社会稳定风险等级为低风险，已制定风险防范化解措施和应急处置预案", document="社会稳定风险评估报告")
    if legality_on:
        DecisionProcedure.objects.create(
            decision=decision, kind="legality", started_on=legality_on, ended_on=opinion_on, conclusion="passed",
            organiser=LEGAL_REVIEWER, result="决策草案符合法律法规规定，同意提交管委会常务会议讨论",
            document=f"西司审〔{year}〕{rng.randint(1, 30)}号")
    if meeting_on:
        DecisionProcedure.objects.create(
            decision=decision, kind="collective", started_on=meeting_on, ended_on=meeting_on,
            meeting=f"{MEETING}（{year}年第{rng.randint(3, 20)}次）",
            result="会议讨论通过，主任最后发表意见；无不同意见")
    if state in ("executing", "evaluated"):
        ExecutionReport.objects.create(
            decision=decision, reported_on=meeting_on + timedelta(days=180), reporter=decision.unit.name,
            progress="已按决策确定的时间节点推进，完成年度任务的七成。", problems="部分资金尚未到位")
    if evaluated_on:
        PostEvaluation.objects.create(
            decision=decision, trigger="necessary", evaluator="湖南示例咨询评估有限公司（第三方）",
            started_on=evaluated_on - timedelta(days=45), completed_on=evaluated_on,
            conclusion="决策目标基本实现，群众满意度较高。", adjustment="建议完善后续长效管护机制")


def _current_draft(county: Unit, units) -> None:
    """A draft of the current year in its comment period (from 10 days ago for 30 days)."""
    today = timezone.localdate()
    decision, created = Decision.objects.get_or_create(
        unit=units.get("D09", county), file_no=f"西决〔{today.year}〕1号",
        defaults={"year": today.year, "title": "西洞庭管理区城区生活垃圾分类管理办法",
                  "category": Category.POLICY, "legal_basis": "《中华人民共和国固体废物污染环境防治法》",
                  "summary": "明确分类标准、投放要求、收运处置责任和激励措施。", "state": "consulting",
                  "risk_required": True})
    if created:
        start = today - timedelta(days=10)
        DecisionProcedure.objects.create(decision=decision, kind="participation", started_on=start,
                                         ended_on=start + timedelta(days=29), organiser=decision.unit.name,
                                         document="征求意见公告")


# The seed year replayed into the previous full year and the current year up to today
# (fazhi.demo.layers): records of each model's own units, cut at the last step reached today.
LATER_YEARS = (
    ("Decision", Lifecycle((Step("decided_on", "decided"),), start="", initial="awaiting_discussion")),
)


def load(county: Unit) -> None:
    _load_recorded(county)
    replay("decisions", lifecycles=LATER_YEARS)
