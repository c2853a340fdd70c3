"""双随机、一公开 (spec §6): the item list and the two registers (一单两库), yearly plans,
tasks, draws with their public commitment, and the results entered by the drawn inspectors."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from fazhi.core.deadlines import Tracked
from fazhi.core.identifiers import BAD_USCC, is_valid_uscc
from fazhi.core.ledger import Record
from fazhi.core.models import Unit
from fazhi.streams.inspections import rules
from fazhi.streams.inspections.workflow import (
    ENTITY_WORKFLOW,
    INSPECTOR_WORKFLOW,
    ITEM_WORKFLOW,
    PLAN_WORKFLOW,
    RESULT_WORKFLOW,
    TASK_WORKFLOW,
)

SEPARATORS = re.compile(r"[、,，;；\s]+")


def split_list(text: str) -> list[str]:
    return [part for part in SEPARATORS.split(text or "") if part]


class Category(models.TextChoices):
    """Kind of inspection item; an inspector's qualifications are a list of these."""

    FOOD = "food", "食品安全"
    PRODUCT = "product", "产品质量"
    EQUIPMENT = "equipment", "特种设备"
    PRICE = "price", "价格收费"
    ADVERT = "advert", "广告"
    LICENCE = "licence", "登记事项"
    TRANSPORT = "transport", "交通运输"
    AGRICULTURE = "agriculture", "农业农村"
    ENVIRONMENT = "environment", "生态环境"
    SAFETY = "safety", "安全生产"
    OTHER = "other", "其他"


class EntityType(models.TextChoices):
    ENTERPRISE = "enterprise", "企业"
    INDIVIDUAL = "individual", "个体工商户"
    COOPERATIVE = "cooperative", "农民专业合作社"
    OTHER = "other", "其他组织"


class RiskGrade(models.TextChoices):
    A = "A", "A级（低风险）"
    B = "B", "B级（一般风险）"
    C = "C", "C级（较高风险）"
    D = "D", "D级（高风险）"


class Method(models.TextChoices):
    SITE = "site", "现场检查"
    PAPER = "paper", "书面检查"
    ONLINE = "online", "网络监测"
    SAMPLE = "sample", "抽样检验"


class Outcome(models.TextChoices):
    NORMAL = "normal", "未发现问题"
    FIXED = "fixed", "发现问题已责令整改"
    CASE = "case", "发现问题已立案查处"
    NOT_FOUND = "not_found", "查无下落"
    CLOSED = "closed", "已关闭停业或迁出"
    REFUSED = "refused", "不配合检查"


PROBLEM_OUTCOMES = (Outcome.FIXED, Outcome.CASE)


def _codes(text: str, choices: type[models.TextChoices], field: str, label: str) -> str:
    """Normalise a typed list of choice labels or values to "value,value"; raise on an unknown one."""
    by_label = {lbl: value for value, lbl in choices.choices}
    short = {lbl.split("（")[0].rstrip("级"): value for value, lbl in choices.choices}
    values = []
    for part in split_list(text):
        value = by_label.get(part) or short.get(part.rstrip("级")) or (part if part in choices.values else None)
        if value is None:
            raise ValidationError({field: f"“{part}”不是有效的{label}（可选：{'、'.join(by_label)}）"})
        if value not in values:
            values.append(value)
    return ",".join(values)


def _labels(text: str, choices: type[models.TextChoices]) -> str:
    names = dict(choices.choices)
    return "、".join(names.get(v, v) for v in (text or "").split(",") if v)


TOWNSHIP = {"kind": Unit.Kind.TOWNSHIP}


