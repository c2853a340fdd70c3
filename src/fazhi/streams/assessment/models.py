"""法治建设考核 (spec §20): a scheme per year with its items, one score sheet per assessed unit
with a score per item, and the units' objections (申辩)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from fazhi.core.deadlines import Tracked
from fazhi.core.ledger import Record
from fazhi.core.models import Unit
from fazhi.indicators import registry as figures
from fazhi.indicators.registry import load_all
from fazhi.streams.assessment import formulas
from fazhi.streams.assessment.rules import OBJECTION, objection_rule
from fazhi.streams.assessment.workflow import FROZEN, SCHEME_WORKFLOW, SHEET_WORKFLOW

HAND_WRITTEN = "评分表由考核评分生成，不能手工登记或修改"
UNIT_KINDS = {Unit.Kind.DEPARTMENT: "部门", Unit.Kind.TOWNSHIP: "乡镇（街道）", Unit.Kind.EXTERNAL: "外部机关"}


class AssessmentScheme(Record):
    """考核方案 of one year, issued by the 依法治区办 (its unit); it assesses the units of the
    government above that unit."""

    name = models.CharField("方案名称", max_length=200)
    issuer = models.CharField("印发机关", max_length=100)
    issued_on = models.DateField("印发日期", null=True, blank=True)
    note = models.TextField("说明", blank=True)
    scored_on = models.DateField("评分日期", null=True, blank=True, editable=False)
    scored_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="评分人", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+", editable=False)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审定人", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+", editable=False)

    workflow = SCHEME_WORKFLOW
    url_namespace = "assessment:schemes"

    class Meta:
        verbose_name = "考核方案"
        verbose_name_plural = "考核方案"
        ordering = ["-year", "-id"]

    def __str__(self) -> str:
        return self.name

    @property
    def frozen(self) -> bool:
        return self.state in FROZEN

    def clean(self) -> None:
        if self.pk:
            stored = type(self).objects.filter(pk=self.pk).values("state", "name", "issuer", "year",
                                                                  "issued_on", "note", "unit_id").first()
            if stored and stored["state"] in FROZEN and any(
                    stored[k] != getattr(self, k) for k in stored if k != "state"):
                raise ValidationError("考核结果已审定，方案不能再修改")
        clash = type(self).objects.filter(unit_id=self.unit_id, year=self.year).exclude(pk=self.pk)
        if self.unit_id and clash.exists():
            raise ValidationError({"year": f"{self.year}年已有考核方案"})

    def government(self) -> Unit:
        """The county (or city) whose units the scheme assesses."""
        return self.unit.county() or self.unit

    def units(self, kinds: set[str] | None = None):
        kinds = kinds or self.kinds()
        return self.government().descendants().filter(kind__in=kinds).order_by("kind", "sort_order", "code")

    def kinds(self) -> set[str]:
        return {k for item in self.items.all() for k in item.kinds}


class AssessmentItem(models.Model):
    """One item of a scheme: maximum points, the unit kinds it applies to, how it is scored."""

    class Mark(models.TextChoices):
        """How sure the item's rule is (spec §0 marks): read in a listed source, from memory or a
        local plan, or a platform design no regulation prescribes."""

        CONFIRMED = "C", "[C] 已核实（有原文依据）"
        UNCONFIRMED = "U", "[U] 待核实（本地方案或推断）"
        DESIGN = "D", "[D] 平台设计（口径由平台确定）"

    class Method(models.TextChoices):
        RECORDS = formulas.RECORDS, "依据台账自动计分"
        JUDGEMENT = formulas.JUDGEMENT, "评审打分"
        DEDUCTION = formulas.DEDUCTION, "扣分项（含一票否决）"

    scheme = models.ForeignKey(AssessmentScheme, verbose_name="考核方案", on_delete=models.CASCADE,
                               related_name="items")
    key = models.SlugField("指标代码", max_length=40)
    label = models.CharField("考核内容", max_length=200)
    max_points = models.DecimalField("分值", max_digits=6, decimal_places=2)
    kinds = models.JSONField("适用单位类型", default=list)
    method = models.CharField("计分方式", max_length=12, choices=Method.choices)
    indicator = models.CharField("绑定指标", max_length=80, blank=True)
    formula = models.CharField("计分规则", max_length=30, blank=True)
    params = models.JSONField("规则参数", default=dict, blank=True)
    mark = models.CharField("依据类别", max_length=1, choices=Mark.choices, default=Mark.UNCONFIRMED)
    basis = models.CharField("指标来源", max_length=200, blank=True,
                             help_text="如：示范指标体系第27项；本地考核细则；指标 GIP-2 口径")
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "考核指标"
        verbose_name_plural = "考核指标"
        ordering = ["sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["scheme", "key"], name="assessment_item_key_unique")]

    def __str__(self) -> str:
        return self.label

    @property
    def veto(self) -> bool:
        return self.formula == formulas.VETO

    @property
    def indicator_label(self) -> str:
        """The bound figure as pages name it (its label, never its key)."""

        found = load_all().get(self.indicator)
        return found.label if found else "未登记的指标"

    @property
    def rule_text(self) -> str:
        formula = formulas.FORMULAS.get(self.formula)
        return formula.describe(self.params) if formula else "评审打分"

    def applies_to(self, unit: Unit) -> bool:
        return unit.kind in self.kinds

    def clean(self) -> None:

        errors: dict[str, str] = {}
        if self.max_points is not None and not Decimal(0) < self.max_points <= Decimal(100):
            errors["max_points"] = "分值应大于0且不超过100分"
        if not isinstance(self.kinds, list) or not self.kinds or set(self.kinds) - set(UNIT_KINDS):
            errors["kinds"] = "请选择适用的单位类型（部门、乡镇（街道）、外部机关）"
        if self.method == formulas.JUDGEMENT:
            if self.indicator or self.formula:
                errors["formula"] = "评审打分项不绑定指标和计分规则"
        else:
            if not self.indicator:
                errors["indicator"] = "请填写绑定的指标代码"
            elif self.indicator not in load_all():
                errors["indicator"] = f"指标“{self.indicator}”未在指标库中登记，不能绑定（配置错误）"
            errors.update({k: v for k, v in formulas.check(self.method, self.formula, self.params).items()
                           if k not in errors})
        if errors:
            raise ValidationError(errors)


class ScoreSheet(Record):
    """The scores of one assessed unit (its ``unit``) under one scheme: a snapshot of the run,
    frozen when the scheme's scores are approved."""

    # Every field is written by the scoring run (services.score_run), none by a form or the API.
    scheme = models.ForeignKey(AssessmentScheme, verbose_name="考核方案", on_delete=models.CASCADE,
                               related_name="sheets", editable=False)
    score = models.DecimalField("得分", max_digits=7, decimal_places=2, default=0, editable=False)
    max_score = models.DecimalField("满分", max_digits=7, decimal_places=2, default=0, editable=False)
    vetoed = models.BooleanField("一票否决", default=False, editable=False)
    rank = models.PositiveIntegerField("同类单位排名", null=True, blank=True, editable=False)
    scored_on = models.DateField("评分日期", null=True, blank=True, editable=False)

    workflow = SHEET_WORKFLOW
    url_namespace = "assessment:sheets"
    generated_only = True  # by the scoring run (clean() refuses a hand-written sheet)
    tracked = (Tracked(OBJECTION, lambda sheet: objection_rule(), start="scored_on",
                       met="scored_on", met_in=("frozen",)),)

    class Meta:
        verbose_name = "考核评分表"
        verbose_name_plural = "考核评分表"
        ordering = ["-year", "rank", "id"]
        constraints = [models.UniqueConstraint(fields=["scheme", "unit"], name="assessment_sheet_unique")]

    def __str__(self) -> str:
        return f"{self.year}年{self.unit.short_name or self.unit.name}考核评分表"

    def clean(self) -> None:
        # record_create/record_update (forms, the API, imports) validate; the scoring run does not.
        raise ValidationError(HAND_WRITTEN)

    def objection_due(self):
        row = self.deadlines.filter(key=OBJECTION).first()
        return row.due if row else None


