"""法治督察 and its follow-up (spec §1; 《法治政府建设与责任落实督察工作规定》).

* ``SupervisionVisit``: a visit of the coordinating office (the record's unit, 依法治区办) to
  an inspected department or township (``inspected``), planned then done, with findings.
* ``Finding``: a problem found on a visit; each becomes one ``Rectification``.
* ``Rectification``: the 整改 task in the inspected unit's ledger (the record's unit), with its
  deadline on the working-day calendar, the unit's report and evidence, and closure.
* ``UnitReport``: a department's or township's own annual 法治政府建设 report, requested by
  the coordinating office for a year with a due date (one record per unit and year).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from fazhi.core.deadlines import Tracked
from fazhi.core.ledger import Record
from fazhi.core.models import Unit
from fazhi.streams.supervision import rules
from fazhi.streams.supervision.workflow import RECTIFICATION_WORKFLOW, UNIT_REPORT_WORKFLOW, VISIT_WORKFLOW

INSPECTED_KINDS = (Unit.Kind.DEPARTMENT, Unit.Kind.TOWNSHIP)


def _upload_path(instance, filename: str) -> str:
    kind = filename.rsplit(".", 1)[-1].lower()
    return f"supervision/{instance._meta.model_name}/{instance.year}/{instance.unit_id}-{instance.pk or 'new'}.{kind}"


class SupervisionVisit(Record):
    """One 督察 visit; ``unit`` is the organising office, ``inspected`` the unit visited."""

    inspected = models.ForeignKey(Unit, verbose_name="督察对象", on_delete=models.PROTECT, related_name="+",
                                  limit_choices_to={"kind__in": INSPECTED_KINDS},
                                  error_messages={"blank": "督察对象不存在，请填写政府工作部门或乡镇（街道）的名称",
                                                  "null": "督察对象不存在，请填写政府工作部门或乡镇（街道）的名称"})
    planned_on = models.DateField("计划督察日期")
    team = models.TextField("督察组成员", help_text="多人用顿号“、”分隔")
    topics = models.TextField("督察事项")
    basis = models.CharField("督察依据", max_length=200, default=rules.BASIS, blank=True)
    visited_on = models.DateField("实际督察日期", null=True, blank=True)
    summary = models.TextField("督察情况", blank=True)

    workflow = VISIT_WORKFLOW
    url_namespace = "supervision:visits"

    class Meta:
        verbose_name = "法治督察"
        verbose_name_plural = "法治督察"
        ordering = ["-year", "-planned_on", "-id"]

    def __str__(self) -> str:
        return f"{self.planned_on:%Y-%m-%d} 督察{self.inspected.short_name or self.inspected.name}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        self.basis = (self.basis or "").strip() or rules.BASIS
        if self.inspected_id and self.inspected.kind not in INSPECTED_KINDS:
            errors["inspected"] = "督察对象应为政府工作部门或乡镇（街道）"
        if self.planned_on and self.year and self.planned_on.year != self.year:
            errors["planned_on"] = f"计划督察日期应在{self.year}年内"
        if not self.visited_on and self.state in ("done", "closed"):
            errors["visited_on"] = "已督察的记录须填写实际督察日期"
        if self.visited_on:
            if self.visited_on > timezone.localdate():
                errors["visited_on"] = "实际督察日期不能晚于今天"
            elif self.year and abs(self.visited_on.year - self.year) > 1:
                errors["visited_on"] = "实际督察日期应在督察年度内"
        if not (self.team or "").strip():
            errors["team"] = "请填写督察组成员"
        if errors:
            raise ValidationError(errors)


class Finding(models.Model):
    """A problem found on a visit (督察发现的问题)."""

    class Category(models.TextChoices):
        DUTY = "duty", "第一责任人职责履行"
        DECISION = "decision", "重大行政决策"
        NORMATIVE = "normative", "规范性文件"
        ENFORCEMENT = "enforcement", "行政执法"
        DISCLOSURE = "disclosure", "政务公开"
        LITIGATION = "litigation", "行政复议与应诉"
        STUDY = "study", "学法用法"
        OTHER = "other", "其他"

    class Severity(models.TextChoices):
        GENERAL = "general", "一般"
        SERIOUS = "serious", "较重"
        MAJOR = "major", "严重"

    visit = models.ForeignKey(SupervisionVisit, verbose_name="督察", on_delete=models.PROTECT, related_name="findings")
    found_on = models.DateField("发现日期")
    text = models.TextField("问题描述")
    category = models.CharField("问题类别", max_length=20, choices=Category.choices)
    severity = models.CharField("严重程度", max_length=20, choices=Severity.choices, default=Severity.GENERAL)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "督察发现问题"
        verbose_name_plural = "督察发现问题"
        ordering = ["found_on", "id"]

    def __str__(self) -> str:
        text = self.text.strip().splitlines()[0] if self.text.strip() else ""
        return f"{text[:30]}{'…' if len(text) > 30 else ''}"


class Rectification(Record):
    """The 整改 task of one finding, in the inspected unit's ledger."""

    finding = models.OneToOneField(Finding, verbose_name="督察发现问题", on_delete=models.PROTECT,
                                   related_name="rectification", editable=False)
    # What the coordinating office set is not the unit's to change (pages, imports or the API):
    # only the unit's report and its evidence are editable.
    requirement = models.TextField("整改要求", editable=False)
    found_on = models.DateField("发现日期", editable=False)
    required_by = models.DateField("限期整改日期", null=True, blank=True, editable=False,
                                   help_text="不填则按自发现之日起的工作日计算整改期限")
    report_text = models.TextField("整改情况", blank=True)
    evidence = models.FileField("整改佐证材料", upload_to=_upload_path, blank=True, max_length=200)
    evidence_link = models.CharField("关联记录", max_length=300, blank=True,
                                     help_text="平台内记录的地址（如 /s/normative/12/），或其他可核查的记录")
    reported_on = models.DateField("整改报告日期", null=True, blank=True, editable=False)
    closed_on = models.DateField("销号日期", null=True, blank=True, editable=False)

    workflow = RECTIFICATION_WORKFLOW
    url_namespace = "supervision:rectifications"
    tracked = (
        Tracked(rules.RECTIFY, lambda r: rules.rectify_rule(r.found_on, r.required_by), start="found_on",
                met="reported_on", met_in=("reported", "closed")),
    )

    class Meta:
        verbose_name = "督察整改任务"
        verbose_name_plural = "督察整改任务"
        ordering = ["-year", "-found_on", "-id"]

    def __str__(self) -> str:
        return f"整改：{self.finding}" if self.finding_id else "整改任务"

    def clean(self) -> None:
        if not self.finding_id or not self.found_on or not (self.requirement or "").strip():
            raise ValidationError("整改任务由法治督察登记发现的问题时生成，不能直接新增")
        errors: dict[str, str] = {}
        if self.required_by and self.found_on and self.required_by <= self.found_on:
            errors["required_by"] = "限期整改日期应晚于发现问题的日期"
        if self.reported_on and self.found_on and self.reported_on < self.found_on:
            errors["reported_on"] = "整改报告日期不能早于发现问题的日期"
        if errors:
            raise ValidationError(errors)