class InspectionItem(Record):
    """A line of the 随机抽查事项清单: what may be inspected, on which legal basis, how often."""

    code = models.CharField("事项编码", max_length=30, blank=True)
    name = models.CharField("抽查事项", max_length=200)
    category = models.CharField("事项类别", max_length=20, choices=Category.choices)
    basis = models.TextField("法律依据")
    content = models.TextField("检查内容", blank=True)
    method = models.CharField("检查方式", max_length=20, choices=Method.choices, default=Method.SITE)
    entity_type = models.CharField("检查对象类型", max_length=20, choices=EntityType.choices, blank=True,
                                   help_text="不填表示各类市场主体")
    ratio = models.DecimalField("抽查比例（%）", max_digits=5, decimal_places=2, null=True, blank=True)
    frequency = models.CharField("抽查频次", max_length=50, blank=True, help_text="如：每年不少于1次")

    workflow = ITEM_WORKFLOW
    url_namespace = "inspections:items"

    # Looks personal, deliberately not masked (core.privacy; docs/personal-data.md):
    not_personal = {
        "name": "抽查事项名称，非个人信息",
    }

    class Meta:
        verbose_name = "抽查事项"
        verbose_name_plural = "随机抽查事项清单"
        ordering = ["unit__path", "code", "name"]
        constraints = [models.UniqueConstraint(fields=["unit", "name"], name="inspections_item_unique_name")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.ratio is not None and not Decimal(0) < self.ratio <= Decimal(100):
            raise ValidationError({"ratio": "抽查比例应大于0且不超过100%"})


class Entity(Record):
    """A row of the 检查对象名录库 (market entities a unit supervises)."""

    name = models.CharField("名称", max_length=200)
    credit_code = models.CharField("统一社会信用代码", max_length=18)
    entity_type = models.CharField("主体类型", max_length=20, choices=EntityType.choices, default=EntityType.ENTERPRISE)
    industry = models.CharField("行业", max_length=50, blank=True)
    address = models.CharField("住所（经营场所）", max_length=200, blank=True)
    township = models.ForeignKey(Unit, verbose_name="所在乡镇（街道）", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+", limit_choices_to=TOWNSHIP)
    risk_grade = models.CharField("风险（信用）等级", max_length=1, choices=RiskGrade.choices, default=RiskGrade.B)

    workflow = ENTITY_WORKFLOW
    url_namespace = "inspections:entities"

    # Looks personal, deliberately not masked (core.privacy; docs/personal-data.md):
    not_personal = {
        "name": "市场主体名称（含以经营者姓名为字号的个体工商户）随抽查结果依法公示",
        "address": "市场主体登记的住所（经营场所），随抽查结果依法公示",
    }

    class Meta:
        verbose_name = "检查对象"
        verbose_name_plural = "检查对象名录库"
        ordering = ["unit__path", "credit_code"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "credit_code"], name="inspections_entity_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.credit_code} {self.name}"

    def clean(self) -> None:
        self.credit_code = (self.credit_code or "").strip().upper()
        if not is_valid_uscc(self.credit_code):
            raise ValidationError({"credit_code": BAD_USCC})

    @property
    def credit_china_url(self) -> str:
        return rules.credit_china_url(self.credit_code)


class Inspector(Record):
    """A row of the 执法检查人员名录库. ``unit`` is the officer's own unit."""

    name = models.CharField("姓名", max_length=50)
    certificate_no = models.CharField("执法证号", max_length=30, unique=True)
    valid_until = models.DateField("执法证有效期至")
    qualifications = models.CharField("可检查的事项类别", max_length=200,
                                      help_text="多个类别用顿号分隔，如：食品安全、特种设备")
    residence_township = models.ForeignKey(Unit, verbose_name="居住地乡镇（街道）", null=True, blank=True,
                                           on_delete=models.PROTECT, related_name="+", limit_choices_to=TOWNSHIP,
                                           help_text="不派往本人居住地乡镇（街道）的检查对象（回避）")
    relations = models.TextField("申报需回避的检查对象", blank=True,
                                 help_text="本人或近亲属任职、投资等关系企业的统一社会信用代码，每行一个")
    account = models.CharField("系统账号", max_length=150, blank=True,
                               help_text="本人登录系统的账号，用于录入被派检查对象的检查结果")

    workflow = INSPECTOR_WORKFLOW
    url_namespace = "inspections:inspectors"
    personal_fields = {"name": "name"}

    class Meta:
        verbose_name = "执法检查人员"
        verbose_name_plural = "执法检查人员名录库"
        ordering = ["unit__path", "certificate_no"]

    def __str__(self) -> str:
        return f"执法证{self.certificate_no}"

    @property
    def qualification_codes(self) -> list[str]:
        return [c for c in self.qualifications.split(",") if c]

    @property
    def qualifications_display(self) -> str:
        return _labels(self.qualifications, Category)

    @property
    def relation_codes(self) -> list[str]:
        return sorted(set(split_list(self.relations.upper())))

    def clean(self) -> None:
        self.qualifications = _codes(self.qualifications, Category, "qualifications", "事项类别")
        if not self.qualifications:
            raise ValidationError({"qualifications": "请至少填写一个可检查的事项类别"})
        bad = [c for c in self.relation_codes if not is_valid_uscc(c)]
        if bad:
            raise ValidationError({"relations": f"{BAD_USCC}：{'、'.join(bad)}"})
        self.relations = "\n".join(self.relation_codes)
        self.account = self.account.strip()
        if self.account:
            if not get_user_model().objects.filter(username=self.account).exists():
                raise ValidationError({"account": f"系统账号“{self.account}”不存在"})


class InspectionPlan(Record):
    """A unit's yearly random-inspection plan; a joint plan names its cooperating units (部门联合抽查)."""

    title = models.CharField("计划名称", max_length=200)
    joint = models.BooleanField("部门联合抽查", default=False)
    cooperating_units = models.CharField("配合单位", max_length=300, blank=True,
                                         help_text="联合抽查的配合单位名称，用顿号分隔")
    filed_on = models.DateField("报上级部门备案日期", null=True, blank=True)
    note = models.TextField("说明", blank=True)

    workflow = PLAN_WORKFLOW
    url_namespace = "inspections:plans"

    class Meta:
        verbose_name = "抽查计划"
        verbose_name_plural = "年度抽查计划"
        ordering = ["-year", "unit__path", "title"]
        constraints = [models.UniqueConstraint(fields=["unit", "year", "title"], name="inspections_plan_unique")]

    def __str__(self) -> str:
        return f"{self.year}年{self.title}"

    def cooperating(self) -> list[Unit]:
        names = split_list(self.cooperating_units)
        found = {u.name: u for u in Unit.objects.filter(models.Q(name__in=names) | models.Q(short_name__in=names))}
        found.update({u.short_name: u for u in found.values() if u.short_name})
        return [found[n] for n in names if n in found]

    def clean(self) -> None:
        names = split_list(self.cooperating_units)
        known = self.cooperating()
        known_names = {u.name for u in known} | {u.short_name for u in known}
        missing = [n for n in names if n not in known_names]
        if missing:
            raise ValidationError({"cooperating_units": f"单位“{'、'.join(missing)}”不存在"})
        if self.joint and not names:
            raise ValidationError({"cooperating_units": "部门联合抽查请填写配合单位"})
        if names and not self.joint:
            raise ValidationError({"joint": "填写了配合单位的，请勾选“部门联合抽查”"})


class InspectionTask(Record):
    """One batch of a plan: item, entity scope, how many, inspectors per entity, period."""

    plan = models.ForeignKey(InspectionPlan, verbose_name="所属计划", on_delete=models.PROTECT, related_name="tasks")
    item = models.ForeignKey(InspectionItem, verbose_name="抽查事项", on_delete=models.PROTECT, related_name="tasks")
    title = models.CharField("任务名称", max_length=200)
    entity_types = models.CharField("对象类型范围", max_length=100, blank=True,
                                    help_text="不填表示全部类型；多个用顿号分隔，如：企业、个体工商户")
    industries = models.CharField("行业范围", max_length=200, blank=True, help_text="不填表示全部行业；多个用顿号分隔")
    townships = models.CharField("乡镇（街道）范围", max_length=300, blank=True,
                                 help_text="不填表示全区；多个用顿号分隔")
    risk_grades = models.CharField("风险等级范围", max_length=20, blank=True, help_text="不填表示全部等级；如：C、D")
    ratio = models.DecimalField("抽查比例（%）", max_digits=5, decimal_places=2, null=True, blank=True)
    count = models.PositiveIntegerField("抽查户数", null=True, blank=True, help_text="与抽查比例二选一")
    ratio_by_grade = models.CharField("分级抽查比例", max_length=100, blank=True,
                                      help_text="按风险等级分层时各等级的比例（%），如：D:30、C:10、B:2、A:1")
    inspectors_per_entity = models.PositiveSmallIntegerField("每户检查人员数", default=2)
    stratify_risk = models.BooleanField("按风险等级分层抽取", default=False)
    stratify_township = models.BooleanField("按乡镇（街道）分层抽取", default=False)
    exclusion_days = models.PositiveIntegerField("排除近期已检查天数", null=True, blank=True,
                                                 help_text="同一事项在该天数内已被检查的对象不参与抽取；不填按系统设置（默认365天）")
    period_start = models.DateField("检查开始日期")
    period_end = models.DateField("检查结束日期")
    witness = models.CharField("抽取监督人", max_length=100, blank=True)

    workflow = TASK_WORKFLOW
    url_namespace = "inspections:tasks"

    # Looks personal, deliberately not masked (core.privacy; docs/personal-data.md):
    not_personal = {
        "witness": "抽取监督人以职务身份参与随机抽取，随抽取结果公示",
    }

    class Meta:
        verbose_name = "抽查任务"
        verbose_name_plural = "抽查任务"
        ordering = ["-year", "-period_start", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def joint(self) -> bool:
        return self.plan.joint

    def units(self) -> list[Unit]:
        """The lead unit and, for a joint plan, the cooperating units (their registers and inspectors)."""
        return [self.plan.unit, *[u for u in self.plan.cooperating() if u.pk != self.plan.unit_id]]

    def township_units(self) -> list[Unit]:
        names = split_list(self.townships)
        qs = Unit.objects.filter(kind=Unit.Kind.TOWNSHIP).filter(
            models.Q(name__in=names) | models.Q(short_name__in=names) | models.Q(code__in=names))
        return list(qs)

    def grade_ratios(self) -> dict[str, str]:
        out = {}
        for part in split_list(self.ratio_by_grade):
            grade, _, value = part.replace("：", ":").partition(":")
            out[grade.strip().upper().rstrip("级")] = value.strip().rstrip("%")
        return out

    def exclusion(self) -> int:
        return self.exclusion_days if self.exclusion_days is not None else rules.exclusion_days()

    def current_draw(self):
        return self.draws.filter(superseded=False).first() if self.pk else None

    def clean(self) -> None:
        errors: dict[str, str] = {}
        try:
            self.entity_types = _codes(self.entity_types, EntityType, "entity_types", "对象类型")
            self.risk_grades = _codes(self.risk_grades, RiskGrade, "risk_grades", "风险等级")
        except ValidationError as exc:
            errors.update({k: v[0] for k, v in exc.message_dict.items()})
        names = split_list(self.townships)
        found = {n for u in self.township_units() for n in (u.name, u.short_name, u.code)}
        if [n for n in names if n not in found]:
            errors["townships"] = f"乡镇（街道）“{'、'.join(n for n in names if n not in found)}”不存在"
        if (self.ratio is None) == (self.count is None) and not self.ratio_by_grade:
            errors["ratio"] = "请填写抽查比例或抽查户数（二选一）"
        if self.ratio is not None and not Decimal(0) < self.ratio <= Decimal(100):
            errors["ratio"] = "抽查比例应大于0且不超过100%"
        for grade, value in self.grade_ratios().items():
            if grade not in RiskGrade.values or not re.fullmatch(r"\d+(\.\d+)?", value) or float(value) > 100:
                errors["ratio_by_grade"] = "请按“D:30、C:10”格式填写风险等级和比例"
        if self.ratio_by_grade and not self.stratify_risk:
            errors["stratify_risk"] = "填写分级抽查比例的，请勾选按风险等级分层抽取"
        if self.inspectors_per_entity < 2:
            errors["inspectors_per_entity"] = "每户至少派2名执法人员（行政处罚法 第四十二条）"
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = "检查结束日期不能早于开始日期"
        if self.plan_id and self.year != self.plan.year:
            errors["year"] = "任务年度应与所属计划年度一致"
        if self.plan_id and self.unit_id and self.plan.unit_id != self.unit_id:
            errors["plan"] = "抽查任务应由计划的牵头单位登记"
        if self.item_id and self.item.state != "active":
            errors["item"] = "该抽查事项已停用"
        if errors:
            raise ValidationError(errors)


class DrawQuerySet(models.QuerySet):
    def delete(self):
        raise ValidationError("抽取记录不能删除")


class Draw(models.Model):
    """One draw of a task: the commitment published before, the seed revealed after, and the
    result. Never deleted; a re-draw is a new row linked to the one it supersedes."""

    task = models.ForeignKey(InspectionTask, verbose_name="抽查任务", on_delete=models.PROTECT, related_name="draws")
    sequence = models.PositiveIntegerField("第几次抽取")
    previous = models.OneToOneField("self", verbose_name="被重新抽取的记录", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="next")
    reason = models.TextField("重新抽取理由", blank=True)
    approver = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="批准人", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    witness = models.CharField("抽取监督人", max_length=100, blank=True)
    seed_hex = models.CharField("随机种子", max_length=64)  # secret until executed_at
    params = models.JSONField("抽取参数")
    eligible_entities = models.JSONField("参与抽取的检查对象")
    eligible_inspectors = models.JSONField("参与抽取的执法检查人员")
    commitment = models.JSONField("承诺值")
    result = models.JSONField("抽取结果", null=True, blank=True)
    committed_at = models.DateTimeField("承诺公示时间")
    committed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="公示人", null=True,
                                     on_delete=models.PROTECT, related_name="+")
    executed_at = models.DateTimeField("抽取时间", null=True, blank=True)
    executed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="抽取人", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    superseded = models.BooleanField("已被重新抽取", default=False)

    objects = DrawQuerySet.as_manager()

    class Meta:
        verbose_name = "抽取记录"
        verbose_name_plural = "抽取记录"
        ordering = ["task", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["task", "sequence"], name="inspections_draw_sequence"),
            models.UniqueConstraint(fields=["task"], condition=models.Q(superseded=False),
                                    name="inspections_one_current_draw"),
        ]

    def __str__(self) -> str:
        return f"{self.task}第{self.sequence}次抽取"

    @property
    def unit(self) -> Unit:
        return self.task.unit

    def delete(self, *args: Any, **kwargs: Any) -> None:
        raise ValidationError("抽取记录不能删除；如需重新抽取，请经批准后登记重新抽取")

    def get_absolute_url(self) -> str:  # noqa: DJ012
        return reverse("inspections:draw", args=[self.pk])


class InspectionResult(Record):
    """One drawn entity of a draw and what its inspectors found (谁检查、谁录入、谁公开)."""

    task = models.ForeignKey(InspectionTask, verbose_name="抽查任务", on_delete=models.PROTECT, related_name="results")
    draw = models.ForeignKey(Draw, verbose_name="抽取记录", on_delete=models.PROTECT, related_name="results")
    entity = models.ForeignKey(Entity, verbose_name="检查对象", on_delete=models.PROTECT, related_name="results")
    credit_code = models.CharField("统一社会信用代码", max_length=18)
    entity_name = models.CharField("检查对象名称", max_length=200)
    stratum = models.CharField("抽取分层", max_length=200, blank=True)
    rank = models.PositiveIntegerField("层内排序")
    inspectors_display = models.CharField("执法检查人员", max_length=200, blank=True)
    inspected_on = models.DateField("检查日期", null=True, blank=True)
    result = models.CharField("检查结果", max_length=20, choices=Outcome.choices, blank=True)
    findings = models.TextField("发现的问题", blank=True)
    follow_up = models.TextField("后续处置", blank=True)
    entered_by_name = models.CharField("录入人", max_length=50, blank=True)
    published_on = models.DateField("公示日期", null=True, blank=True)

    workflow = RESULT_WORKFLOW
    url_namespace = "inspections:results"
    generated_only = True  # by the draw; the drawn inspectors enter the findings
    # published within N working days of the inspection, met by the publication (rules.publish_rule)
    tracked = (Tracked(rules.PUBLISH_KEY, lambda r: rules.publish_rule(), start="inspected_on", met="published_on",
                       met_in=("published",)),)
    # the inspectors are private persons on the public side (surname + 某), like Inspector.name
    personal_fields = {"inspectors_display": "names", "entered_by_name": "name"}

    class Meta:
        verbose_name = "检查结果"
        verbose_name_plural = "抽查检查结果"
        ordering = ["-year", "task", "stratum", "rank"]
        constraints = [models.UniqueConstraint(fields=["draw", "entity"], name="inspections_result_unique")]
        # the dashboard of one county among many: its units' inspections of a period
        indexes = [models.Index(fields=["unit", "inspected_on"], name="inspections_result_unit_idx")]

    def __str__(self) -> str:
        return f"{self.task}：{self.entity_name}"

    @property
    def credit_china_url(self) -> str:
        return rules.credit_china_url(self.credit_code)

    def clean(self) -> None:
        if self.result in PROBLEM_OUTCOMES and not self.findings.strip():
            raise ValidationError({"findings": "发现问题的，请填写发现的问题"})
        if self.inspected_on and self.task_id and self.inspected_on < self.task.period_start:
            raise ValidationError({"inspected_on": "检查日期不能早于任务检查开始日期"})



class Assignment(models.Model):
    """An inspector sent to a drawn entity; a replaced assignment stays, inactive."""

    result = models.ForeignKey(InspectionResult, on_delete=models.PROTECT, related_name="assignments")
    inspector = models.ForeignKey(Inspector, verbose_name="执法检查人员", on_delete=models.PROTECT,
                                  related_name="assignments")
    position = models.PositiveSmallIntegerField("序号")
    active = models.BooleanField("有效", default=True)

    class Meta:
        verbose_name = "检查人员派遣"
        verbose_name_plural = "检查人员派遣"
        ordering = ["result", "position"]
        constraints = [models.UniqueConstraint(fields=["result", "inspector"], condition=models.Q(active=True),
                                               name="inspections_assignment_unique")]

    def __str__(self) -> str:
        return f"{self.result_id}-{self.position}"


class Replacement(models.Model):
    """A recorded, reasoned replacement of an assigned inspector, drawn by the same method."""

    draw = models.ForeignKey(Draw, on_delete=models.PROTECT, related_name="replacements")
    counter = models.PositiveIntegerField("第几次替换")
    result = models.ForeignKey(InspectionResult, on_delete=models.PROTECT, related_name="replacements")
    replaced = models.ForeignKey(Inspector, verbose_name="被替换人员", on_delete=models.PROTECT, related_name="+")
    replacement = models.ForeignKey(Inspector, verbose_name="替换人员", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField("替换理由")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True, on_delete=models.PROTECT,
                           related_name="+")
    at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "检查人员替换"
        verbose_name_plural = "检查人员替换"
        ordering = ["draw", "counter"]
        constraints = [models.UniqueConstraint(fields=["draw", "counter"], name="inspections_replacement_counter")]

    def __str__(self) -> str:
        return f"第{self.counter}次替换"
