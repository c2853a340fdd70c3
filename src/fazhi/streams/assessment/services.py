"""Writes of the 法治建设考核 stream: scheme items, copying a scheme, the scoring run, judgement
scores, objections and their decisions, approval and internal publication. Each checks who may
act, refuses bad input with a Chinese message (nothing written) and is audited."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from fazhi.core import audit, scope
from fazhi.core.checklist import Step
from fazhi.core.deadlines import sync, sync_many
from fazhi.core.ledger import record_create
from fazhi.core.registry import YearStatus
from fazhi.core.uploads import UploadRefused, check_evidence
from fazhi.indicators.grouped import compute_by_unit
from fazhi.indicators.registry import Period
from fazhi.streams.assessment import formulas
from fazhi.streams.assessment.models import AssessmentItem, AssessmentScheme, ItemScore, Objection, ScoreSheet

# The 依法治区办 runs the assessment: the capability it holds over the whole county.
MANAGE = "reports.manage"
FROZEN_MESSAGE = "考核结果已审定，方案不能再修改"
ITEM_FIELDS = ("label", "max_points", "kinds", "method", "indicator", "formula", "params", "mark", "basis",
               "sort_order")


def _require_manager(by, action: str) -> None:
    if not scope.has_capability(by, MANAGE):
        raise PermissionDenied(f"只有依法治区办统筹人员可以{action}")


def _require_open(scheme: AssessmentScheme) -> None:
    if scheme.frozen:
        raise ValidationError(FROZEN_MESSAGE)


def _num(value: object, label: str) -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError(f"{label}应为数字") from None
    if not number.is_finite():
        raise ValidationError(f"{label}应为数字")
    return number


# -- scheme and items --------------------------------------------------------------------------

def item_save(scheme: AssessmentScheme, *, by, key: str, **fields) -> AssessmentItem:
    """Add the item ``key`` to ``scheme`` or change it; validated as a whole, audited."""
    _require_manager(by, "编辑考核方案")
    with transaction.atomic():
        scheme = AssessmentScheme.objects.select_for_update().get(pk=scheme.pk)
        _require_open(scheme)
        item = scheme.items.filter(key=key).first()
        before = {k: _plain(getattr(item, k)) for k in ITEM_FIELDS} if item else {}
        item = item or AssessmentItem(scheme=scheme, key=key)
        for name, value in fields.items():
            if name in ITEM_FIELDS:
                setattr(item, name, value)
        if item.method == formulas.JUDGEMENT:
            item.indicator, item.formula, item.params = "", "", {}
        item.full_clean()
        item.save()
        after = {k: _plain(getattr(item, k)) for k in ITEM_FIELDS}
        old, new = audit.diff(before, after) if before else ({}, after)
        audit.record(action=audit.Action.UPDATE, actor=by, obj=scheme, before=old, after=new,
                     note=f"{'修改' if before else '新增'}考核指标 {key}")
    return item


def item_remove(scheme: AssessmentScheme, *, by, key: str) -> None:
    _require_manager(by, "编辑考核方案")
    with transaction.atomic():
        scheme = AssessmentScheme.objects.select_for_update().get(pk=scheme.pk)
        _require_open(scheme)
        item = scheme.items.filter(key=key).first()
        if item is None:
            raise ValidationError(f"方案中没有指标 {key}")
        audit.record(action=audit.Action.UPDATE, actor=by, obj=scheme,
                     before={k: _plain(getattr(item, k)) for k in ITEM_FIELDS}, note=f"删除考核指标 {key}")
        item.delete()


def _plain(value: object) -> object:
    return str(value) if isinstance(value, Decimal) else value


def scheme_copy(source: AssessmentScheme, *, by, year: int) -> AssessmentScheme:
    """A draft scheme for ``year`` with ``source``'s items (every item validated again)."""
    _require_manager(by, "复制考核方案")
    if AssessmentScheme.objects.filter(unit=source.unit, year=year).exists():
        raise ValidationError(f"{year}年已有考核方案，不能重复复制")
    name = source.name.replace(str(source.year), str(year))
    if name == source.name:
        name = f"{year}年{source.name}"
    with transaction.atomic():
        scheme = record_create(AssessmentScheme, by=by, unit=source.unit, year=year, name=name,
                               issuer=source.issuer, note=source.note)
        for item in source.items.all():
            copy = AssessmentItem(scheme=scheme, key=item.key, **{k: getattr(item, k) for k in ITEM_FIELDS})
            try:
                copy.full_clean()
            except ValidationError as exc:
                raise ValidationError(f"指标 {item.key}：{'；'.join(exc.messages)}") from None
            copy.save()
        audit.record(action=audit.Action.CREATE, actor=by, obj=scheme,
                     note=f"复制{source.year}年考核方案（{source.items.count()}项指标）")
    return scheme


