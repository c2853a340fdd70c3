"""Business rules of the 双随机 stream: building a draw's published inputs, the commitment,
the draw itself, re-draws, replacements, result entry by the drawn inspectors and publication.

The selection is the standard-library function ``verify.compute`` (documented in
``docs/draw-algorithm.md``); this module only gathers its inputs from the registers and
writes what it returns.
"""

from __future__ import annotations

import secrets
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.core import audit, deadlines, scope
from fazhi.core.ledger import CONFLICT_MESSAGE
from fazhi.core.privacy import mask_name
from fazhi.core.workflow import TransitionError, transition
from fazhi.streams.inspections import verify
from fazhi.streams.inspections.models import (
    Assignment,
    Draw,
    Entity,
    InspectionResult,
    InspectionTask,
    Inspector,
    Outcome,
)
from fazhi.streams.inspections.workflow import publish_entered

REDRAW_STATES = ("drawn", "notified")
NOT_ASSIGNED = "只有被派往该检查对象的执法检查人员可以录入检查结果（谁检查、谁录入）"


# -- published inputs ----------------------------------------------------------------------

def _decimal_text(value: Decimal | None) -> str | None:
    return None if value is None else f"{value.normalize():f}"


def draw_params(task: InspectionTask) -> dict:
    """The task's parameters as published in the commitment."""
    stratify = [name for name, on in (("risk_grade", task.stratify_risk), ("township", task.stratify_township)) if on]
    return {
        "task": task.title,
        "unit": task.unit.code,
        "units": [u.code for u in task.units()],
        "item": task.item.name,
        "category": task.item.category,
        "ratio": _decimal_text(task.ratio),
        "count": task.count,
        "ratio_by_grade": task.grade_ratios(),
        "stratify": stratify,
        "inspectors_per_entity": task.inspectors_per_entity,
        "period_start": task.period_start.isoformat(),
        "period_end": task.period_end.isoformat(),
        "exclusion_days": task.exclusion(),
        "filters": {
            "entity_types": [t for t in task.entity_types.split(",") if t],
            "industries": sorted(set(task.industries.replace("，", "、").replace(",", "、").split("、")) - {""}),
            "townships": sorted(u.code for u in task.township_units()),
            "risk_grades": [g for g in task.risk_grades.split(",") if g],
        },
    }


def eligible_entities(task: InspectionTask, params: dict | None = None) -> list[dict]:
    """Entities in the registers of the task's units that match its scope, minus those inspected
    for the same item within the exclusion window before the period starts. Sorted by code;
    a code registered by several units appears once."""
    params = params or draw_params(task)
    filters = params["filters"]
    qs = Entity.objects.filter(state="active", unit__in=task.units()).select_related("township")
    if filters["entity_types"]:
        qs = qs.filter(entity_type__in=filters["entity_types"])
    elif task.item.entity_type:
        qs = qs.filter(entity_type=task.item.entity_type)
    if filters["risk_grades"]:
        qs = qs.filter(risk_grade__in=filters["risk_grades"])
    if filters["townships"]:
        qs = qs.filter(township__code__in=filters["townships"])
    industries = filters["industries"]
    since = task.period_start - timedelta(days=params["exclusion_days"])
    recent = set(InspectionResult.objects.filter(
        task__item=task.item, state__in=("entered", "published"), inspected_on__gte=since,
    ).exclude(task=task).values_list("credit_code", flat=True))
    out: dict[str, dict] = {}
    for code, grade, township, industry in qs.values_list("credit_code", "risk_grade", "township__code", "industry"):
        if code in recent or code in out:
            continue
        if industries and not any(i in industry for i in industries):
            continue
        out[code] = {"code": code, "risk_grade": grade, "township": township or ""}
    return [out[code] for code in sorted(out)]


def eligible_inspectors(task: InspectionTask, entity_codes: set[str]) -> list[dict]:
    """Active inspectors of the task's units with what the avoidance rules need. Declared
    relationships are published only for entities taking part in this draw. Sorted by id."""
    rows = Inspector.objects.filter(state="active", unit__in=task.units()).select_related("unit", "residence_township")
    out = [{
        "id": i.certificate_no,
        "unit": i.unit.code,
        "township": i.residence_township.code if i.residence_township else "",
        "qualifications": sorted(i.qualification_codes),
        "valid_until": i.valid_until.isoformat(),
        "avoid": [c for c in i.relation_codes if c in entity_codes],
    } for i in rows]
    return sorted(out, key=lambda i: i["id"])


# -- the draw ------------------------------------------------------------------------------

