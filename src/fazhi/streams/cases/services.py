"""Writes of the 行政执法案件 stream beyond the generic ones: 法制审核, extensions of the 办案期限,
and the entries of the 全过程记录. Each checks, writes and audits in one transaction."""

from __future__ import annotations

import hashlib
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.core import audit, scope
from fazhi.core.deadlines import sync as sync_deadlines
from fazhi.streams.cases.models import CaseExtension, CaseRecordEntry, EnforcementCase, ReviewConclusion

REVIEW_CAPABILITY = "records.approve"
NOT_A_REVIEWER = "法制审核须由具有审核权限的法制审核人员办理"


def reviewer_refusal(case: EnforcementCase, user) -> str | None:
    """Why ``user`` may not record the 法制审核 of ``case`` (None: they may)."""
    if not scope.can(user, REVIEW_CAPABILITY, case.unit):
        return NOT_A_REVIEWER
    names = {user.get_full_name() if hasattr(user, "get_full_name") else "", getattr(user, "display_name", ""),
             user.get_username()}
    if any(n and n.strip() in case.officers for n in names):
        return "法制审核人员不得是本案的执法人员，请由未参与办案的法制审核人员审核"
    return None


def _display_name(user) -> str:
    return (getattr(user, "display_name", "") or user.get_username())[:50]


def legal_review(case: EnforcementCase, *, by, conclusion: str, opinion: str, reviewed_on: date) -> EnforcementCase:
    """法制审核 of a case sent to review: the reviewer holds ``records.approve`` on the case's unit
    and is none of its officers; the opinion and conclusion are kept on the case."""
    reason = reviewer_refusal(case, by)
    if reason:
        raise PermissionDenied(reason) if reason == NOT_A_REVIEWER else ValidationError(reason)
    if case.state != "review":
        raise ValidationError(f"案件状态为“{case.state_label}”，请先提交法制审核")
    errors = {}
    if conclusion not in ReviewConclusion.values:
        errors["conclusion"] = "请选择审核结论"
    if not opinion.strip():
        errors["opinion"] = "请填写审核意见"
    if reviewed_on > timezone.localdate():
        errors["reviewed_on"] = "审核日期不能晚于今天"
    elif case.notified_on and reviewed_on < case.notified_on:
        errors["reviewed_on"] = "审核日期不能早于告知日期"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = EnforcementCase.objects.select_for_update().get(pk=case.pk)
        before = {"review_conclusion": locked.review_conclusion, "reviewed_on": locked.reviewed_on}
        locked.reviewer, locked.reviewer_name = by, _display_name(by)
        locked.review_conclusion, locked.review_opinion = conclusion, opinion.strip()
        locked.reviewed_on = reviewed_on
        locked.version += 1
        locked.updated_by, locked.updated_at = by, timezone.now()
        locked.save()
        audit.record(action=audit.Action.UPDATE, actor=by, obj=locked, before=before,
                     after={"reviewer_name": locked.reviewer_name, "review_conclusion": conclusion,
                            "review_opinion": locked.review_opinion, "reviewed_on": reviewed_on},
                     note=f"法制审核：{ReviewConclusion(conclusion).label}")
    return locked


def extend_limit(case: EnforcementCase, *, by, days: int, approved_by: str, approved_on: date,
                 reason: str) -> CaseExtension:
    """Record an approved extension of the 办案期限 (the agency's head approves it)."""
    if not scope.can(by, "records.approve", case.unit):
        raise PermissionDenied("延长办案期限须经行政机关负责人批准，请由有审批权限的人员登记")
    refusal = case.extension_refusal()
    if refusal:
        raise ValidationError(refusal)
    errors = {}
    if not 1 <= days <= 365:
        errors["days"] = "延长天数应在1至365日之间"
    if not approved_by.strip():
        errors["approved_by"] = "请填写批准人"
    if not reason.strip():
        errors["reason"] = "请填写延长理由"
    if approved_on > timezone.localdate() or approved_on < case.filed_on:
        errors["approved_on"] = "批准日期应在立案日期之后且不晚于今天"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        ext = CaseExtension.objects.create(case=case, days=days, approved_by=approved_by.strip()[:60],
                                           approved_on=approved_on, reason=reason.strip()[:200], recorded_by=by)
        audit.record(action=audit.Action.UPDATE, actor=by, obj=case,
                     after={"extension_days": days, "approved_on": approved_on},
                     note=f"延长办案期限{days}日（{approved_by.strip()}批准）")
        sync_deadlines(case)
    return ext


def file_sha256(upload) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    return digest.hexdigest()


def entry_add(case: EnforcementCase, *, by, step: str, kind: str, title: str, doc_no: str = "",
              device: str = "", officer: str = "", started_at: datetime | None = None,
              ended_at: datetime | None = None, storage: str = "", sha256: str = "",
              file_name: str = "") -> CaseRecordEntry:
    """Add a 全过程记录 entry to a case (not after 结案: the file is closed)."""
    scope.require(by, "records.write", case.unit)
    if case.state == "closed":
        raise ValidationError("案件已结案，全过程记录不能再添加")
    entry = CaseRecordEntry(case=case, step=step, kind=kind, title=(title or "").strip(), doc_no=(doc_no or "").strip(),
                            device=(device or "").strip(), officer=(officer or "").strip(), started_at=started_at,
                            ended_at=ended_at, storage=(storage or "").strip(), sha256=sha256 or "",
                            file_name=(file_name or "")[:200], recorded_by=by)
    entry.full_clean(exclude=["recorded_by"])
    with transaction.atomic():
        entry.save()
        audit.record(action=audit.Action.UPDATE, actor=by, obj=case,
                     after={"entry": str(entry), "sha256": entry.sha256},
                     note=f"登记全过程记录（{entry.get_step_display()}·{entry.get_kind_display()}）")
    return entry
