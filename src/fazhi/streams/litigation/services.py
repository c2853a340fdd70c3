"""Business rules of the stream that are not a single transition: recording the local
应诉备案/通报/核对 steps, and approved extensions of the reconsideration decision period.
The statutory deadlines are declared on the models (``tracked``); core keeps them in step.
Views call these; they check scope and write audit."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.core import audit, deadlines, scope
from fazhi.core.models import Deadline
from fazhi.streams.litigation import rules
from fazhi.streams.litigation.models import CaseStep, LitigationCase, Reconsideration


@transaction.atomic
def step_record(case: LitigationCase, *, step: str, on: date, handler: str, by, note: str = "") -> CaseStep:
    """Record (or correct) one of the configured local steps (FAZHI_LITIGATION_STEPS) with its
    date and who handled it; meets the step's local deadline if one is configured."""
    scope.require(by, "records.write", case.unit)
    if step not in rules.litigation_steps():
        raise ValidationError({"step": f"“{step}”不是本地区设定的应诉工作步骤"})
    if on > timezone.localdate():
        raise ValidationError({"done_on": "办理日期不能晚于今天"})
    if on < case.served_on:
        raise ValidationError({"done_on": "办理日期不能早于收到起诉状副本日期"})
    handler = handler.strip() or (getattr(by, "display_name", "") or by.get_username())
    existing = CaseStep.objects.filter(case=case, step=step).first()
    before = {"step": step, "done_on": existing.done_on, "handler": existing.handler} if existing else None
    record, _ = CaseStep.objects.update_or_create(
        case=case, step=step, defaults={"done_on": on, "handler": handler[:50], "note": note[:200], "recorded_by": by})
    deadlines.sync(case)  # a step with a configured period is met by its date (models: tracked)
    audit.record(action=audit.Action.UPDATE, actor=by, obj=case, before=before,
                 after={"step": step, "done_on": on, "handler": record.handler},
                 note=f"登记应诉工作步骤“{step}”（{on:%Y-%m-%d}，{record.handler}）")
    return record


# -- 行政复议 ------------------------------------------------------------------------------


@transaction.atomic
def reconsideration_extend(rec: Reconsideration, *, days: int, approved_by: str, on: date, reason: str,
                           by) -> Deadline:
    """Extend the decision period once, by at most 30 days, with the approval of the head of the
    reconsideration office (行政复议法 第六十二条); not in the simple procedure."""
    scope.require(by, "records.write", rec.unit)
    if rec.procedure == Reconsideration.Procedure.SIMPLE:
        raise ValidationError("适用简易程序的案件不能延长审理期限（第六十二条），如需延长请先转为普通程序")
    deadline = deadlines.deadlines_of(rec).filter(key=rules.DECISION.key, met_on__isnull=True).first()
    if deadline is None:
        raise ValidationError("该案件没有进行中的复议决定期限")
    if not approved_by.strip():
        raise ValidationError("请填写批准延长的行政复议机构负责人")
    if not reason.strip():
        raise ValidationError("请填写延长理由（情况复杂，不能在规定期限内作出决定）")
    if days <= 0 or (rec.extension_days or 0) + days > rules.MAX_DECISION_EXTENSION_DAYS:
        raise ValidationError(f"延长期限最多不得超过{rules.MAX_DECISION_EXTENSION_DAYS}日（第六十二条）")
    if rec.extension_approved_on is not None:
        raise ValidationError("该期限最多延长1次")
    if on > deadline.due:
        raise ValidationError("应在原审理期限届满前批准延长")
    before_due = deadline.due
    current = Reconsideration.objects.select_for_update().get(pk=rec.pk)
    fields = {"extension_days": days, "extension_approver": approved_by.strip(), "extension_approved_on": on,
              "extension_reason": reason.strip()}
    for name, value in fields.items():
        setattr(current, name, value)
    current.updated_by, current.version = by, current.version + 1
    current.full_clean()
    current.save()
    deadline = next(d for d in deadlines.sync(current) if d.key == rules.DECISION.key)  # the declared extension
    audit.record(action=audit.Action.UPDATE, actor=by, obj=current, before={"decision_due": before_due},
                 after={**fields, "decision_due": deadline.due},
                 note=f"经{approved_by.strip()}批准延长复议决定期限{days}日")
    return deadline