def _lock(task: InspectionTask) -> InspectionTask:
    return InspectionTask.objects.select_for_update().select_related("plan", "item", "unit").get(pk=task.pk)


def draw_commit(task: InspectionTask, *, by, witness: str = "") -> Draw:
    """Fix the inputs and publish the commitment (SHA-256 of a fresh secret seed, and the
    fingerprints of the parameters and both eligible lists). Two simultaneous requests give
    one draw: the task row is locked and the second request gets the first one's draw."""
    scope.require(by, "records.write", task.unit)
    with transaction.atomic():
        locked = _lock(task)
        current = locked.current_draw()
        if current is not None:
            return current
        if locked.state != "planned":
            raise TransitionError(f"当前状态为“{locked.state_label}”，不能抽取")
        return _new_draw(locked, by=by, sequence=1, witness=witness or locked.witness)


def _new_draw(task: InspectionTask, *, by, sequence: int, witness: str, previous: Draw | None = None,
              reason: str = "", approver=None, demo_seed: bytes | None = None) -> Draw:
    """``demo_seed`` only for the demo data (reproducible); real draws take a fresh secret seed."""
    params = draw_params(task)
    entities = eligible_entities(task, params)
    inspectors = eligible_inspectors(task, {e["code"] for e in entities})
    seed = demo_seed or secrets.token_bytes(32)
    draw = Draw.objects.create(
        task=task, sequence=sequence, previous=previous, reason=reason, approver=approver, witness=witness,
        seed_hex=seed.hex(), params=params, eligible_entities=entities, eligible_inspectors=inspectors,
        commitment=verify.commitment_of(verify.sha256_hex(seed), params, entities, inspectors),
        committed_at=timezone.now(), committed_by=by,
    )
    audit.record(action=audit.Action.CREATE, actor=by, obj=task,
                 after={"draw": draw.pk, "commitment": draw.commitment["commitment_sha256"]},
                 note=f"公示第{sequence}次抽取承诺值（检查对象{len(entities)}户，执法检查人员{len(inspectors)}名）")
    return draw


def draw_execute(draw: Draw, *, by) -> Draw:
    """Run the committed draw, reveal the seed, write the drawn entities and their inspectors."""
    scope.require(by, "records.write", draw.task.unit)
    return _execute(draw, by=by)


def _execute(draw: Draw, *, by, move_task: bool = True) -> Draw:
    with transaction.atomic():
        task = _lock(draw.task)
        draw = Draw.objects.select_for_update().get(pk=draw.pk)
        if draw.executed_at:
            return draw
        if draw.superseded:
            raise TransitionError("该次抽取已被重新抽取，不能执行")
        try:
            result = verify.compute(draw.seed_hex, draw.params, draw.eligible_entities, draw.eligible_inspectors)
        except verify.DrawError as exc:
            raise TransitionError(str(exc)) from None
        if not result["entities"]:
            raise TransitionError("没有符合条件的检查对象，请调整抽取范围")
        draw.result = result
        draw.executed_at = timezone.now()
        draw.executed_by = by
        draw.save(update_fields=["result", "executed_at", "executed_by"])
        _write_results(task, draw, result, by)
        audit.record(action=audit.Action.UPDATE, actor=by, obj=task, after={"draw": draw.pk, "seed": draw.seed_hex},
                     note=f"执行第{draw.sequence}次抽取并公布随机种子：抽中{len(result['entities'])}户")
        if task.state == "planned" and move_task:
            transition(task, "draw", by=by, note=f"第{draw.sequence}次抽取")
    return draw


def _write_results(task: InspectionTask, draw: Draw, result: dict, by) -> None:
    codes = [row["code"] for row in result["entities"]]
    entities: dict[str, Entity] = {}
    for e in Entity.objects.filter(credit_code__in=codes, unit__in=task.units()).order_by("unit__path"):
        entities.setdefault(e.credit_code, e)
    ids = {i for row in result["entities"] for i in row["inspectors"]}
    inspectors = {i.certificate_no: i for i in Inspector.objects.filter(certificate_no__in=ids)}
    rows = []
    for row in result["entities"]:
        e = entities[row["code"]]
        names = "、".join(inspectors[i].name for i in row["inspectors"])
        rows.append(InspectionResult(
            unit=task.unit, year=task.year, state="pending", created_by=by, updated_by=by, task=task, draw=draw,
            entity=e, credit_code=e.credit_code, entity_name=e.name, stratum=row["stratum"], rank=row["rank"],
            inspectors_display=names))
    created = InspectionResult.objects.bulk_create(rows, batch_size=1000)
    if any(r.pk is None for r in created):  # a backend without RETURNING
        created = list(InspectionResult.objects.filter(draw=draw).order_by("id"))
    by_code = {r.credit_code: r for r in created}
    Assignment.objects.bulk_create([
        Assignment(result=by_code[row["code"]], inspector=inspectors[i], position=n)
        for row in result["entities"] for n, i in enumerate(row["inspectors"], start=1)
    ], batch_size=2000)