# -- scoring ------------------------------------------------------------------------------------

def _total(sheet: ScoreSheet, scores: list[ItemScore] | None = None) -> None:
    """The sheet's score, maximum and veto from its item scores (``scores``: already in hand)."""
    scores = list(sheet.scores.select_related("item")) if scores is None else scores
    sheet.vetoed = any(s.item.veto and formulas.quantity(formulas.FORMULAS[s.item.formula], s.value, s.numerator,
                                                         s.denominator) for s in scores)
    total = sum((s.points or Decimal(0) for s in scores), Decimal(0))
    sheet.score = Decimal(0) if sheet.vetoed else max(total, Decimal(0))
    sheet.max_score = sum((s.item.max_points for s in scores if s.item.method != formulas.DEDUCTION), Decimal(0))


def _rank(scheme: AssessmentScheme, sheets: list[ScoreSheet] | None = None) -> None:
    """Competition ranking (1, 1, 3) among units of the same kind; a vetoed unit ranks last."""
    by_kind: dict[str, list[ScoreSheet]] = defaultdict(list)
    for sheet in scheme.sheets.select_related("unit") if sheets is None else sheets:
        by_kind[sheet.unit.kind].append(sheet)
    for group in by_kind.values():
        group.sort(key=lambda s: (s.vetoed, -s.score))
        for i, sheet in enumerate(group):
            prev = group[i - 1] if i else None
            sheet.rank = prev.rank if prev and (prev.vetoed, prev.score) == (sheet.vetoed, sheet.score) else i + 1
        ScoreSheet.objects.bulk_update(group, ["rank"])


def _sheets(scheme: AssessmentScheme, units: list, by, today) -> dict[int, ScoreSheet]:
    """One sheet per unit, marked scored today: the existing ones updated, the others created,
    each in one statement."""
    existing = {s.unit_id: s for s in scheme.sheets.all()}
    now = timezone.now()
    fresh = []
    for unit in units:
        sheet = existing.get(unit.pk)
        if sheet is None:
            sheet = ScoreSheet(scheme=scheme, unit=unit, created_by=by)
            fresh.append(sheet)
        sheet.unit = unit
        sheet.year, sheet.state, sheet.scored_on, sheet.updated_by, sheet.updated_at = (
            scheme.year, "scored", today, by, now)
    ScoreSheet.objects.bulk_update([s for s in existing.values() if s.unit_id in {u.pk for u in units}],
                                   ["year", "state", "scored_on", "updated_by", "updated_at"])
    ScoreSheet.objects.bulk_create(fresh)
    return {s.unit_id: s for s in (*existing.values(), *fresh) if s.unit_id in {u.pk for u in units}}


