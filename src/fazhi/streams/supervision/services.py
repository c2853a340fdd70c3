"""Business rules of 法治督察 beyond a generic save: findings that become 整改 tasks, the
unit's report of rectification, and the collection of units' own annual reports."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.core import audit, scope, workflow
from fazhi.core.ledger import record_issue, record_update
from fazhi.core.models import Unit
from fazhi.core.uploads import UploadRefused, check_document
from fazhi.streams.supervision.models import INSPECTED_KINDS, Finding, Rectification, SupervisionVisit, UnitReport
from fazhi.streams.supervision.workflow import COORDINATE, REPORT_INCOMPLETE, UNIT_REPORT_EMPTY


def _checked_file(upload, field: str):
    if not upload:
        return None
    try:
        check_document(upload)
    except UploadRefused as exc:
        raise ValidationError({field: str(exc)}) from None
    return upload


def finding_add(visit: SupervisionVisit, *, by, text: str, category: str, requirement: str = "",
                severity: str = Finding.Severity.GENERAL, found_on: date | None = None,
                required_by: date | None = None) -> Rectification:
    """A finding of a done visit, and the 整改 task it gives the inspected unit."""
    scope.require(by, COORDINATE, visit.inspected)
    if visit.state != "done":
        raise ValidationError(f"该督察当前状态为“{visit.state_label}”，只有已督察的督察才能登记发现的问题")
    found_on = found_on or visit.visited_on or timezone.localdate()
    errors: dict[str, str] = {}
    if not (text or "").strip():
        errors["text"] = "请填写问题描述"
    if visit.visited_on and found_on < visit.visited_on:
        errors["found_on"] = f"发现日期不能早于督察日期（{visit.visited_on:%Y-%m-%d}）"
    elif found_on > timezone.localdate():
        errors["found_on"] = "发现日期不能晚于今天"
    if required_by is not None and required_by <= found_on:
        errors["required_by"] = f"限期整改日期应晚于发现问题的日期（{found_on:%Y-%m-%d}）"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        finding = Finding(visit=visit, found_on=found_on, text=text.strip(), category=category, severity=severity,
                          recorded_by=by)
        finding.full_clean()
        finding.save()
        audit.record(action=audit.Action.UPDATE, actor=by, obj=visit, after={"finding": finding.text[:100]},
                     note=f"登记督察发现问题（{finding.get_category_display()}）")
        return record_issue(Rectification, by=by, unit=visit.inspected, capability=COORDINATE, year=visit.year,
                            finding=finding, found_on=found_on, required_by=required_by,
                            requirement=(requirement or "").strip() or f"针对督察发现的问题进行整改：{finding.text}")


def rectification_report(record: Rectification, *, by, report_text: str, evidence=None,
                         evidence_link: str = "", on: date | None = None) -> Rectification:
    """The inspected unit reports what it rectified, with evidence (an upload or a record link)."""
    scope.require(by, "records.write", record.unit)
    if record.state not in {"issued", "returned"}:
        raise ValidationError(f"该整改任务当前状态为“{record.state_label}”，不能报告整改情况")
    if not (report_text or "").strip() or not (evidence or (evidence_link or "").strip()):
        raise ValidationError(REPORT_INCOMPLETE)
    fields: dict[str, Any] = {"report_text": report_text.strip(), "evidence_link": (evidence_link or "").strip(),
                              "reported_on": on or timezone.localdate()}
    if evidence:
        fields["evidence"] = _checked_file(evidence, "evidence")
    with transaction.atomic():
        record = record_update(record, by=by, **fields)
        return workflow.transition(record, "report", by=by)


def county_units(government: Unit):
    """The departments and townships directly under ``government`` (the units that report)."""
    return Unit.objects.filter(parent=government, kind__in=INSPECTED_KINDS).order_by("sort_order", "code")


def government_of(user) -> Unit | None:
    return next((c for m in user.active_memberships() if (c := m.unit.county()) is not None), None)


def collection_open(year: int, due: date, *, by, government: Unit | None = None) -> list[UnitReport]:
    """Open the collection of units' annual reports for ``year``: one request per department and
    township, due on ``due``. Units already asked for that year are left as they are."""
    if not scope.has_capability(by, COORDINATE):
        raise ValidationError("只有法治办统筹人员可以发起年度报告征集")
    government = government or government_of(by)
    today = timezone.localdate()
    if government is None:
        raise ValidationError("未找到所属的区县人民政府，不能发起征集")
    if not 2000 <= year <= today.year:
        raise ValidationError({"year": f"报告年度应在2000年至{today.year}年之间"})
    if due <= today:
        raise ValidationError({"due": "报送截止日期应晚于今天"})
    created = []
    with transaction.atomic():
        asked = set(UnitReport.objects.filter(year=year).values_list("unit_id", flat=True))
        for unit in county_units(government):
            if unit.pk not in asked:
                created.append(record_issue(UnitReport, by=by, unit=unit, capability=COORDINATE, year=year,
                                            opened_on=today, due_on=due))
    if not created and not asked:
        raise ValidationError("该区县下没有需要报送的部门或乡镇（街道）")
    return created


def unit_report_submit(record: UnitReport, *, by, text: str = "", file=None,
                       on: date | None = None) -> UnitReport:
    """The unit submits its report: a text, an uploaded .docx/.pdf, or both."""
    scope.require(by, "records.write", record.unit)
    if record.state not in {"requested", "returned"}:
        raise ValidationError(f"该报告当前状态为“{record.state_label}”，不能报送")
    if not (text or "").strip() and not file:
        raise ValidationError(UNIT_REPORT_EMPTY)
    # the date is not editable on forms: it is the day the unit submits
    fields: dict[str, Any] = {"text": (text or "").strip(), "submitted_on": on or timezone.localdate()}
    if file:
        fields["file"] = _checked_file(file, "file")
    with transaction.atomic():
        record = record_update(record, by=by, **fields)
        return workflow.transition(record, "submit", by=by, note=f"报送日期{record.submitted_on:%Y-%m-%d}")
