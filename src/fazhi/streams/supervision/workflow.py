"""States of 督察 visits, 整改 tasks and units' annual reports.

Visit: 计划中 -> 已督察 (with the visit date and a summary) -> 已完结 (every 整改 closed) | 已取消.
Rectification: 待整改 -> 已报告整改 (text + evidence) -> 已销号 (the coordinating office) |
已退回 (重新整改, then reported again). Overdue is not a state: it comes from the deadline.
UnitReport: 待报送 -> 已报送 -> 已审核 | 已退回 (then submitted again).

Closing, returning and accepting are the coordinating office's acts (``reports.manage``, held
for every unit): the inspected unit's own head, who may approve its own records, cannot close
its own 整改 or accept its own report.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from fazhi.core.workflow import Transition, Workflow

COORDINATE = "reports.manage"


def _visit_done(visit) -> str | None:
    if not visit.visited_on or not (visit.summary or "").strip():
        return "请先编辑督察记录，填写实际督察日期和督察情况，再确认已督察"
    return None


def _visit_closable(visit) -> str | None:
    # here, not at the top: fazhi.streams.supervision.models imports this module, directly or through others (a cycle)
    from fazhi.streams.supervision.models import Rectification

    open_ = Rectification.objects.filter(finding__visit=visit).exclude(state="closed").count()
    return f"尚有{open_}项整改任务未销号，不能完结该督察" if open_ else None


REPORT_INCOMPLETE = "请填写整改情况，并上传整改佐证材料（.docx 或 .pdf）或填写关联记录"
UNIT_REPORT_EMPTY = "请填写报告正文或上传报告文件（.docx 或 .pdf）"


def _rectification_reported(record) -> str | None:
    if not (record.report_text or "").strip() or not (record.evidence or (record.evidence_link or "").strip()):
        return REPORT_INCOMPLETE
    if not record.reported_on:
        return "请通过“报告整改情况”填报"
    return None


def _unit_report_ready(record) -> str | None:
    if not (record.text or "").strip() and not record.file:
        return UNIT_REPORT_EMPTY
    if not record.submitted_on:
        return "请通过“报送报告”填报"
    return None


def _rectification_closed(record, by) -> None:
    type(record).objects.filter(pk=record.pk).update(closed_on=timezone.localdate())


def _rectification_returned(record, by) -> None:
    type(record).objects.filter(pk=record.pk).update(reported_on=None)


def _report_returned(record, by) -> None:
    type(record).objects.filter(pk=record.pk).update(submitted_on=None)


class VisitState(models.TextChoices):
    PLANNED = "planned", "计划中"
    DONE = "done", "已督察"
    CLOSED = "closed", "已完结"
    CANCELLED = "cancelled", "已取消"


VISIT_WORKFLOW = Workflow(
    states=VisitState,
    initial=VisitState.PLANNED,
    final=frozenset({VisitState.CLOSED, VisitState.CANCELLED}),
    transitions=[
        Transition("done", (VisitState.PLANNED,), VisitState.DONE, "确认已督察", guard=_visit_done, style="success"),
        Transition("close", (VisitState.DONE,), VisitState.CLOSED, "完结督察", guard=_visit_closable, capability=COORDINATE,
                   confirm="确认完结该督察？"),
        Transition("cancel", (VisitState.PLANNED,), VisitState.CANCELLED, "取消督察", style="outline-danger",
                   confirm="确认取消该督察计划？"),
    ],
)

class RectificationState(models.TextChoices):
    ISSUED = "issued", "待整改"
    REPORTED = "reported", "已报告整改"
    CLOSED = "closed", "已销号"
    RETURNED = "returned", "已退回重新整改"


RECTIFICATION_WORKFLOW = Workflow(
    states=RectificationState,
    initial=RectificationState.ISSUED,
    final=frozenset({RectificationState.CLOSED}),
    transitions=[
        Transition("report", (RectificationState.ISSUED, RectificationState.RETURNED), RectificationState.REPORTED, "报告整改情况", guard=_rectification_reported),
        Transition("close", (RectificationState.REPORTED,), RectificationState.CLOSED, "审核销号", capability=COORDINATE,
                   effect=_rectification_closed, style="success", confirm="确认整改到位、予以销号？"),
        Transition("return", (RectificationState.REPORTED,), RectificationState.RETURNED, "退回重新整改", capability=COORDINATE,
                   effect=_rectification_returned, style="outline-danger",
                   confirm="确认退回？请在说明中写明退回原因，整改期限恢复计算。"),
    ],
)

class UnitReportState(models.TextChoices):
    REQUESTED = "requested", "待报送"
    SUBMITTED = "submitted", "已报送"
    ACCEPTED = "accepted", "已审核"
    RETURNED = "returned", "已退回"


UNIT_REPORT_WORKFLOW = Workflow(
    states=UnitReportState,
    initial=UnitReportState.REQUESTED,
    final=frozenset({UnitReportState.ACCEPTED}),
    transitions=[
        Transition("submit", (UnitReportState.REQUESTED, UnitReportState.RETURNED), UnitReportState.SUBMITTED, "报送报告", guard=_unit_report_ready),
        Transition("accept", (UnitReportState.SUBMITTED,), UnitReportState.ACCEPTED, "审核通过", capability=COORDINATE, style="success"),
        Transition("return", (UnitReportState.SUBMITTED,), UnitReportState.RETURNED, "退回修改", capability=COORDINATE,
                   effect=_report_returned, style="outline-danger",
                   confirm="确认退回？请在说明中写明退回原因，报送期限恢复计算。"),
    ],
)