def score_run(scheme: AssessmentScheme, *, by) -> int:
    """Score every applicable unit item by item from its own records; returns the units scored.
    Points set by judgement or by an upheld objection are kept; a new run opens a new objection
    window. The figures of all units are taken together, grouped by unit
    (``indicators.grouped.compute_by_unit``); sheets and scores are written in bulk."""
    _require_manager(by, "运行考核评分")
    today = timezone.localdate()
    with transaction.atomic():
        scheme = AssessmentScheme.objects.select_for_update().get(pk=scheme.pk)
        _require_open(scheme)
        items = list(scheme.items.all())
        if not items:
            raise ValidationError("方案尚无考核指标，不能评分")
        units = list(scheme.units())
        if not units:
            raise ValidationError("没有适用本方案的被考核单位")
        scheme.sheets.exclude(unit__in=units).delete()  # units no item applies to any more
        sheets = _sheets(scheme, units, by, today)
        kept = {(s.sheet_id, s.item_id): s for s in ItemScore.objects.filter(sheet__scheme=scheme)}
        keys = sorted({i.indicator for i in items if i.method != formulas.JUDGEMENT})
        needed: dict[str, set[int]] = defaultdict(set)  # the units each figure is scored for
        for item in items:
            if item.method != formulas.JUDGEMENT:
                needed[item.indicator] |= {u.pk for u in units if item.applies_to(u)}
        found = compute_by_unit(units, Period.year(scheme.year), keys, within=scheme.government(),
                                count_records=True, only=needed)
        rows: list[ItemScore] = []
        changed: list[ItemScore] = []
        stale: list[int] = []
        for item in items:
            for unit in units:
                row = kept.get((sheets[unit.pk].pk, item.pk))
                if not item.applies_to(unit):
                    if row is not None:
                        stale.append(row.pk)
                    continue
                before = _scored(row) if row is not None else None
                row = row or ItemScore(sheet=sheets[unit.pk], item=item)
                row.item = item
                row.auto = item.method != formulas.JUDGEMENT
                if row.auto:
                    _score(row, item, found.figures[unit.pk][item.indicator],
                           found.records[unit.pk].get(item.indicator, 0))
                rows.append(row)
                if before is not None and before != _scored(row):
                    changed.append(row)
        ItemScore.objects.filter(pk__in=stale).delete()
        fresh = [r for r in rows if r.pk is None]
        ItemScore.objects.bulk_update(changed, SCORED_FIELDS)  # a row scored as before is not written again
        ItemScore.objects.bulk_create(fresh)  # after the update: the created rows get their pk here
        by_sheet: dict[int, list[ItemScore]] = defaultdict(list)
        for row in rows:
            by_sheet[row.sheet_id].append(row)
        for sheet in sheets.values():
            _total(sheet, by_sheet[sheet.pk])
        ScoreSheet.objects.bulk_update(list(sheets.values()), ["score", "max_score", "vetoed"])
        sync_many(list(sheets.values()))  # the objection windows: one read, at most one insert and one update
        _rank(scheme, list(sheets.values()))
        before = {"state": scheme.state}
        scheme.state, scheme.scored_by, scheme.scored_on = "scored", by, today
        scheme.updated_by, scheme.version = by, scheme.version + 1
        scheme.save()
        audit.record(action=audit.Action.TRANSITION, actor=by, obj=scheme, before=before,
                     after={"state": "scored", "scored_on": str(today), "scored_by_id": by.pk},
                     note=f"考核评分：{len(units)}个单位，{len(items)}项指标")
    return len(units)


SCORED_FIELDS = ["value", "numerator", "denominator", "points", "auto", "evidence", "reason"]


def _scored(row: ItemScore) -> tuple:
    """What a scoring run writes on a row, to tell a row it changed from one scored as before."""
    return tuple(getattr(row, name) for name in SCORED_FIELDS)


def _score(row: ItemScore, item: AssessmentItem, figure, evidence: int) -> None:
    """Fill ``row`` from the unit's figure; points kept by judgement or an upheld objection stay."""
    result = figure.result
    row.value = None if result.value is None else Decimal(result.value)
    row.numerator, row.denominator, row.evidence = result.numerator, result.denominator, evidence
    if not row.kept:
        formula = formulas.FORMULAS[item.formula]
        counted = formulas.quantity(formula, row.value, row.numerator, row.denominator)
        row.points, why = formula.score(counted, item.max_points, item.params)
        row.reason = f"{figure.indicator.label}：{why}"[:300]


def _rescore(sheet: ScoreSheet) -> None:
    _total(sheet)
    sheet.version += 1
    sheet.save()
    _rank(sheet.scheme)


def _evidence_checked(upload):
    try:
        check_evidence(upload)
    except UploadRefused as exc:
        raise ValidationError(f"佐证材料：{exc}") from None
    return upload


