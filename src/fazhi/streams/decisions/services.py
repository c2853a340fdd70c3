"""Business rules beyond generic create/update/transition: recording a decision's statutory
procedures, its execution reports and post-evaluations, catalogue checks and adjustments,
and the public comment service the portal calls. Every write checks scope (except the
public comment, which the portal rate-limits), validates, saves and writes its audit event
in one transaction."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.core import audit, scope
from fazhi.streams.decisions.models import (
    CatalogueCheck,
    Decision,
    DecisionCatalogue,
    DecisionProcedure,
    ExecutionReport,
    PostEvaluation,
    PublicComment,
)
from fazhi.streams.decisions.workflow import DECIDED_STATES, OPEN_STATES, PROCEDURE_LABELS

PROCEDURE_FIELDS = ("started_on", "ended_on", "organiser", "meeting", "conclusion", "risk_level",
                    "comments_received", "comments_adopted", "result", "document", "shortened_reason")
MAX_COMMENT_CHARS = 2000
_PHONE = re.compile(r"^(1\d{10}|0\d{2,3}-?\d{7,8})$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _actor_name(by) -> str:
    return getattr(by, "display_name", "") or by.get_username()


# -- 决策程序 ------------------------------------------------------------------------------

@transaction.atomic
def procedure_record(decision: Decision, *, kind: str, by, **values: Any) -> DecisionProcedure:
    """Record (or correct) one statutory procedure of ``decision``."""
    scope.require(by, "records.write", decision.unit)
    if kind not in PROCEDURE_LABELS:
        raise ValidationError({"kind": "请选择决策程序"})
    if decision.state not in OPEN_STATES:
        raise ValidationError(f"当前状态为“{decision.state_label}”，不能再登记或修改决策程序")
    unknown = set(values) - set(PROCEDURE_FIELDS)
    if unknown:
        raise ValueError(f"unknown procedure fields: {sorted(unknown)}")
    existing = DecisionProcedure.objects.filter(decision=decision, kind=kind).first()
    procedure = existing or DecisionProcedure(decision=decision, kind=kind)
    before = audit.snapshot(procedure, list(PROCEDURE_FIELDS)) if existing else None
    for name, value in values.items():
        setattr(procedure, name, "" if value is None and name in ("organiser", "meeting", "conclusion",
                                                                   "risk_level", "result", "document",
                                                                   "shortened_reason") else value)
    procedure.recorded_by = by
    procedure.full_clean(exclude=["decision"])
    procedure.save()
    after = audit.snapshot(procedure, list(PROCEDURE_FIELDS))
    old, new = audit.diff(before or {}, after)
    audit.record(action=audit.Action.UPDATE, actor=by, obj=decision, before=old or None, after=new,
                 note=f"登记决策程序“{PROCEDURE_LABELS[kind]}”")
    return procedure


# -- 执行与后评估 ---------------------------------------------------------------------------

@transaction.atomic
def report_record(decision: Decision, *, reported_on: date, reporter: str, progress: str, by,
                  problems: str = "") -> ExecutionReport:
    scope.require(by, "records.write", decision.unit)
    if decision.state not in DECIDED_STATES:
        raise ValidationError("作出决策后方可登记执行情况报告")
    if decision.decided_on and reported_on < decision.decided_on:
        raise ValidationError({"reported_on": "报告日期不能早于决策日期"})
    if reported_on > timezone.localdate():
        raise ValidationError({"reported_on": "报告日期不能晚于今天"})
    report = ExecutionReport(decision=decision, reported_on=reported_on, reporter=reporter.strip(),
                             progress=progress.strip(), problems=problems.strip(), recorded_by=by)
    report.full_clean(exclude=["decision"])
    report.save()
    audit.record(action=audit.Action.UPDATE, actor=by, obj=decision,
                 after={"execution_report": reported_on, "reporter": report.reporter},
                 note=f"登记执行情况报告（{reported_on:%Y-%m-%d}，{report.reporter}）")
    return report


@transaction.atomic
def evaluation_record(decision: Decision, *, trigger: str, evaluator: str, started_on: date, by,
                      completed_on: date | None = None, conclusion: str = "",
                      adjustment: str = "") -> PostEvaluation:
    """Record a post-evaluation; one still open is completed by recording it again."""
    scope.require(by, "records.write", decision.unit)
    if decision.state not in ("executing", "evaluated"):
        raise ValidationError("决策组织实施后方可开展后评估")
    evaluation = (decision.evaluations.filter(completed_on__isnull=True).first()
                  or PostEvaluation(decision=decision))
    evaluation.trigger, evaluation.evaluator, evaluation.started_on = trigger, evaluator.strip(), started_on
    evaluation.completed_on, evaluation.conclusion = completed_on, conclusion.strip()
    evaluation.adjustment, evaluation.recorded_by = adjustment.strip(), by
    evaluation.full_clean(exclude=["decision"])
    evaluation.save()
    audit.record(action=audit.Action.UPDATE, actor=by, obj=decision,
                 after={"post_evaluation": started_on, "completed_on": completed_on, "evaluator": evaluation.evaluator},
                 note=f"登记决策后评估（{evaluation.evaluator}）")
    return evaluation


# -- 目录 ----------------------------------------------------------------------------------

@transaction.atomic
def catalogue_check_record(catalogue: DecisionCatalogue, *, kind: str, on: date, content: str, by,
                           result: str = "") -> CatalogueCheck:
    """A periodic check (定期检查) or an adjustment (目录调整) of a catalogue."""
    scope.require(by, "records.write", catalogue.unit)
    if on.year < catalogue.year:
        raise ValidationError({"on": f"日期不能早于{catalogue.year}年度"})
    if on > timezone.localdate():
        raise ValidationError({"on": "日期不能晚于今天"})
    check = CatalogueCheck(catalogue=catalogue, kind=kind, on=on, content=content.strip(), result=result.strip(),
                           recorded_by=by)
    check.full_clean(exclude=["catalogue"])
    check.save()
    audit.record(action=audit.Action.UPDATE, actor=by, obj=catalogue,
                 after={"check": check.get_kind_display(), "on": on},
                 note=f"登记{check.get_kind_display()}（{on:%Y-%m-%d}）")
    return check


def catalogue_for(unit, year: int) -> DecisionCatalogue | None:
    """The catalogue of ``year`` that covers ``unit``: its own, or the nearest ancestor's."""
    found = [c for c in DecisionCatalogue.objects.filter(year=year).select_related("unit")
             if unit.path.startswith(c.unit.path)]
    return max(found, key=lambda c: len(c.unit.path), default=None)


