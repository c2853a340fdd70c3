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

from fazhi.reports import docnumber


class AnnualReport(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "草稿"
        COLLECTING = "collecting", "征集中"
        REVIEWING = "reviewing", "审核中"
        APPROVED = "approved", "已批准"
        PUBLISHED = "published", "已发布"

    class Kind(models.TextChoices):
        RULE_OF_LAW = "rule_of_law", "法治政府建设年度报告"
        DISCLOSURE = "disclosure", "政府信息公开工作年度报告"

    class Seal(models.TextChoices):
        """Where the 署名 and 成文日期 stand (GB/T 9704 7.3.5; render.signature_layout)."""

        SEALED = "sealed", "加盖印章（署名居中于成文日期之上，印章下压署名和日期）"
        UNSEALED = "unsealed", "不加盖印章（署名右空二字，成文日期右移二字）"

    unit = models.ForeignKey("core.Unit", verbose_name="报告单位", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("报告种类", max_length=20, choices=Kind.choices, default=Kind.RULE_OF_LAW, db_index=True)
    # Figures of the 政府信息公开 report the platform does not record (规章, 行政事业性收费 …), entered by hand.
    entered = models.JSONField("填报数字", default=dict, blank=True)
    year = models.PositiveIntegerField("年度", db_index=True)
    title = models.CharField("标题", max_length=200)
    state = models.CharField("状态", max_length=20, choices=State.choices, default=State.DRAFT, db_index=True)
    addressee = models.CharField("主送机关", max_length=200, blank=True)
    doc_number = models.CharField("发文字号", max_length=50, blank=True, help_text="如 西管发〔2024〕3号",
                                  validators=[docnumber.validate])
    signatory = models.CharField("发文机关署名", max_length=100, blank=True)
    signed_on = models.DateField("成文日期", null=True, blank=True)
    seal = models.CharField("印章", max_length=10, choices=Seal.choices, default=Seal.SEALED)
    collect_until = models.DateField("材料报送截止日", null=True, blank=True)
    sent_to_superiors_on = models.DateField("报送上级日期", null=True, blank=True)
    # Separation of duties (issue 17): who handed the draft in for review, who recorded its
    # adoption and at which meeting, who published it; see services.transition.
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="提交审核人", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+", editable=False)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审核通过人", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+", editable=False)
    approved_at = models.DateTimeField("审核通过时间", null=True, blank=True, editable=False)
    meeting_name = models.CharField("审议会议名称", max_length=200, blank=True)
    meeting_on = models.DateField("审议会议日期", null=True, blank=True)
    meeting_number = models.CharField("会议文号", max_length=100, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="发布人", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+", editable=False)
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
        constraints = [models.UniqueConstraint(fields=["unit", "year", "kind"], name="report_once_per_unit_year_kind")]

    def __str__(self) -> str:
        return f"{self.year}年度{self.kind_name}（{self.unit.short_name or self.unit.name}）"

    def get_absolute_url(self) -> str:
        return reverse("reports:detail", args=[self.pk])

    @property
    def kind_name(self) -> str:
        return "政府信息公开工作年度报告" if self.kind == self.Kind.DISCLOSURE else "法治政府建设报告"

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED

    @property
    def state_label(self) -> str:
        return self.State(self.state).label


class StatutoryPart(models.TextChoices):
    """The contents every annual report must have (《法治政府建设与责任落实督察工作规定》第二十五条,
    five items; spec §1.1)."""

    MEASURES = "measures", "主要举措和成效"
    SHORTCOMINGS = "shortcomings", "存在的不足和原因"
    FIRST_DUTY = "first_duty", "党政主要负责人履行推进法治建设第一责任人职责情况"
    NEXT_YEAR = "next_year", "下一年度主要安排"
    OTHER = "other", "其他需要报告的情况"
    # The text parts of the 政府信息公开工作年度报告 (条例 第五十条; 国办公开办函〔2021〕30号).
    GIP_OVERVIEW = "gip_overview", "总体情况"
    GIP_PROBLEMS = "gip_problems", "存在的主要问题及改进情况"
    GIP_OTHER = "gip_other", "其他需要报告的事项"


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
    statutory = models.CharField("法定内容", max_length=20, choices=StatutoryPart.choices, blank=True,
                                 help_text="第二十五条规定的法定部分；发布前其下必须有正文")
    submitted_at = models.DateTimeField("报送时间", null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="报送人", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    merged_at = models.DateTimeField("合稿时间", null=True, blank=True)
    merged_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="合稿人", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    released_at = models.DateTimeField("免于报送时间", null=True, blank=True)
    released_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="免于报送决定人", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    release_reason = models.CharField("免于报送理由", max_length=500, blank=True)
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
        if self.released_at:
            return "免于报送"
        if self.level and not self.text.strip():
            return "标题"
        if self.merged_at:
            return "已合稿"
        if self.submitted_at:
            return "已报送"
        return "待报送"


class SecrecyReview(models.Model):
    """保密审查 before publication: the report is published unless it involves Party or state
    secrets (《法治政府建设与责任落实督察工作规定》第二十四条; spec §1.3 SECRECY_REVIEW)."""

    class Conclusion(models.TextChoices):
        PASSED = "passed", "通过"
        FAILED = "failed", "不通过"

    report = models.ForeignKey(AnnualReport, verbose_name="报告", on_delete=models.CASCADE,
                               related_name="secrecy_reviews")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审查人", on_delete=models.PROTECT,
                                    related_name="+")
    reviewed_on = models.DateField("审查日期")
    conclusion = models.CharField("审查结论", max_length=10, choices=Conclusion.choices)
    opinion = models.TextField("审查意见", blank=True)
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "保密审查记录"
        verbose_name_plural = "保密审查记录"
        ordering = ["report", "recorded_at", "pk"]

    def __str__(self) -> str:
        return f"保密审查（{self.reviewed_on:%Y-%m-%d}，{self.get_conclusion_display()}）"

    @property
    def passed(self) -> bool:
        return self.conclusion == self.Conclusion.PASSED


class Submission(models.Model):
    """One version of a county's annual report as submitted to its city (抄送市委依法治市办, issue 18).

    The row holds what the city reads — the text, the figures with their numerators and denominators,
    their SHA-256 — so the city never reads the county's report or ledgers. In one database the city
    signs for it at once (``State.RECEIVED`` with its receipt number); a county running its own
    instance keeps its copy ``SUBMITTED`` until the city's receipt comes back. A re-submission is the
    next version; earlier versions stay (the history); the city reads the latest.
    """

    class State(models.TextChoices):
        SUBMITTED = "submitted", "已报送"
        RECEIVED = "received", "已签收"

    county = models.ForeignKey("core.Unit", verbose_name="报送区县", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField("年度", db_index=True)
    kind = models.CharField("报告种类", max_length=20, choices=AnnualReport.Kind.choices,
                            default=AnnualReport.Kind.RULE_OF_LAW)
    # The county's report in this database; None when the submission came from another instance.
    report = models.ForeignKey(AnnualReport, verbose_name="报告", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="submissions")
    version = models.PositiveIntegerField("报送版次")
    title = models.CharField("标题", max_length=200)
    sections = models.JSONField("报告正文", default=list)  # [{"heading", "level", "text"}]
    figures = models.JSONField("报送数据", default=dict)  # {key: {label, value, numerator, denominator, unit, …}}
    sha256 = models.CharField("SHA-256", max_length=64)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="报送人", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    submitted_by_name = models.CharField("报送人姓名", max_length=100, blank=True)
    submitted_at = models.DateTimeField("报送时间")
    state = models.CharField("状态", max_length=12, choices=State.choices, default=State.SUBMITTED)
    receipt_no = models.CharField("回执编号", max_length=40, blank=True)
    received_at = models.DateTimeField("签收时间", null=True, blank=True)

    not_personal = {"submitted_by_name": "报送人为履行公职的工作人员，签收记录须载明"}

    class Meta:
        verbose_name = "报送市级记录"
        verbose_name_plural = "报送市级记录"
        ordering = ["county__path", "year", "kind", "version"]
        constraints = [models.UniqueConstraint(fields=["county", "year", "kind", "version"],
                                               name="submission_version_once")]

    def __str__(self) -> str:
        return f"{self.year}年度报告报送市级第{self.version}版（{self.county.short_name or self.county.name}）"