def judgement_enter(sheet: ScoreSheet, *, by, item: str, points, reason: str, evidence_link: str = "",
                    evidence_file=None) -> ItemScore:
    """A reviewer's points for a judgement item, with the reason and the evidence: a record link
    (or a description of the material), an uploaded file (.pdf/.docx/.jpg/.png), or both; a file
    uploaded before stays unless a new one replaces it. ``evidence`` counts the link and the file."""
    _require_manager(by, "评审打分")
    with transaction.atomic():
        sheet = ScoreSheet.objects.select_for_update().select_related("scheme").get(pk=sheet.pk)
        _require_open(sheet.scheme)
        row = sheet.scores.select_related("item").filter(item__key=item).first()
        if row is None or row.item.method != formulas.JUDGEMENT:
            raise ValidationError("只能对本评分表的评审打分项打分")
        value = _num(points, "得分")
        if not Decimal(0) <= value <= row.item.max_points:
            raise ValidationError(f"得分应在0至{row.item.max_points}分之间")
        if not (reason or "").strip():
            raise ValidationError("请填写打分理由")
        link = (evidence_link or "").strip()[:300]
        if evidence_file:
            _evidence_checked(evidence_file)
        elif not link and not row.evidence_file:
            raise ValidationError("请提供佐证：填写记录链接（或材料说明），或上传佐证材料")
        before = {"points": _plain(row.points), "reason": row.reason, "evidence_link": row.evidence_link,
                  "evidence_file": row.evidence_file.name or ""}
        replaced = row.evidence_file.name if evidence_file and row.evidence_file else ""
        row.points, row.reason, row.evidence_link = value, reason.strip()[:300], link
        if evidence_file:
            row.evidence_file = evidence_file
        row.entered_by, row.kept = by, True
        row.evidence = int(bool(link)) + int(bool(row.evidence_file))
        row.save()
        if replaced and replaced != row.evidence_file.name:
            storage = row.evidence_file.storage
            transaction.on_commit(lambda: storage.delete(replaced))
        _rescore(sheet)
        audit.record(action=audit.Action.UPDATE, actor=by, obj=sheet, before=before,
                     after={"points": str(value), "reason": row.reason, "evidence_link": row.evidence_link,
                            "evidence_file": row.evidence_file.name or ""},
                     note=f"评审打分：{row.item.label}")
    return row


# -- objections ---------------------------------------------------------------------------------

def objection_file(sheet: ScoreSheet, *, by, item: str, reason: str) -> Objection:
    """The assessed unit contests one item of its own sheet within the objection window."""
    if not scope.can(by, "records.write", sheet.unit):
        raise PermissionDenied("只能对本单位的评分表提出申辩")
    today = timezone.localdate()
    with transaction.atomic():
        sheet = ScoreSheet.objects.select_for_update().select_related("scheme").get(pk=sheet.pk)
        if sheet.scheme.frozen:
            raise ValidationError("考核结果已审定，不能再提出申辩")
        due = sheet.objection_due()
        if due is not None and today > due:
            raise ValidationError(f"申辩期限已于{due.year}年{due.month}月{due.day}日届满，不能再提出申辩")
        row = sheet.scores.select_related("item").filter(item__key=item).first()
        if row is None:
            raise ValidationError("请选择本评分表中的考核指标")
        if not (reason or "").strip():
            raise ValidationError("请填写申辩理由")
        if row.objections.filter(state=Objection.State.PENDING).exists():
            raise ValidationError("该指标已有待复核的申辩")
        objection = Objection.objects.create(score=row, reason=reason.strip(), filed_by=by, filed_on=today)
        audit.record(action=audit.Action.CREATE, actor=by, obj=sheet,
                     after={"objection": objection.pk, "item": row.item.key, "reason": objection.reason},
                     note=f"提出申辩：{row.item.label}")
    return objection


def objection_decide(objection: Objection, *, by, upheld: bool, decision: str, points=None) -> Objection:
    """The 依法治区办 decides: upheld (the item's points are changed, with the reason) or rejected."""
    _require_manager(by, "复核申辩")
    with transaction.atomic():
        objection = Objection.objects.select_for_update().select_related(
            "score__item", "score__sheet__scheme").get(pk=objection.pk)
        sheet = objection.score.sheet
        _require_open(sheet.scheme)
        if objection.state != Objection.State.PENDING:
            raise ValidationError("该申辩已复核")
        if not (decision or "").strip():
            raise ValidationError("请填写复核意见")
        row = objection.score
        objection.points_before = row.points
        if upheld:
            if points in (None, ""):
                raise ValidationError("申辩成立的，请填写改定后的得分")
            value = _num(points, "改定后的得分")
            low = -row.item.max_points if row.item.method == formulas.DEDUCTION else Decimal(0)
            high = Decimal(0) if row.item.method == formulas.DEDUCTION else row.item.max_points
            if not low <= value <= high:
                raise ValidationError(f"改定后的得分应在{low}至{high}分之间")
            row.points, row.kept = value, True
            row.reason = f"申辩成立改定：{decision.strip()}"[:300]
            row.save()
            objection.points_after = value
            _rescore(ItemScore.objects.get(pk=row.pk).sheet)
        objection.state = Objection.State.UPHELD if upheld else Objection.State.REJECTED
        objection.decision, objection.decided_by = decision.strip()[:300], by
        objection.decided_on = timezone.localdate()
        objection.save()
        audit.record(action=audit.Action.UPDATE, actor=by, obj=sheet,
                     before={"points": _plain(objection.points_before)},
                     after={"objection": objection.pk, "state": objection.state,
                            "points": _plain(row.points), "decision": objection.decision},
                     note=f"复核申辩（{objection.get_state_display()}）：{row.item.label}")
    return objection


