"""Every write to a report goes through here: scope check, validation, save and audit event
in one transaction.

Who does what: the coordinator (capability ``reports.manage``) creates the report, opens
collection, merges the sections (or releases a unit from its contribution, with a reason),
submits it for review, records the 保密审查 and the date it was sent to the level above. A unit
submits its own sections while the report is collecting (``records.write`` on the section's unit).

Separation of duties (issue 17): the account that created the report or submitted it for review
cannot approve it; the approver records the meeting that adopted it; the approver cannot publish
it. Publishing needs every statutory part written, every contribution in (or released), every
placeholder bound to a registered indicator and a passed 保密审查 (``guards.publish_gaps``).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from fazhi.core import audit, scope
from fazhi.core.checklist import Step
from fazhi.core.config import setting
from fazhi.core.deadlines import CALENDAR_STRICT, DeadlineRule, deadline_meet, deadline_set
from fazhi.core.models import Deadline, Unit
from fazhi.core.registry import YearStatus
from fazhi.core.workflow import TransitionError
from fazhi.indicators.engine import compute_figure
from fazhi.indicators.registry import Period, load_all
from fazhi.reports import gip, guards
from fazhi.reports.models import AnnualReport, ReportSection, SecrecyReview
from fazhi.reports.placeholders import keys_in

S = AnnualReport.State
CONFLICT_MESSAGE = "该内容已被他人修改，请刷新后重新编辑"

# (name, sources, target, label): the report's workflow (spec §1.3, condensed).
TRANSITIONS = {
    "collect": ((S.DRAFT,), S.COLLECTING, "发起征集"),
    "review": ((S.COLLECTING, S.DRAFT), S.REVIEWING, "提交审核"),
    "return": ((S.REVIEWING, S.APPROVED), S.COLLECTING, "退回修改"),
    "approve": ((S.REVIEWING,), S.APPROVED, "审核通过"),
    "publish": ((S.APPROVED,), S.PUBLISHED, "发布"),
}


RELEASABLE = (S.DRAFT, S.COLLECTING, S.REVIEWING)  # states in which a unit may be released from its contribution
# The 公文 elements the coordinator sets on the report page (GB/T 9704 版头 and 署名); all but the date are
# what the 保密审查 read, fixed once the report is approved; none changes once it is published.
HEADING_FIELDS = ("title", "doc_number", "addressee", "signatory", "seal", "signed_on")
HEADING_LOCKED = ("title", "doc_number", "addressee", "signatory", "seal")
HEADING_EDITABLE = (S.DRAFT, S.COLLECTING, S.REVIEWING, S.APPROVED)


def statutory_dates(year: int, report: AnnualReport | None = None) -> tuple[date | None, date]:
    """The last day to send the report up and to publish it: before 1 March / 1 April of the next year
    (厅字〔2019〕28号 第二十四条; the 1 March date follows the provincial guideline and is a setting).
    A 政府信息公开工作年度报告 is published by 31 January (a department) or 31 March (the county
    government, 条例 第四十九条) and is not sent up first (``None``)."""
    if report is not None and report.kind == AnnualReport.Kind.DISCLOSURE:
        return None, gip.publish_due(report.unit, year)
    send_by = setting("FAZHI_REPORT_SEND_BEFORE", "03-01")
    publish_by = setting("FAZHI_REPORT_PUBLISH_BEFORE", "04-01")
    month, day = (int(x) for x in send_by.split("-"))
    pmonth, pday = (int(x) for x in publish_by.split("-"))
    return date(year + 1, month, day) - timedelta(days=1), date(year + 1, pmonth, pday) - timedelta(days=1)


def _rules(year: int, report: AnnualReport | None = None) -> list[tuple[DeadlineRule, date]]:
    send_due, publish_due = statutory_dates(year, report)
    start = date(year, 12, 31)
    if send_due is None:
        return [(DeadlineRule("report_publish", f"政府信息公开工作年度报告向社会公开（{publish_due:%-m月%-d日}前）",
                              (publish_due - start).days, CALENDAR_STRICT, "《中华人民共和国政府信息公开条例》第四十九条"),
                 start)]
    return [
        (DeadlineRule("report_send", "年度报告报送上级（3月1日前）", (send_due - start).days, CALENDAR_STRICT,
                      "《法治政府建设与责任落实督察工作规定》；省级年度报告工作指引"), start),
        (DeadlineRule("report_publish", "年度报告向社会公开（4月1日前）", (publish_due - start).days, CALENDAR_STRICT,
                      "《法治政府建设与责任落实督察工作规定》第二十四条"), start),
    ]


def can_read(user, report: AnnualReport) -> bool:
    if report.is_published:
        return scope.has_capability(user, "records.read") or scope.has_capability(user, "dashboard.view")
    return scope.can(user, "reports.manage", report.unit) or scope.can(user, "records.read", report.unit)


def can_edit_section(user, section: ReportSection) -> bool:
    report = section.report
    if scope.can(user, "reports.manage", report.unit):
        return report.state in (S.DRAFT, S.COLLECTING, S.REVIEWING)
    return (report.state == S.COLLECTING and section.merged_at is None
            and scope.can(user, "records.write", section.unit))


def _require_manage(user, report_or_unit) -> None:
    unit = report_or_unit if isinstance(report_or_unit, Unit) else report_or_unit.unit
    scope.require(user, "reports.manage", unit)


def _bump(report: AnnualReport, expected_version: int | None) -> AnnualReport:
    current = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if expected_version is not None and current.version != expected_version:
        raise ValidationError(CONFLICT_MESSAGE, code="conflict")
    current.version += 1
    return current


def report_create(*, by, unit: Unit, year: int, title: str = "", sections: list[dict] | None = None,
                  kind: str = AnnualReport.Kind.RULE_OF_LAW, **fields: Any) -> AnnualReport:
    """A new report with its outline; each section dict: heading, level, text, unit (default: the report's),
    statutory (default: the part a level-1 heading names). Without ``sections`` the report gets the
    five statutory parts of 第二十五条 (guards.STATUTORY_OUTLINE), or for ``kind="disclosure"`` the
    text parts 一/五/六 of the 政府信息公开工作年度报告 (gip.TEXT_OUTLINE; parts 二–四 are tables)."""
    _require_manage(by, unit)
    gip_kind = kind == AnnualReport.Kind.DISCLOSURE
    if sections is None:
        sections = gip.text_outline(unit, year) if gip_kind else guards.statutory_outline(year)
    if AnnualReport.objects.filter(unit=unit, year=year, kind=kind).exists():
        raise ValidationError(f"{unit.name}{year}年度的{'政府信息公开工作年度报告' if gip_kind else '报告'}已存在")
    default_title = (f"{unit.name}{year}年政府信息公开工作年度报告" if gip_kind
                     else f"{unit.name}关于{year}年度法治政府建设工作情况的报告")
    with transaction.atomic():
        report = AnnualReport(unit=unit, year=year, kind=kind, created_by=by, title=title or default_title,
                              signatory=fields.pop("signatory", "") or unit.name, **fields)
        report.full_clean()
        report.save()
        for i, spec in enumerate(sections or [], start=1):
            heading, level = spec.get("heading", ""), spec.get("level", 0)
            section = ReportSection(report=report, order=i, heading=heading, level=level,
                                    text=spec.get("text", ""), unit=spec.get("unit") or unit,
                                    statutory=spec.get("statutory", guards.part_of(heading, level)))
            section.full_clean()
            section.save()
        for rule, start in _rules(year, report):
            deadline_set(record=report, rule=rule, start=start)
        audit.record(action=audit.Action.CREATE, actor=by, obj=report, after=audit.snapshot(report, [
            "unit_id", "year", "title", "state"]), note=f"章节{len(sections or [])}个")
    return report


def report_update(report: AnnualReport, *, by, expected_version: int | None = None, **changes: Any) -> AnnualReport:
    _require_manage(by, report)
    allowed = {*HEADING_FIELDS, "collect_until", "published_url"}
    if set(changes) - allowed:
        raise ValueError(f"不能直接修改：{', '.join(sorted(set(changes) - allowed))}")
    if "title" in changes and not str(changes["title"] or "").strip():
        raise ValidationError("标题不能为空")
    if "seal" in changes and changes["seal"] not in AnnualReport.Seal.values:
        raise ValidationError("印章只能选择“加盖印章”或“不加盖印章”")
    with transaction.atomic():
        current = _bump(report, expected_version)
        if current.is_published and set(changes) - {"published_url"}:
            raise ValidationError("报告已发布，标题、发文字号、主送机关、署名、印章和成文日期不能再修改")
        # The adopted text is what the 保密审查 reads: it changes only after a 退回修改.
        if current.state == S.APPROVED and set(changes) & set(HEADING_LOCKED):
            raise ValidationError("报告已审核通过，标题、发文字号、主送机关、署名和印章不能再修改，请先退回修改")
        before = audit.snapshot(current, list(changes))
        for name, value in changes.items():
            setattr(current, name, value)
        current.full_clean()
        current.save()
        old, new = audit.diff(before, audit.snapshot(current, list(changes)))
        if new:
            audit.record(action=audit.Action.UPDATE, actor=by, obj=current, before=old, after=new)
    return current


def section_add(report: AnnualReport, *, by, heading: str = "", level: int = 0, text: str = "",
                unit: Unit | None = None) -> ReportSection:
    _require_manage(by, report)
    if report.state not in (S.DRAFT, S.COLLECTING):
        raise ValidationError("只有草稿或征集中的报告可以增加章节")
    with transaction.atomic():
        last = report.sections.order_by("-order").first()
        section = ReportSection(report=report, order=(last.order if last else 0) + 1, heading=heading,
                                level=level, text=text, unit=unit or report.unit,
                                statutory=guards.part_of(heading, level))
        section.full_clean()
        section.save()
        audit.record(action=audit.Action.CREATE, actor=by, obj=section, unit=report.unit,
                     after=audit.snapshot(section, ["report_id", "order", "heading", "level", "unit_id",
                                                    "statutory"]))
    return section


def section_save(section: ReportSection, *, by, text: str, heading: str | None = None,
                 expected_version: int | None = None) -> ReportSection:
    if not can_edit_section(by, section):
        raise PermissionDenied("当前状态下您不能修改该章节")
    unknown = [k for k in keys_in(text) if k not in load_all()]
    if unknown:
        raise ValidationError(f"未登记的指标代码：{'、'.join(unknown)}")
    with transaction.atomic():
        current = ReportSection.objects.select_for_update().get(pk=section.pk)
        if expected_version is not None and current.version != expected_version:
            raise ValidationError(CONFLICT_MESSAGE, code="conflict")
        before = audit.snapshot(current, ["heading", "text"])
        current.text = text
        if heading is not None:
            current.heading = heading
        current.version += 1
        current.full_clean()
        current.save()
        old, new = audit.diff(before, audit.snapshot(current, ["heading", "text"]))
        if new:
            audit.record(action=audit.Action.UPDATE, actor=by, obj=current, unit=current.unit, before=old, after=new)
    return current


def section_submit(section: ReportSection, *, by) -> ReportSection:
    """The contributing unit hands its section in (the coordinator then merges it)."""
    if section.report.state != S.COLLECTING:
        raise ValidationError("报告不在征集阶段，不能报送材料")
    scope.require(by, "records.write", section.unit)
    if not section.text.strip():
        raise ValidationError("章节内容为空，不能报送")
    with transaction.atomic():
        section.submitted_at, section.submitted_by = timezone.now(), by
        section.version += 1
        section.save(update_fields=["submitted_at", "submitted_by", "version"])
        audit.record(action=audit.Action.TRANSITION, actor=by, obj=section, unit=section.unit,
                     after={"submitted_at": section.submitted_at}, note="单位报送章节材料")
    return section


def section_merge(section: ReportSection, *, by) -> ReportSection:
    report = section.report
    _require_manage(by, report)
    if report.state not in (S.COLLECTING, S.REVIEWING):
        raise ValidationError("只有征集中或审核中的报告可以合稿")
    with transaction.atomic():
        section.merged_at, section.merged_by = timezone.now(), by
        section.version += 1
        section.save(update_fields=["merged_at", "merged_by", "version"])
        audit.record(action=audit.Action.TRANSITION, actor=by, obj=section, unit=report.unit,
                     after={"merged_at": section.merged_at}, note="统筹人员合稿")
    return section


def used_keys(report: AnnualReport) -> list[str]:
    keys = keys_in(report.title)
    for section in report.sections.all():
        keys += keys_in(section.heading) + keys_in(section.text)
    return list(dict.fromkeys(keys))


def live_figures(report: AnnualReport, keys: list[str] | None = None) -> dict[str, dict]:
    """The figures the report uses, computed now from the ledgers (the draft's view)."""
    registry = load_all()
    period = Period.year(report.year)
    out = {}
    for key in keys if keys is not None else used_keys(report):
        if key in registry:
            out[key] = compute_figure(key, report.unit, period).as_json()
    return out


def figures_of(report: AnnualReport) -> dict[str, dict]:
    """What the report prints: the frozen snapshot once published, else the live figures."""
    if report.is_published and report.snapshot:
        return report.snapshot.get("figures", {})
    return live_figures(report)


def transition(report: AnnualReport, name: str, *, by, expected_version: int | None = None,
               note: str = "", on: date | None = None, meeting: dict | None = None) -> AnnualReport:
    """Move the report along its workflow. ``approve`` needs ``meeting`` (name, on, number: the meeting
    that adopted the report) and an approver who neither created nor submitted it; ``publish`` needs
    every gap of ``guards.publish_gaps`` closed, an account other than the approver, and freezes the
    figures (``on``: the publication day when it is recorded afterwards, default today)."""
    if name not in TRANSITIONS:
        raise ValueError(name)
    sources, target, label = TRANSITIONS[name]
    _require_manage(by, report)
    with transaction.atomic():
        current = _bump(report, expected_version)
        if current.state not in sources:
            raise TransitionError(f"报告当前为“{current.state_label}”，不能{label}")
        before = audit.snapshot(current, ["state", *STEP_FIELDS.get(name, [])])
        STEPS.get(name, _no_step)(current, by=by, on=on, meeting=meeting)
        current.state = target
        current.save()
        after = audit.snapshot(current, ["state", *STEP_FIELDS.get(name, [])])
        if name == "publish":
            after["snapshot_keys"] = sorted(current.snapshot.get("figures", {}))
        audit.record(action=audit.Action.TRANSITION, actor=by, obj=current, before=before, after=after,
                     note=note or label)
    return current


def _no_step(report: AnnualReport, **_: Any) -> None:
    return None


def _submit(report: AnnualReport, *, by, **_: Any) -> None:
    report.submitted_by = by


def _approve(report: AnnualReport, *, by, meeting: dict | None = None, **_: Any) -> None:
    """The adopting meeting is recorded with the approval (spec §1.4: approval meeting, date, number)."""
    if by.pk in {report.created_by_id, report.submitted_by_id}:
        raise TransitionError("起草、提交审核本报告的账号不能审核通过，须由另一名统筹人员审核")
    meeting = meeting or {}
    name, day = (meeting.get("name") or "").strip(), meeting.get("on")
    missing = [label for label, value in (("会议名称", name), ("会议日期", day)) if not value]
    if missing:
        raise TransitionError(f"审核通过须记录审议通过本报告的会议：请填写{'、'.join(missing)}")
    if day > timezone.localdate():
        raise TransitionError("会议日期不能晚于今天")
    report.approved_by, report.approved_at = by, timezone.now()
    report.meeting_name, report.meeting_on = name, day
    report.meeting_number = (meeting.get("number") or "").strip()


def _return(report: AnnualReport, **_: Any) -> None:
    """A report sent back loses its approval: it must be adopted (and reviewed for secrets) again."""
    report.approved_by = report.approved_at = report.meeting_on = None
    report.meeting_name = report.meeting_number = ""


def _publish(report: AnnualReport, *, by, on: date | None = None, **_: Any) -> None:
    # Publishing is a third step, but not necessarily a third person: the demo (and a small 法治办)
    # has one drafter and one approver, so the drafter may publish; the approver never may.
    if by.pk == report.approved_by_id:
        raise TransitionError("审核通过本报告的账号不能发布，须由另一名统筹人员发布")
    gaps = guards.publish_gaps(report, load_all())
    if gaps:
        raise TransitionError("不能发布：" + "；".join(gaps) + "。")
    day = on or timezone.localdate()
    if day > timezone.localdate():
        raise TransitionError("发布日期不能晚于今天")
    review = guards.valid_secrecy_review(report)
    if day < review.reviewed_on:
        raise TransitionError("发布日期不能早于保密审查日期")
    keys = used_keys(report)
    figures = live_figures(report, keys)
    report.snapshot = {"frozen_at": timezone.now().isoformat(), "unit": report.unit.code, "year": report.year,
                       "figures": figures, "unregistered": [k for k in keys if k not in figures]}
    report.published_by = by
    report.published_at = timezone.now() if on is None else timezone.make_aware(datetime.combine(on, time(9, 0)))
    if report.signed_on is None:
        report.signed_on = day
    if report.kind == AnnualReport.Kind.DISCLOSURE:
        report.snapshot["gip"] = gip.gip_json(report.unit, report.year, report)
    meet = report.deadlines.filter(key="report_publish", met_on__isnull=True).first()
    if meet is not None:
        deadline_meet(deadline=meet, on=max(meet.start, day))


STEPS = {"review": _submit, "approve": _approve, "return": _return, "publish": _publish}
STEP_FIELDS = {
    "review": ["submitted_by_id"],
    "approve": ["approved_by_id", "meeting_name", "meeting_on", "meeting_number"],
    "return": ["approved_by_id", "meeting_name", "meeting_on", "meeting_number"],
    "publish": ["published_by_id", "published_at"],
}


def secrecy_review_record(report: AnnualReport, *, by, passed: bool, opinion: str = "",
                          on: date | None = None) -> SecrecyReview:
    """Record the 保密审查 of an approved report (第二十四条: published unless it involves Party or state
    secrets). A review that does not pass must say why; only the latest review since approval counts."""
    _require_manage(by, report)
    report = AnnualReport.objects.get(pk=report.pk)
    if report.state != S.APPROVED:
        raise ValidationError("报告审核通过后、发布前才能进行保密审查")
    day = on or timezone.localdate()
    if day > timezone.localdate():
        raise ValidationError("审查日期不能晚于今天")
    if report.meeting_on and day < report.meeting_on:
        raise ValidationError("审查日期不能早于审议会议日期")
    opinion = opinion.strip()
    if not passed and not opinion:
        raise ValidationError("保密审查不通过时须填写审查意见")
    with transaction.atomic():
        review = SecrecyReview(report=report, reviewed_by=by, reviewed_on=day, opinion=opinion,
                               conclusion=SecrecyReview.Conclusion.PASSED if passed else SecrecyReview.Conclusion.FAILED)
        review.full_clean()
        review.save()
        audit.record(action=audit.Action.CREATE, actor=by, obj=review, unit=report.unit,
                     after=audit.snapshot(review, ["report_id", "reviewed_by_id", "reviewed_on", "conclusion",
                                                   "opinion"]), note=f"保密审查{review.get_conclusion_display()}")
    return review


def entered_update(report: AnnualReport, *, by, values: dict[str, str],
                   expected_version: int | None = None) -> AnnualReport:
    """The figures of the 政府信息公开 report's table 二 the platform does not record (规章, 行政事业性收费),
    entered by the coordinator before the report is approved. Every value is checked first; a bad one
    writes nothing and the message names it. ``expected_version``: the report's version the form was
    read at; a report changed since is refused with ``CONFLICT_MESSAGE`` (a stale page)."""

    _require_manage(by, report)
    if report.kind != AnnualReport.Kind.DISCLOSURE:
        raise ValidationError("只有政府信息公开工作年度报告有填报数字")
    entered, errors = {}, []
    for name, (label, places) in gip.ENTERED_FIELDS.items():
        raw = (values.get(name) or "").strip() or "0"
        try:
            number = Decimal(raw)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite() or number < 0 or -number.as_tuple().exponent > places:
            errors.append(f"{label}须为不小于0的{'整数' if not places else f'数字（最多{places}位小数）'}")
            continue
        entered[name] = int(number) if not places else float(number)
    if errors:
        raise ValidationError("；".join(errors))
    with transaction.atomic():
        current = _bump(report, expected_version)
        if current.state not in (S.DRAFT, S.COLLECTING, S.REVIEWING):
            raise ValidationError("报告审核通过后，填报数字不能再修改，请先退回修改")
        before = {"entered": current.entered}
        current.entered = entered
        current.save()
        audit.record(action=audit.Action.UPDATE, actor=by, obj=current, before=before, after={"entered": entered},
                     note="填报表二数字")
    return current


def section_release(section: ReportSection, *, by, reason: str) -> ReportSection:
    """The coordinator releases a unit from a contribution it has not submitted (a reason is required).
    The checks read the locked rows, so two coordinators releasing at once record one release."""
    _require_manage(by, section.report)
    reason = reason.strip()
    if not reason:
        raise ValidationError("请填写免于报送的理由")
    with transaction.atomic():
        report = AnnualReport.objects.select_for_update().get(pk=section.report_id)
        current = ReportSection.objects.select_for_update().get(pk=section.pk)
        if current.released_at is not None:
            raise ValidationError(f"该章节已于{timezone.localtime(current.released_at):%Y-%m-%d %H:%M}免于报送，"
                                  "不能重复操作")
        if current.unit_id == report.unit_id or current.submitted_at is not None:
            raise ValidationError("该章节不是待报送的单位材料，无需免于报送")
        if report.state not in RELEASABLE:
            raise ValidationError(f"报告当前为“{report.state_label}”，不能调整报送要求")
        current.released_at, current.released_by, current.release_reason = timezone.now(), by, reason
        current.version += 1
        current.save(update_fields=["released_at", "released_by", "release_reason", "version"])
        audit.record(action=audit.Action.TRANSITION, actor=by, obj=current, unit=report.unit,
                     after={"released_at": current.released_at, "release_reason": reason},
                     note=f"免于报送：{reason}")
    return current


def record_sent(report: AnnualReport, *, by, on: date, recipients: str = "") -> AnnualReport:
    """Record the day the approved report was sent to the level above (and 抄送 the coordination office)."""
    _require_manage(by, report)
    if report.state not in (S.APPROVED, S.PUBLISHED):
        raise ValidationError("报告经批准后才能报送上级")
    if on > timezone.localdate():
        raise ValidationError("报送日期不能晚于今天")
    with transaction.atomic():
        current = _bump(report, None)
        before = {"sent_to_superiors_on": current.sent_to_superiors_on}
        current.sent_to_superiors_on = on
        current.save()
        deadline = current.deadlines.filter(key="report_send").first()
        if deadline is not None and deadline.met_on is None:
            deadline_meet(deadline=deadline, on=max(deadline.start, on))
        audit.record(action=audit.Action.UPDATE, actor=by, obj=current, before=before,
                     after={"sent_to_superiors_on": on}, note=f"报送上级{('：' + recipients) if recipients else ''}")
    return current


def open_deadlines(report: AnnualReport) -> list[Deadline]:
    return list(report.deadlines.order_by("due"))


def checklist(county: Unit, year: int) -> list:
    """First-run step (core.checklist): last year's annual report is being written."""
    report = AnnualReport.objects.filter(unit=county, year=year - 1, kind=AnnualReport.Kind.RULE_OF_LAW).first()
    return [Step(f"起草{year - 1}年度法治政府建设年度报告（按法定提纲）", report is not None,
                 report.get_state_display() if report else "可按法定五部分提纲新建", reverse("reports:list"))]


def year_status(unit: Unit, years: list[int]) -> list:
    """Where the county's annual reports of ``years`` stand (the cockpit reads it through
    ``core.registry.year_statuses``): one line per report kind and year, "未创建" when none."""
    county = unit.county() or unit
    reports = {(r.year, r.kind): r for r in AnnualReport.objects.filter(unit=county, year__in=years)}
    lines = []
    for year in years:
        for kind, label in ((AnnualReport.Kind.RULE_OF_LAW, "法治政府建设报告"),
                            (AnnualReport.Kind.DISCLOSURE, "政府信息公开工作年度报告")):
            report = reports.get((year, kind))
            if report is None:
                lines.append(YearStatus(f"{year}年度{label}", "未创建"))
                continue
            _send_by, publish_by = statutory_dates(year, report)
            lines.append(YearStatus(f"{year}年度{label}", report.state_label, done=report.is_published,
                                    url=reverse("reports:detail", args=[report.pk]),
                                    note=f"应于{publish_by:%Y-%m-%d}前公开"))
    return lines
