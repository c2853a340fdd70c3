"""Demo 法治督察 of 西洞庭: four 2023 visits of the 依法治区办 to departments and a township,
with findings and their 整改 (one closed late, one never reported and overdue now), the 2023
collection of units' own annual reports (most on time, one late, one missing); and, relative to
today, one planned visit and an open collection of last year's reports. Idempotent: visits by
(inspected unit, planned date), findings by (visit, text), reports by (unit, year)."""

from __future__ import annotations

from datetime import date as d
from datetime import timedelta

from django.utils import timezone

from fazhi.core.deadlines import sync as sync_deadlines
from fazhi.core.models import Unit
from fazhi.demo.layers import Lifecycle, Step, replay
from fazhi.streams.supervision.models import Finding, Rectification, SupervisionVisit, UnitReport
from fazhi.streams.supervision.services import county_units

TEAM = "李法治、周督察、吴律师（政府法律顾问）"
TOPICS = "党政主要负责人履行推进法治建设第一责任人职责情况；行政执法“三项制度”落实情况；规范性文件合法性审核和备案情况"

# (inspected: unit suffix or "T" for the first township, planned = visited, summary, visit state,
#  findings: (text, category, severity, required_by, reported_on, state))
VISITS_2023 = [
    ("-D03", d(2023, 5, 16), "听取汇报、查阅执法案卷30卷，执法公示和法制审核总体规范。", "closed", [
        ("行政处罚决定公示超过规定时限的有3件", "enforcement", "general", None, d(2023, 6, 9), "closed"),
        ("重大执法决定法制审核意见书未载明审核依据", "enforcement", "serious", d(2023, 6, 30), d(2023, 7, 20),
         "closed"),  # reported three weeks after the date set: closed late
    ]),
    ("-D04", d(2023, 6, 13), "查阅执法人员持证和培训台账，抽查路政执法案卷15卷。", "closed", [
        ("2名执法辅助人员单独开展执法检查", "enforcement", "serious", None, d(2023, 7, 5), "closed"),
    ]),
    ("-D05", d(2023, 9, 12), "查阅2023年制发的规范性文件和合法性审核记录。", "done", [
        ("1件规范性文件未按规定报送备案", "normative", "serious", None, None, "issued"),  # overdue ever since
    ]),
    ("T", d(2023, 10, 17), "查阅村规民约合法性审查和法律顾问工作台账。", "closed", [
        ("部分村（社区）法律顾问服务台账记录不完整", "other", "general", None, d(2023, 11, 20), "closed"),
    ]),
]

REPORT_OPENED_2023, REPORT_DUE_2023 = d(2024, 1, 5), d(2024, 1, 31)
LATE_SUFFIX, MISSING_SUFFIX = "-D06", "-D14"  # 政务服务中心 reported late; 信访局 never did


def _unit(county: Unit, where: str) -> Unit | None:
    if where == "T":
        return Unit.objects.filter(parent=county, kind=Unit.Kind.TOWNSHIP).order_by("sort_order", "code").first()
    return Unit.objects.filter(code=f"{county.code}{where}").first()


def _visit(office: Unit, inspected: Unit, planned: d, state: str, summary: str = "") -> SupervisionVisit:
    visit, _ = SupervisionVisit.objects.get_or_create(
        inspected=inspected, planned_on=planned,
        defaults={"unit": office, "year": planned.year, "team": TEAM, "topics": TOPICS, "state": state,
                  "visited_on": planned if state != "planned" else None, "summary": summary})
    return visit


def _visits_2023(county: Unit, office: Unit) -> None:
    for where, on, summary, state, findings in VISITS_2023:
        inspected = _unit(county, where)
        if inspected is None:
            continue
        visit = _visit(office, inspected, on, state, summary)
        for text, category, severity, required_by, reported_on, r_state in findings:
            finding, created = Finding.objects.get_or_create(
                visit=visit, text=text, defaults={"found_on": on, "category": category, "severity": severity})
            if not created:
                continue
            r = Rectification.objects.create(
                unit=inspected, year=on.year, finding=finding, found_on=on, required_by=required_by, state=r_state,
                requirement=f"针对督察发现的问题进行整改：{text}。", reported_on=reported_on,
                report_text="已逐项整改，建立健全相关工作制度。" if reported_on else "",
                evidence_link="整改报告已报依法治区办（纸质件存档）" if reported_on else "",
                closed_on=reported_on + timedelta(days=5) if r_state == "closed" else None)
            sync_deadlines(r)


def _collection(county: Unit, year: int, opened: d, due: d, submitted: dict) -> None:
    """One request per department and township; ``submitted`` maps a unit code to its date
    (absent: still requested)."""
    for unit in county_units(county):
        on = submitted.get(unit.code)
        report, created = UnitReport.objects.get_or_create(unit=unit, year=year, defaults={
            "opened_on": opened, "due_on": due, "submitted_on": on,
            "state": ("accepted" if on <= due else "submitted") if on else "requested",
            "text": (f"{unit.name}{year}年度法治政府建设情况报告\n\n一、主要举措和成效\n"
                     f"二、存在的不足和原因\n三、党政主要负责人履行推进法治建设第一责任人职责情况\n"
                     f"四、{year + 1}年度推进法治政府建设的主要安排") if on else ""})
        if created:
            sync_deadlines(report)


def _load_recorded(county: Unit) -> None:
    office = _unit(county, "-D02") or county
    _visits_2023(county, office)
    units = list(county_units(county))
    late, missing = f"{county.code}{LATE_SUFFIX}", f"{county.code}{MISSING_SUFFIX}"
    _collection(county, 2023, REPORT_OPENED_2023, REPORT_DUE_2023, {
        u.code: (d(2024, 2, 6) if u.code == late else REPORT_DUE_2023 - timedelta(days=1 + i % 10))
        for i, u in enumerate(units) if u.code != missing})
    today = timezone.localdate()
    target = _unit(county, "-D09")
    planned = min(today + timedelta(days=20), d(today.year, 12, 31))
    if target is not None and planned >= today:
        _visit(office, target, planned, "planned")
    # last year's reports, asked for ten days ago and due in twenty: the first three are in
    opened = today - timedelta(days=10)
    _collection(county, today.year - 1, opened, today + timedelta(days=20),
                {u.code: opened + timedelta(days=1 + i) for i, u in enumerate(units[:3])})


# The seed year replayed into the previous full year and the current year up to today
# (fazhi.demo.layers): records of each model's own units, cut at the last step reached today.
LATER_YEARS = (
    ("SupervisionVisit", Lifecycle((Step("visited_on", "done"),), start="", initial="planned")),
    ("Rectification", Lifecycle((Step("found_on", "issued"), Step("reported_on", "reported"),
                                 Step("closed_on", "closed")))),
)


def load(county: Unit) -> None:
    _load_recorded(county)
    replay("supervision", lifecycles=LATER_YEARS, skip=("UnitReport",))