# -- approval and publication -------------------------------------------------------------------

def _step(scheme: AssessmentScheme, by, target: str, note: str, **fields) -> None:
    before = audit.editable_snapshot(scheme)
    scheme.state, scheme.updated_by, scheme.version = target, by, scheme.version + 1
    for name, value in fields.items():
        setattr(scheme, name, value)
    scheme.save()
    old, new = audit.diff(before, audit.editable_snapshot(scheme))  # the state and who/when of the step
    audit.record(action=audit.Action.TRANSITION, actor=by, obj=scheme, before=old, after=new, note=note)


def scheme_approve(scheme: AssessmentScheme, *, by) -> AssessmentScheme:
    """Approve (freeze) the scores. The account that ran or entered scores cannot approve them."""
    _require_manager(by, "审定考核结果")
    with transaction.atomic():
        scheme = AssessmentScheme.objects.select_for_update().get(pk=scheme.pk)
        if scheme.state != "scored":
            raise ValidationError(f"当前状态为“{scheme.state_label}”，不能审定")
        scorers = {scheme.scored_by_id} | set(
            ItemScore.objects.filter(sheet__scheme=scheme, entered_by__isnull=False).values_list("entered_by", flat=True))
        if by.pk in scorers:
            raise ValidationError("评分人不能审定本方案的考核结果，请由其他统筹人员审定")
        pending = Objection.objects.filter(score__sheet__scheme=scheme, state=Objection.State.PENDING).count()
        if pending:
            raise ValidationError(f"尚有{pending}件申辩未复核，不能审定")
        _step(scheme, by, "approved", "审定考核结果", approved_by=by)
        for sheet in scheme.sheets.all():
            sheet.state = "frozen"
            sheet.version += 1
            sheet.save(update_fields=["state", "version"])
            sync(sheet)
    return scheme


def scheme_publish(scheme: AssessmentScheme, *, by) -> AssessmentScheme:
    """Publish the ranking internally; the approver does not publish (two people)."""
    _require_manager(by, "通报考核结果")
    with transaction.atomic():
        scheme = AssessmentScheme.objects.select_for_update().get(pk=scheme.pk)
        if scheme.state != "approved":
            raise ValidationError("考核结果审定后才能内部通报")
        if scheme.approved_by_id == by.pk:
            raise ValidationError("审定人不能同时通报考核结果，请由其他统筹人员通报")
        _step(scheme, by, "published", "内部通报考核结果")
    return scheme


def checklist(county, year: int) -> list:
    """First-run step (core.checklist): a 考核方案 of the year covers the county."""
    scheme = AssessmentScheme.objects.filter(unit__path__startswith=county.path, year=year).first()
    return [Step(f"建立{year}年度法治建设考核方案", scheme is not None,
                 f"“{scheme.name}”，{scheme.items.count()}个考核项目" if scheme else "可复制上年度方案后修改",
                 reverse("assessment:schemes:list"))]


def year_status(unit, years: list[int]) -> list:
    """Where the 法治建设考核 of ``years`` stands for the county of ``unit`` (the cockpit reads it
    through ``core.registry.year_statuses``): the scheme's state and how many units it scored."""
    county = unit.county() or unit
    found = AssessmentScheme.objects.filter(unit__path__startswith=county.path, year__in=years)
    schemes = {s.year: s for s in found.annotate(scored=Count("sheets"))}
    lines = []
    for year in years:
        scheme = schemes.get(year)
        if scheme is None:
            lines.append(YearStatus(f"{year}年度法治建设考核", "未制定方案"))
            continue
        scored = scheme.scored
        lines.append(YearStatus(f"{year}年度法治建设考核", scheme.state_label, done=scheme.frozen,
                                url=reverse("assessment:schemes:detail", args=[scheme.pk]),
                                note=f"已评分{scored}个单位" if scored else ""))
    return lines
