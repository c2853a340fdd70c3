"""The annual 法治政府建设 report (spec §1, W01) and its sections.

A report's narrative binds its figures by placeholder (``{{ mediation.cases }}``); drafts
show the live figures, publishing freezes every figure used (with its indicator version,
numerator and denominator) into ``snapshot`` so the published text never changes.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse


class AnnualReport(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "草稿"
        COLLECTING = "collecting", "征集中"
        REVIEWING = "reviewing", "审核中"
        APPROVED = "approved", "已批准"
        PUBLISHED = "published", "已发布"

    unit = models.ForeignKey("core.Unit", verbose_name="报告单位", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField("年度", db_index=True)
    title = models.CharField("标题", max_length=200)
    state = models.CharField("状态", max_length=20, choices=State.choices, default=State.DRAFT, db_index=True)
    addressee = models.CharField("主送机关", max_length=200, blank=True)
    signatory = models.CharField("发文机关署名", max_length=100, blank=True)
    signed_on = models.DateField("成文日期", null=True, blank=True)
    collect_until = models.DateField("材料报送截止日", null=True, blank=True)
    sent_to_superiors_on = models.DateField("报送上级日期", null=True, blank=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    published_url = models.URLField("公开网址", blank=True)
    snapshot = models.JSONField("发布时冻结的数据", default=dict, blank=True)
    version = models.PositiveIntegerField("版本", default=1, editable=False)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="创建人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+", editable=False)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    deadlines = GenericRelation("core.Deadline")

    class Meta:
        verbose_name = "法治政府建设年度报告"
        verbose_name_plural = "法治政府建设年度报告"
        ordering = ["-year", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="report_once_per_unit_year")]

    def __str__(self) -> str:
        return f"{self.year}年度法治政府建设报告（{self.unit.short_name or self.unit.name}）"

    def get_absolute_url(self) -> str:
        return reverse("reports:detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED

    @property
    def state_label(self) -> str:
        return self.State(self.state).label


class ReportSection(models.Model):
    class Level(models.IntegerChoices):
        TEXT = 0, "正文（无标题）"
        FIRST = 1, "一级标题（黑体）"
        SECOND = 2, "二级标题（楷体）"
        THIRD = 3, "三级标题（仿宋加粗）"

    report = models.ForeignKey(AnnualReport, verbose_name="报告", on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveIntegerField("顺序")
    heading = models.CharField("标题", max_length=200, blank=True)
    level = models.PositiveSmallIntegerField("层级", choices=Level.choices, default=Level.TEXT)
    text = models.TextField("正文", blank=True, help_text="每段一行；用 {{ 指标代码 }} 引用指标，如 {{ mediation.cases|value }}件")
    unit = models.ForeignKey("core.Unit", verbose_name="供稿单位", on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField("报送时间", null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="报送人", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    merged_at = models.DateTimeField("合稿时间", null=True, blank=True)
    merged_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="合稿人", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField("版本", default=1, editable=False)

    class Meta:
        verbose_name = "报告章节"
        verbose_name_plural = "报告章节"
        ordering = ["report", "order"]
        constraints = [models.UniqueConstraint(fields=["report", "order"], name="section_order_unique")]

    def __str__(self) -> str:
        return f"第{self.order}节 {self.heading or '正文'}"[:100]

    @property
    def status_label(self) -> str:
        if self.level and not self.text.strip():
            return "标题"
        if self.merged_at:
            return "已合稿"
        if self.submitted_at:
            return "已报送"
        return "待报送"