def draw_run(task: InspectionTask, *, by, witness: str = "") -> Draw:
    """Commitment and draw in one go (the usual ceremony when both happen at one sitting)."""
    return draw_execute(draw_commit(task, by=by, witness=witness), by=by)


def redraw(task: InspectionTask, *, by, reason: str) -> Draw:
    """A re-draw is a new draw linked to the one it replaces, with reason and approver (the
    unit head); the earlier draw and its rows stay, marked superseded / void."""
    scope.require(by, "records.approve", task.unit)
    if not reason.strip():
        raise ValidationError({"reason": "请填写重新抽取的理由"})
    with transaction.atomic():
        locked = _lock(task)
        old = locked.current_draw()
        if old is None or not old.executed_at:
            raise TransitionError("尚未完成抽取，无需重新抽取")
        if locked.state not in REDRAW_STATES:
            raise TransitionError(f"当前状态为“{locked.state_label}”，检查已开始，不能重新抽取")
        if old.results.exclude(state="pending").exists():
            raise TransitionError("已有检查结果录入，不能重新抽取")
        Draw.objects.filter(pk=old.pk).update(superseded=True)
        voided = old.results.update(state="void", updated_by=by, updated_at=timezone.now())
        Assignment.objects.filter(result__draw=old).update(active=False)
        draw = _new_draw(locked, by=by, sequence=old.sequence + 1, witness=old.witness, previous=old,
                         reason=reason.strip(), approver=by)
        audit.record(action=audit.Action.UPDATE, actor=by, obj=locked, before={"draw": old.pk},
                     after={"draw": draw.pk}, note=f"批准重新抽取（原第{old.sequence}次抽取{voided}条作废）：{reason.strip()}")
    return draw


def replace_inspector(result: InspectionResult, inspector: Inspector, *, by, reason: str) -> Inspector:
    """Replace an assigned inspector (illness, a conflict found later …): recorded with its
    reason, and the replacement is drawn from the seed and the draw's replacement counter."""
    scope.require(by, "records.write", result.unit)
    if not reason.strip():
        raise ValidationError({"reason": "请填写替换理由"})
    with transaction.atomic():
        _lock(result.task)
        draw = Draw.objects.select_for_update().get(pk=result.draw_id)
        result = InspectionResult.objects.get(pk=result.pk)
        if result.state != "pending" or draw.superseded:
            raise TransitionError("只能替换尚未录入结果的检查对象的执法检查人员")
        old = result.assignments.filter(active=True, inspector=inspector).first()
        if old is None:
            raise TransitionError("该执法检查人员未被派往该检查对象")
        counter = draw.replacements.count() + 1
        entity = next(e for e in draw.eligible_entities if e["code"] == result.credit_code)
        pool = verify.task_inspectors(draw.eligible_inspectors, draw.params)
        current = [a.inspector.certificate_no for a in result.assignments.filter(active=True).select_related("inspector")]
        before = [r.replaced.certificate_no for r in result.replacements.select_related("replaced")]
        try:
            new_id = verify.replacement_for(bytes.fromhex(draw.seed_hex), counter, entity, pool, current,
                                            [*before, inspector.certificate_no])
        except verify.DrawError as exc:
            raise TransitionError(str(exc)) from None
        new = Inspector.objects.get(certificate_no=new_id)
        Assignment.objects.filter(pk=old.pk).update(active=False)
        Assignment.objects.create(result=result, inspector=new, position=old.position)
        draw.replacements.create(counter=counter, result=result, replaced=inspector, replacement=new,
                                 reason=reason.strip(), by=by)
        record = {"counter": counter, "entity": result.credit_code, "replaced": inspector.certificate_no,
                  "reason": reason.strip(), "replacement": new_id}
        data = dict(draw.result)
        data["replacements"] = [*data.get("replacements", []), record]
        data["final"] = [{**row, "inspectors": [new_id if i == inspector.certificate_no else i for i in row["inspectors"]]}
                         if row["code"] == result.credit_code else row for row in data["final"]]
        draw.result = data
        draw.save(update_fields=["result"])
        names = [a.inspector.name for a in result.assignments.filter(active=True).select_related("inspector")]
        InspectionResult.objects.filter(pk=result.pk).update(inspectors_display="、".join(names))
        audit.record(action=audit.Action.UPDATE, actor=by, obj=result,
                     before={"inspector": inspector.certificate_no}, after={"inspector": new_id},
                     note=f"第{counter}次替换执法检查人员：{reason.strip()}")
    return new