# -- 公众意见 ------------------------------------------------------------------------------

def comment_is_open(decision: Decision, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    period = decision.comment_period()
    return decision.state == "consulting" and period is not None and period[0] <= today <= period[1]


@transaction.atomic
def comment_submit(decision: Decision, name: str, contact: str, text: str, *,
                   today: date | None = None) -> PublicComment:
    """A member of the public comments on a draft (条例 第十五条). Called by the portal, which
    rate-limits submissions; accepted only while the comment period is open. The name and
    contact are personal data: stored, never published (pages show them masked)."""
    name, contact, text = (name or "").strip(), (contact or "").strip(), (text or "").strip()
    errors = {}
    if not text:
        errors["text"] = "请填写意见内容"
    elif len(text) > MAX_COMMENT_CHARS:
        errors["text"] = f"意见内容不能超过{MAX_COMMENT_CHARS}字"
    if len(name) > 50:
        errors["name"] = "姓名不能超过50字"
    if contact and not (_PHONE.match(contact) or (_EMAIL.match(contact) and len(contact) <= 100)):
        errors["contact"] = "请填写有效的手机号码、固定电话或电子邮箱"
    if errors:
        raise ValidationError(errors)
    locked = Decision.objects.select_for_update().get(pk=decision.pk)
    if not comment_is_open(locked, today):
        period = locked.comment_period()
        when = f"（征求意见期为{period[0]:%Y年%m月%d日}至{period[1]:%Y年%m月%d日}）" if period else ""
        raise ValidationError(f"该决策草案当前不在公开征求意见期内，不能提交意见{when}")
    comment = PublicComment.objects.create(decision=locked, name=name, contact=contact, text=text)
    audit.record(action=audit.Action.CREATE, obj=locked, actor_name="公众",
                 after={"public_comment": comment.pk}, note="收到公众意见（网上征求意见）")
    return comment


@transaction.atomic
def comment_handle(comment: PublicComment, *, handling: str, reply: str, by) -> PublicComment:
    """Record whether a comment was adopted and why (used for the adoption summary, 第三十二条)."""
    scope.require(by, "records.write", comment.decision.unit)
    if handling not in PublicComment.Handling.values:
        raise ValidationError({"handling": "请选择采纳情况"})
    if handling in (PublicComment.Handling.NOT_ADOPTED, PublicComment.Handling.PARTLY) and not reply.strip():
        raise ValidationError({"reply": "未采纳或部分采纳的，请说明理由"})
    before = {"handling": comment.handling, "reply": comment.reply}
    comment.handling, comment.reply = handling, reply.strip()[:500]
    comment.save(update_fields=["handling", "reply"])
    audit.record(action=audit.Action.UPDATE, actor=by, obj=comment.decision, before=before,
                 after={"handling": handling, "reply": comment.reply},
                 note=f"登记公众意见{comment.pk}的采纳情况：{comment.get_handling_display()}")
    return comment