class UnitReport(Record):
    """A unit's own annual 法治政府建设 report for ``year``, requested with a due date."""

    opened_on = models.DateField("征集日期", editable=False)
    due_on = models.DateField("报送截止日期", editable=False)
    text = models.TextField("报告正文", blank=True)
    file = models.FileField("报告文件", upload_to=_upload_path, blank=True, max_length=200)
    submitted_on = models.DateField("报送日期", null=True, blank=True, editable=False)

    workflow = UNIT_REPORT_WORKFLOW
    url_namespace = "supervision:unit_reports"
    tracked = (
        Tracked(rules.UNIT_REPORT, lambda r: rules.unit_report_rule(r.opened_on, r.due_on), start="opened_on",
                met="submitted_on", met_in=("submitted", "accepted")),
    )

    class Meta:
        verbose_name = "单位年度法治政府建设情况报告"
        verbose_name_plural = "各单位年度报告"
        ordering = ["-year", "unit__sort_order", "unit__code"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="supervision_unit_report_once")]

    def __str__(self) -> str:
        return f"{self.unit.short_name or self.unit.name}{self.year}年度法治政府建设情况报告"

    def validate_constraints(self, exclude=None) -> None:
        try:
            super().validate_constraints(exclude)
        except ValidationError:
            raise ValidationError({"year": f"已征集该单位{self.year}年度的报告"}) from None

    def clean(self) -> None:
        if not self.opened_on or not self.due_on:
            raise ValidationError("年度报告由依法治区办发起征集时生成，不能直接新增")
        if self.due_on <= self.opened_on:
            raise ValidationError({"due_on": "报送截止日期应晚于征集日期"})

    @property
    def late(self) -> bool:
        return bool(self.submitted_on and self.due_on and self.submitted_on > self.due_on)