# -- results -------------------------------------------------------------------------------

def is_assigned(result: InspectionResult, user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return result.assignments.filter(active=True, inspector__account=user.get_username(),
                                     inspector__state="active").exists()


def result_enter(result: InspectionResult, *, by, inspected_on: date, outcome: str, findings: str = "",
                 follow_up: str = "", expected_version: int | None = None) -> InspectionResult:
    """谁检查、谁录入: only an inspector assigned to the entity enters (or corrects, before
    publication) its result. The right comes from the draw, so an inspector of a cooperating
    unit in a joint inspection may enter it too. With ``expected_version`` (the entry page
    always sends it), a save over another inspector's entry is refused."""
    if not is_assigned(result, by):
        raise PermissionDenied(NOT_ASSIGNED)
    if outcome not in Outcome.values:
        raise ValidationError({"result": "请选择检查结果"})
    with transaction.atomic():
        current = InspectionResult.objects.select_for_update().get(pk=result.pk)
        if expected_version is not None and current.version != expected_version:
            raise ValidationError(CONFLICT_MESSAGE, code="conflict")
        if current.state not in ("pending", "entered"):
            raise TransitionError(f"当前状态为“{current.state_label}”，不能录入")
        if current.task.state not in ("notified", "inspecting", "results_entered"):
            raise TransitionError("抽查任务尚未通知检查人员，暂不能录入结果")
        before = audit.snapshot(current, ["inspected_on", "result", "findings", "follow_up", "state"])
        current.inspected_on, current.result = inspected_on, outcome
        current.findings, current.follow_up = findings.strip(), follow_up.strip()
        current.entered_by_name = getattr(by, "display_name", "") or by.get_username()
        current.state = "entered"
        current.updated_by, current.version = by, current.version + 1
        current.full_clean()
        current.save()
        after = audit.snapshot(current, ["inspected_on", "result", "findings", "follow_up", "state"])
        old, new = audit.diff(before, after)
        deadlines.sync(current)  # the publication period counts from the inspection date
        audit.record(action=audit.Action.UPDATE, actor=by, obj=current, before=old, after=new, note="录入检查结果")
    return current


def results_publish_all(task: InspectionTask, *, by) -> int:
    return publish_entered(task, by)


# -- public output ---------------------------------------------------------------------------

def public_json(draw: Draw) -> dict:
    """What anyone may download and check with ``verify.py``: before the draw the commitment
    and the inputs; after it also the seed and the result."""
    executed = bool(draw.executed_at)
    return {
        "format": verify.FORMAT,
        "draw": {
            "task": draw.task.title,
            "unit": draw.task.unit.name,
            "item": draw.task.item.name,
            "sequence": draw.sequence,
            "previous_sequence": draw.previous.sequence if draw.previous else None,
            "reason": draw.reason,
            "witness": draw.witness,
            "committed_at": timezone.localtime(draw.committed_at).isoformat(timespec="seconds"),
            "executed_at": timezone.localtime(draw.executed_at).isoformat(timespec="seconds") if executed else None,
        },
        "commitment": draw.commitment,
        "params": draw.params,
        "eligible_entities": draw.eligible_entities,
        "eligible_inspectors": draw.eligible_inspectors,
        "seed": draw.seed_hex if executed else None,
        "result": draw.result if executed else None,
    }


def public_results(queryset=None) -> list[dict]:
    """Published results as the portal lists them (执法公示): enterprise data in full, the
    inspectors' names masked (surname + 某), and the 信用中国 query link of the credit code."""

    return [public_row(r) for r in published_results(queryset)]


def published_results(queryset=None):
    """The published results in public order, as a queryset (count and page it in SQL)."""
    qs = queryset if queryset is not None else InspectionResult.objects.all()
    return qs.filter(state="published").select_related("task__item", "unit").order_by("-published_on", "id")


def public_row(r: InspectionResult) -> dict:
    """One published result as the public sees it: inspectors masked, the 信用中国 link."""
    return {
        "unit": r.unit.name, "task": r.task.title, "item": r.task.item.name, "entity": r.entity_name,
        "credit_code": r.credit_code, "inspected_on": r.inspected_on, "result": r.get_result_display(),
        "follow_up": r.follow_up, "published_on": r.published_on,
        "inspectors": "、".join(mask_name(n) for n in r.inspectors_display.split("、") if n),
        "credit_china_url": r.credit_china_url,
    }
