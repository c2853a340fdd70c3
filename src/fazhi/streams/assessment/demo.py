"""Demo of the 法治建设考核 stream: the county's 2023 scheme (written from the national 法治政府
建设示范指标体系, spec §19–§20) scored on the demo records of every stream."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from fazhi.core.ledger import record_create
from fazhi.core.models import Unit
from fazhi.demo.layers import layer_years
from fazhi.streams.assessment import services
from fazhi.streams.assessment.models import AssessmentScheme

D, T, X = Unit.Kind.DEPARTMENT, Unit.Kind.TOWNSHIP, Unit.Kind.EXTERNAL
DT = [D, T]
SCHEME_NAME = "西洞庭管理区2023年度法治政府建设考核方案"


def scheme_name(year: int) -> str:
    return SCHEME_NAME.replace("2023", str(year))

# key, "[mark] label", points, kinds, method, indicator, formula, params. The mark is the spec's
# (§0, §19 status column, §20): [C] read in a source, [U] unconfirmed or a local choice, [D] a
# platform design; a figure "[D] on [C]" (a designed rate of a confirmed duty) is marked D.
ITEMS = [
    ("study_topic", "[U] 党委（党组）专题研究法治建设工作", 5, DT, "records", "study.topic_sessions",
     "count_at_least", {"n": 4}),
    ("study_sessions", "[U] 领导干部学法（会前学法、中心组学法）不少于4次", 4, DT, "records", "study.sessions_held",
     "count_at_least", {"n": 4}),
    ("plans_completed", "[D] 年度法治建设计划任务按期完成率", 5, DT, "records", "plans.on_time_rate",
     "rate_full_at", {"target": 100, "minus_per_point": 0.1}),
    ("services_online", "[U] 政务服务事项网上可办率", 4, [D], "records", "services.online_rate",
     "rate_full_at", {"target": 100, "minus_per_point": 0.1}),
    ("services_rectify", "[D] 好差评差评整改率", 3, [D], "records", "services.rectification_rate",
     "rate_at_least", {"threshold": 100}),
    ("disclosure_on_time", "[D] 依申请公开按期答复率（100%得满分，每低1个百分点扣0.5分）", 6, DT, "records",
     "disclosure.on_time_rate", "rate_full_at", {"target": 100, "minus_per_point": 0.5}),
    ("decisions_review", "[D] 重大行政决策合法性审查率", 5, [D], "records", "decisions.legality_review_rate",
     "rate_full_at", {"target": 100, "minus_per_point": 0.5}),
    ("decisions_procedure", "[D] 重大行政决策法定程序履行率", 4, [D], "records", "decisions.procedure_compliance_rate",
     "rate_full_at", {"target": 100, "minus_per_point": 0.2}),
    ("inspections_publication", "[D] “双随机、一公开”抽查结果按时公示率", 4, [D], "records",
     "inspections.timely_publication_rate", "rate_full_at", {"target": 100, "minus_per_point": 0.2}),
    ("legal_advisors", "[D] 村（社区）法律顾问覆盖率", 4, [T], "records", "legal_services.advisor_coverage_rate",
     "rate_at_least", {"threshold": 100}),
    ("complaints_reply", "[D] 问题举报按期答复率", 4, DT, "records", "complaints.replied_on_time_rate",
     "rate_full_at", {"target": 100, "minus_per_point": 0.2}),
    ("normative_filing", "[C] 规范性文件报备及时率", 5, DT, "records", "normative.timely_filing_rate",
     "rate_full_at", {"target": 100, "minus_per_point": 0.5}),
    ("litigation_head", "[D] 行政机关负责人出庭应诉率", 6, DT, "records", "litigation.head_appearance_rate",
     "rate_full_at", {"target": 100, "minus_per_point": 0.3}),
    ("enforcement_disclosure", "[D] 行政执法决定公示及时率", 5, [D], "records", "enforcement.disclosure_timely_rate",
     "rate_full_at", {"target": 100, "minus_per_point": 0.2}),
    ("cases_legal_review", "[D] 重大执法决定法制审核率", 4, [D], "records", "cases.legal_review_rate",
     "rate_full_at", {"target": 100, "minus_per_point": 0.5}),
    ("checks_no_disturbance", "[U] 涉企行政检查“无事不扰”（同一企业年度检查超过上限的，每户扣1分）", 2, [D], "records",
     "checks.entities_over_cap", "count_at_most", {"n": 0, "minus_each": 1}),
    ("enforcement_training", "[U] 执法人员培训学时达标率（每人每年不少于60学时）", 4, [D], "records",
     "enforcement.training_compliance_rate", "rate_full_at", {"target": 100, "minus_per_point": 0.1}),
    ("enforcement_files", "[D] 行政执法案卷评查合格率", 4, [D], "records", "enforcement.file_pass_rate",
     "rate_at_least", {"threshold": 90}),
    ("workforce_advisors", "[U] 聘请法律顾问（团队）", 3, DT, "records", "workforce.advisor_teams",
     "count_at_least", {"n": 1}),
    ("mediation_success", "[D] 人民调解成功率不低于95%", 4, [T], "records", "mediation.success_rate",
     "rate_at_least", {"threshold": 95}),
    ("petitions_on_time", "[C] 信访事项按期办结率", 4, DT, "records", "petitions.on_time_closing_rate",
     "rate_full_at", {"target": 100, "minus_per_point": 0.2}),
    ("pufa_responsibility", "[D] 落实“谁执法谁普法”普法责任制，公布年度普法责任清单", 3, [D], "records",
     "pufa.responsibility_published_rate", "rate_at_least", {"threshold": 100}),
    ("report_quality", "[D] 年度法治政府建设情况报告质量（评审打分）", 6, DT, "judgement", "", "", {}),
    ("supervision_rectify", "[D] 法治督察发现问题按期整改（每件逾期扣3分）", 6, DT, "records",
     "supervision.rectifications_overdue", "count_at_most", {"n": 0, "minus_each": 3}),
    ("litigation_loss", "[D] 行政诉讼败诉、行政复议被纠错（每件扣1分，扣完5分为止）", 5, DT, "deduction",
     "litigation.loss_rate", "minus_each", {"each": 1}),
    ("disclosure_corrected", "[D] 政府信息公开被复议诉讼纠错（每件扣1分）", 3, DT, "deduction",
     "disclosure.correction_rate", "minus_each", {"each": 1}),
]


# Where each item's mark comes from (AssessmentItem.basis).
BASIS = {
    "study_topic": "频次由本地方案确定（spec §2.1）",
    "study_sessions": "会前学法次数由本地计划确定（spec §2.1）",
    "plans_completed": "任务按期完成率口径为平台设计（spec §8.5）",
    "services_online": "SVC-1 分母待核实（spec §19）",
    "services_rectify": "SVC-2（spec §19）",
    "disclosure_on_time": "GIP-2：口径为设计，期限有原文（spec §19）",
    "decisions_review": "DEC-1：口径为设计，审查义务有原文（spec §19）",
    "decisions_procedure": "法定程序履行率（spec §5.5）",
    "inspections_publication": "INS-2：口径为设计，20个工作日有原文（spec §19）",
    "legal_advisors": "PLS-1（spec §19）",
    "complaints_reply": "问题举报按期答复（spec §8.5）",
    "normative_filing": "示范指标体系第27项：报备率、报备及时率、规范率100%（spec §20.1）",
    "litigation_head": "LIT-1：口径为设计，出庭规定有原文（spec §19）",
    "enforcement_disclosure": "ENF-1：口径为设计，公示期限有原文（spec §19）",
    "cases_legal_review": "重大执法决定法制审核（平台口径）",
    "checks_no_disturbance": "年度检查频次上限由本地确定（可配置）",
    "enforcement_training": "60学时条款原文未核实（spec §12）",
    "enforcement_files": "SUP-1（spec §19）",
    "workforce_advisors": "本地方案",
    "mediation_success": "MED-1：口径为设计，95%为本地标准（spec §19）",
    "petitions_on_time": "PET-2：名称有原文，60（+30）日（信访工作条例 第三十四条）（spec §19）",
    "pufa_responsibility": "谁执法谁普法普法责任制：清单制度有原文，公布率口径为平台设计",
    "report_quality": "评审打分；报告五项内容有原文（spec §1）",
    "supervision_rectify": "平台设计",
    "litigation_loss": "LIT-2、REC-1（spec §19）",
    "disclosure_corrected": "依申请公开纠错（spec §4.5）",
}


def load(county: Unit) -> None:
    """The 2023 scheme with its items, scored, approved and published through the stream's
    services by the demo accounts (this stream loads after every other, so every record exists);
    the previous year's likewise (issue 17: the cockpit's last year); the current year's scheme
    issued, to be scored when the year is over."""
    today = timezone.localdate()
    _scheme(county, 2023, date(2023, 3, 20), score=True)
    for year in layer_years(today):
        issued = min(date(year, 3, 20), today)
        _scheme(county, year, issued, score=year < today.year)


def _scheme(county: Unit, year: int, issued_on: date, *, score: bool) -> None:
    name = scheme_name(year)
    if AssessmentScheme.objects.filter(year=year, name=name).exists():
        return
    users = get_user_model().objects
    coordinator, approver = users.filter(username="coordinator").first(), users.filter(username="approver").first()
    office = Unit.objects.filter(code=f"{county.code}-D02").first()
    if coordinator is None or approver is None or office is None:
        return  # the demo's units and accounts are made by fazhi_demo before the streams load
    with transaction.atomic():
        scheme = record_create(
            AssessmentScheme, by=coordinator, unit=office, year=year, name=name,
            issuer="中共西洞庭管理区委全面依法治区委员会办公室", issued_on=issued_on,
            note="依据《法治政府建设示范指标体系》和省市法治建设考核指标制定。每项指标标明依据类别："
                 "[C] 已核实（有原文依据）；[U] 待核实（本地方案或推断）；[D] 平台设计。")
        for order, (key, label, points, kinds, method, indicator, formula, params) in enumerate(ITEMS):
            services.item_save(scheme, by=coordinator, key=key, label=label[4:], mark=label[1],
                               max_points=Decimal(points), kinds=[str(k) for k in kinds], method=method,
                               indicator=indicator, formula=formula, params=params, basis=BASIS[key],
                               sort_order=order)
        if not score:
            return
        services.score_run(scheme, by=coordinator)
        for sheet in scheme.sheets.select_related("unit"):
            for key, points, why in JUDGEMENTS:
                services.judgement_enter(sheet, by=coordinator, item=key, points=points, reason=why,
                                         evidence_link=f"{sheet.unit.short_name or sheet.unit.name}{year}年度法治政府"
                                                       "建设情况报告（已报送）")
        services.scheme_approve(scheme, by=approver)
        services.scheme_publish(scheme, by=coordinator)


JUDGEMENTS = [
    ("report_quality", Decimal(5), "报告结构完整，五个法定部分齐全；部分数据未与台账核对"),
]