def _evidence_path(instance, filename: str) -> str:
    kind = filename.rsplit(".", 1)[-1].lower()
    return f"assessment/evidence/{instance.sheet.year}/{instance.sheet_id}-{instance.item_id}.{kind}"


class ItemScore(models.Model):
    """One item of one sheet: the indicator's value (auto) or the reviewer's points (judgement)."""

    sheet = models.ForeignKey(ScoreSheet, verbose_name="评分表", on_delete=models.CASCADE, related_name="scores")
    item = models.ForeignKey(AssessmentItem, verbose_name="考核指标", on_delete=models.CASCADE, related_name="+")
    value = models.DecimalField("指标值", max_digits=14, decimal_places=4, null=True, blank=True)
    numerator = models.PositiveIntegerField("分子", null=True, blank=True)
    denominator = models.PositiveIntegerField("分母", null=True, blank=True)
    points = models.DecimalField("得分", max_digits=6, decimal_places=2, null=True, blank=True)
    auto = models.BooleanField("自动计分", default=True)
    evidence = models.PositiveIntegerField("依据记录数", default=0)
    reason = models.CharField("计分说明", max_length=300, blank=True)
    kept = models.BooleanField("人工确定", default=False,
                               help_text="评审打分或申辩成立后改定的分数，重新评分时保留")
    evidence_link = models.CharField("佐证（记录链接）", max_length=300, blank=True)
    evidence_file = models.FileField("佐证材料", upload_to=_evidence_path, blank=True, max_length=200,
                                     help_text=".pdf、.docx、.jpg 或 .png")
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="评分人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "考核得分"
        verbose_name_plural = "考核得分"
        ordering = ["item__sort_order", "item_id"]
        constraints = [models.UniqueConstraint(fields=["sheet", "item"], name="assessment_score_unique")]

    def __str__(self) -> str:
        return f"{self.sheet} {self.item}"

    @property
    def value_display(self) -> str:
        """The indicator's value as every page prints the figure (indicators.registry.display)."""
        indicator = figures.load_all().get(self.item.indicator)
        if indicator is None:
            return figures.display(self.value, "", 2)
        return indicator.display(figures.Result(self.value))


class Objection(models.Model):
    """申辩: an assessed unit contests one item of its own sheet; the 依法治区办 decides."""

    class State(models.TextChoices):
        PENDING = "pending", "待复核"
        UPHELD = "upheld", "申辩成立"
        REJECTED = "rejected", "申辩不成立"

    score = models.ForeignKey(ItemScore, verbose_name="考核得分", on_delete=models.CASCADE, related_name="objections")
    reason = models.TextField("申辩理由")
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="申辩人", null=True,
                                 on_delete=models.SET_NULL, related_name="+")
    filed_on = models.DateField("申辩日期")
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.PENDING)
    decision = models.CharField("复核意见", max_length=300, blank=True)
    points_before = models.DecimalField("原得分", max_digits=6, decimal_places=2, null=True, blank=True)
    points_after = models.DecimalField("复核后得分", max_digits=6, decimal_places=2, null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="复核人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_on = models.DateField("复核日期", null=True, blank=True)

    class Meta:
        verbose_name = "考核申辩"
        verbose_name_plural = "考核申辩"
        ordering = ["-filed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.score} 申辩"
