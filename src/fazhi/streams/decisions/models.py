"""Models of the 重大行政决策 stream (spec §5.4).

``DecisionCatalogue`` (the yearly 决策事项目录 of a decision body) lists ``CatalogueItem`` rows and
keeps its periodic ``CatalogueCheck`` entries (目录调整 / 定期检查). A ``Decision`` is the file of
one decision; its five statutory procedures are ``DecisionProcedure`` rows (one per kind),
public comments are ``PublicComment`` rows, and execution and post-evaluation are
``ExecutionReport`` / ``PostEvaluation`` rows.

What the public portal may show (spec §5.6, §18, §21): published catalogues and their items
(``is_public`` / ``objects.public()``), drafts open for comment, and decided decisions with
a publication date that are not secret. Commenters' names and contacts are never published.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from fazhi.core import privacy
from fazhi.core.ledger import Record
from fazhi.core.units import first_government_name
from fazhi.streams.decisions import rules
from fazhi.streams.decisions.workflow import (
    CATALOGUE_WORKFLOW,
    COLLECTIVE,
    DECIDED_STATES,
    DECISION_WORKFLOW,
    EXPERT,
    ITEM_WORKFLOW,
    LEGALITY,
    PARTICIPATION,
    PROCEDURE_LABELS,
    RISK,
)


class Category(models.TextChoices):
    """The five kinds of decision matter (条例 第三条第一款)."""

    POLICY = "policy", "公共服务、市场监管、社会管理、环境保护等方面的重大公共政策和措施"
    PLAN = "plan", "经济和社会发展等方面的重要规划"
    RESOURCES = "resources", "开发利用、保护重要自然资源和文化资源的重大公共政策和措施"
    PROJECT = "project", "在本行政区域实施的重大公共建设项目"
    OTHER = "other", "对经济社会发展有重大影响、涉及重大公共利益或者社会公众切身利益的其他重大事项"


def _today():
    return timezone.localdate()


# -- 决策事项目录 -----------------------------------------------------------------------------

class CatalogueQuerySet(models.QuerySet):
    def public(self, today=None):
        """Catalogues the portal may list: published (or archived after publication)."""
        return self.filter(state__in=("published", "archived"), published_on__isnull=False,
                           published_on__lte=today or _today())


class DecisionCatalogue(Record):
    """The yearly catalogue of major decision matters of a decision body (条例 第三条第二款)."""

    title = models.CharField("目录名称", max_length=200)
    party_consent_on = models.DateField("党委同意日期", null=True, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)
    publication_url = models.URLField("公布网址", blank=True)
    note = models.TextField("备注", blank=True)

    objects = CatalogueQuerySet.as_manager()
    workflow = CATALOGUE_WORKFLOW
    url_namespace = "decisions:catalogues"

    class Meta:
        verbose_name = "决策事项目录"
        verbose_name_plural = "决策事项目录"
        ordering = ["-year", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="decisions_one_catalogue_per_year")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_public(self) -> bool:
        return (self.state in ("published", "archived") and self.published_on is not None
                and self.published_on <= _today())

    def clean(self) -> None:
        errors = {}
        if self.published_on and self.party_consent_on and self.published_on < self.party_consent_on:
            errors["published_on"] = "目录应在同级党委同意后公布，公布日期不能早于党委同意日期"
        if self.published_on and not self.party_consent_on:
            errors["party_consent_on"] = "目录经同级党委同意后方可公布，请填写党委同意日期"
        if (self.unit_id and self.year
                and DecisionCatalogue.objects.filter(unit_id=self.unit_id, year=self.year).exclude(pk=self.pk).exists()):
            errors["year"] = "该单位该年度的决策事项目录已存在"
        if errors:
            raise ValidationError(errors)


class CatalogueCheck(models.Model):
    """A periodic check of the catalogue's execution, or an adjustment of the catalogue."""

    class Kind(models.TextChoices):
        CHECK = "check", "定期检查"
        ADJUST = "adjust", "目录调整"

    catalogue = models.ForeignKey(DecisionCatalogue, verbose_name="决策事项目录", on_delete=models.CASCADE,
                                  related_name="checks")
    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    on = models.DateField("日期")
    content = models.TextField("检查或调整内容")
    result = models.CharField("结论及整改", max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "目录检查调整"
        verbose_name_plural = "目录检查调整"
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on:%Y-%m-%d}"


class ItemQuerySet(models.QuerySet):
    def public(self, today=None):
        """Items the portal may list: in a public catalogue, published, not removed."""
        today = today or _today()
        return self.filter(catalogue__in=DecisionCatalogue.objects.public(today), state="listed",
                           published_on__isnull=False, published_on__lte=today)


class CatalogueItem(Record):
    """One decision matter in a catalogue; its ``unit`` is the 承办单位 (lead unit)."""

    catalogue = models.ForeignKey(DecisionCatalogue, verbose_name="决策事项目录", on_delete=models.PROTECT,
                                  related_name="items",
                                  error_messages={"null": "该年度尚未建立决策事项目录，请先新建目录",
                                                  "blank": "该年度尚未建立决策事项目录，请先新建目录"})
    seq = models.PositiveIntegerField("序号", null=True, blank=True)
    name = models.CharField("决策事项名称", max_length=200)
    category = models.CharField("事项类别", max_length=20, choices=Category.choices)
    legal_basis = models.CharField("决策依据", max_length=500, blank=True)
    planned_completion = models.DateField("计划完成时间", null=True, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True,
                                    help_text="随目录公布的事项为目录公布日期；调整增补的事项为调整公布日期")
    removed_on = models.DateField("调出日期", null=True, blank=True)
    removal_reason = models.CharField("调出理由", max_length=300, blank=True)

    objects = ItemQuerySet.as_manager()
    workflow = ITEM_WORKFLOW
    url_namespace = "decisions:items"

    class Meta:
        verbose_name = "目录事项"
        verbose_name_plural = "决策事项目录事项"
        ordering = ["-year", "seq", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_public(self) -> bool:
        return (self.state == "listed" and self.published_on is not None and self.published_on <= _today()
                and self.catalogue.is_public)

    def clean(self) -> None:
        errors = {}
        if self.catalogue_id and self.year and self.catalogue.year != self.year:
            errors["catalogue"] = f"所选目录为{self.catalogue.year}年度，与事项年度不一致"
        if self.removed_on and self.published_on and self.removed_on < self.published_on:
            errors["removed_on"] = "调出日期不能早于公布日期"
        if errors:
            raise ValidationError(errors)


# -- 决策档案 ------------------------------------------------------------------------------

class DecisionQuerySet(models.QuerySet):
    def public(self, today=None):
        """Decisions the portal may publish (条例 第三十二条): decided, published, not secret."""
        return self.filter(state__in=DECIDED_STATES, secret=False, published_on__isnull=False,
                           published_on__lte=today or _today())

    def open_for_comment(self, today=None):
        """Drafts in their public comment period today (条例 第十五条)."""
        today = today or _today()
        return self.filter(state="consulting", procedures__kind=PARTICIPATION,
                           procedures__started_on__lte=today, procedures__ended_on__gte=today)


class Decision(Record):
    """The file of one major administrative decision; ``unit`` is the 承办单位."""

    file_no = models.CharField("决策事项编号", max_length=50)
    title = models.CharField("决策事项名称", max_length=200)
    catalogue_item = models.ForeignKey(CatalogueItem, verbose_name="目录事项", null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="decisions")
    category = models.CharField("事项类别", max_length=20, choices=Category.choices)
    decision_body = models.CharField("决策机关", max_length=100, default=first_government_name)
    legal_basis = models.CharField("决策依据", max_length=500)
    summary = models.TextField("决策草案主要内容", blank=True)
    participation_required = models.BooleanField("需公开征求意见", default=True)
    participation_exemption = models.CharField(
        "不公开征求意见的理由", max_length=300, blank=True,
        help_text="依法不予公开等原因不需公开征求意见的，须说明理由")
    expert_required = models.BooleanField("需专家论证", default=False)
    risk_required = models.BooleanField("需风险评估", default=False)
    decided_on = models.DateField("决策日期", null=True, blank=True)
    decision_document = models.CharField("决策文件文号", max_length=100, blank=True)
    secret = models.BooleanField("涉密不公开", default=False)
    published_on = models.DateField("公布日期", null=True, blank=True)
    publication_url = models.URLField("公布网址", blank=True)
    adoption_summary = models.TextField("公众和专家意见采纳情况说明", blank=True,
                                        help_text="公布决策时一并公布（条例 第三十二条）")
    execution_unit = models.CharField("决策执行单位", max_length=100, blank=True)
    archive_no = models.CharField("归档号", max_length=50, blank=True)

    objects = DecisionQuerySet.as_manager()
    workflow = DECISION_WORKFLOW
    url_namespace = "decisions:decisions"

    class Meta:
        verbose_name = "重大行政决策"
        verbose_name_plural = "重大行政决策台账"
        ordering = ["-year", "-id"]
        constraints = [models.UniqueConstraint(fields=["unit", "file_no"], name="decisions_file_no_per_unit")]

    def __str__(self) -> str:
        return f"{self.file_no} {self.title}"

    @property
    def is_public(self) -> bool:
        return (self.state in DECIDED_STATES and not self.secret and self.published_on is not None
                and self.published_on <= _today())

    def procedure(self, kind: str) -> DecisionProcedure | None:
        return self.procedures.filter(kind=kind).first()

    def comment_period(self) -> tuple | None:
        p = self.procedure(PARTICIPATION)
        return (p.started_on, p.ended_on) if p and p.started_on and p.ended_on else None

    def clean(self) -> None:
        errors = {}
        if not self.participation_required and not self.participation_exemption.strip():
            errors["participation_exemption"] = "不公开征求意见的，应当说明理由"
        if self.catalogue_item_id and self.year and self.catalogue_item.year != self.year:
            errors["catalogue_item"] = f"所选目录事项属于{self.catalogue_item.year}年度目录，与决策年度不一致"
        if self.published_on and self.decided_on and self.published_on < self.decided_on:
            errors["published_on"] = "公布日期不能早于决策日期"
        if self.published_on and self.secret:
            errors["published_on"] = "涉密决策不予公布，请清空公布日期或取消“涉密不公开”"
        if (self.unit_id and self.file_no
                and Decision.objects.filter(unit_id=self.unit_id, file_no=self.file_no).exclude(pk=self.pk).exists()):
            errors["file_no"] = "该单位已有相同编号的决策事项"
        if errors:
            raise ValidationError(errors)


class DecisionProcedure(models.Model):
    """One of the five statutory procedures of a decision, as carried out (spec §5.1).

    Dates: ``started_on`` / ``ended_on`` are the comment period (公众参与), the submission and
    the opinion date (合法性审查), or the first and last day of the work; for 集体讨论决定
    both are the meeting date."""

    class Kind(models.TextChoices):
        PARTICIPATION = PARTICIPATION, PROCEDURE_LABELS[PARTICIPATION]
        EXPERT = EXPERT, PROCEDURE_LABELS[EXPERT]
        RISK = RISK, PROCEDURE_LABELS[RISK]
        LEGALITY = LEGALITY, PROCEDURE_LABELS[LEGALITY]
        COLLECTIVE = COLLECTIVE, PROCEDURE_LABELS[COLLECTIVE]

    class Conclusion(models.TextChoices):
        PASSED = "passed", "合法（同意提交讨论）"
        RETURNED = "returned", "退回补充修改"
        FAILED = "failed", "不合法"

    class RiskLevel(models.TextChoices):
        HIGH = "high", "高风险"
        MEDIUM = "medium", "中风险"
        LOW = "low", "低风险"

    decision = models.ForeignKey(Decision, verbose_name="重大行政决策", on_delete=models.CASCADE,
                                 related_name="procedures")
    kind = models.CharField("程序", max_length=20, choices=Kind.choices)
    started_on = models.DateField("开始日期", null=True, blank=True)
    ended_on = models.DateField("完成日期", null=True, blank=True)
    organiser = models.CharField("组织或审查人员", max_length=200, blank=True,
                                 help_text="合法性审查填写审查机构及参与的法律顾问、公职律师；专家论证填写专家名单")
    meeting = models.CharField("会议名称及届次", max_length=100, blank=True)
    conclusion = models.CharField("审查结论", max_length=10, choices=Conclusion.choices, blank=True)
    risk_level = models.CharField("风险等级", max_length=10, choices=RiskLevel.choices, blank=True)
    comments_received = models.PositiveIntegerField("收到意见数", null=True, blank=True)
    comments_adopted = models.PositiveIntegerField("采纳意见数", null=True, blank=True)
    result = models.TextField("结果或意见", blank=True,
                              help_text="意见采纳情况、论证意见、风险评估结论、审查意见或会议决定")
    document = models.CharField("文书或附件", max_length=200, blank=True)
    shortened_reason = models.CharField("期限缩短理由", max_length=300, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField("登记时间", auto_now=True)

    # Looks personal, deliberately not masked (core.privacy; docs/personal-data.md):
    not_personal = {
        "organiser": "机关工作人员履行职务的信息，仅内部台账",
    }

    class Meta:
        verbose_name = "决策程序"
        verbose_name_plural = "决策程序"
        ordering = ["decision", "id"]
        constraints = [models.UniqueConstraint(fields=["decision", "kind"], name="decisions_procedure_once")]

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def is_done(self) -> bool:
        if self.ended_on is None:
            return False
        if self.kind == LEGALITY:
            return bool(self.conclusion)
        return True

    @property
    def period_days(self) -> int | None:
        if self.started_on and self.ended_on:
            return rules.comment_period_days(self.started_on, self.ended_on)
        return None

    def period_problem(self) -> str | None:
        """The comment period is shorter than 30 days without a recorded reason."""
        if self.kind != PARTICIPATION or self.period_days is None:
            return None
        minimum = rules.comment_period_min_days()
        if self.period_days < minimum and not self.shortened_reason.strip():
            return (f"公开征求意见期限为{self.period_days}日，少于{minimum}日；"
                    f"因情况紧急等原因缩短期限的，应当说明理由")
        return None

    @property
    def legality_earliest_end(self):
        if self.kind == LEGALITY and self.started_on:
            return rules.legality_review_earliest_end(self.started_on)
        return None

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.kind == COLLECTIVE and self.ended_on:
            self.started_on = self.ended_on  # a meeting is one day
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            errors["ended_on"] = "完成日期不能早于开始日期"
        if self.kind == PARTICIPATION:
            if not (self.started_on and self.ended_on):
                errors["started_on"] = "请填写公开征求意见的起止日期"
            elif self.period_problem():
                errors["shortened_reason"] = self.period_problem()
            if (self.comments_adopted is not None and self.comments_received is not None
                    and self.comments_adopted > self.comments_received):
                errors["comments_adopted"] = "采纳意见数不能多于收到意见数"
        elif self.kind == LEGALITY:
            if not self.started_on:
                errors["started_on"] = "请填写送请合法性审查的日期"
            if self.ended_on and not self.conclusion:
                errors["conclusion"] = "请选择合法性审查结论"
            if self.conclusion and not self.ended_on:
                errors["ended_on"] = "请填写出具审查意见的日期"
            if self.ended_on and not self.organiser.strip():
                errors["organiser"] = "请填写审查机构及参与审查的法律顾问、公职律师"
            earliest = self.legality_earliest_end
            if (earliest and self.ended_on and not errors.get("ended_on") and self.ended_on < earliest
                    and not self.shortened_reason.strip()):
                errors["shortened_reason"] = (
                    f"合法性审查时间一般不少于{rules.legality_review_min_working_days()}个工作日"
                    f"（{self.started_on:%Y年%m月%d日}送审，最早{earliest:%Y年%m月%d日}出具意见）；缩短的，应当说明理由")
        elif self.kind == COLLECTIVE:
            if not self.ended_on:
                errors["ended_on"] = "请填写会议日期"
            if not self.meeting.strip():
                errors["meeting"] = "请填写会议名称及届次（常务会议或者全体会议）"
            if not self.result.strip():
                errors["result"] = "请填写会议决定及不同意见记录"
        elif self.kind in (EXPERT, RISK):
            if not self.ended_on:
                errors["ended_on"] = "请填写完成日期"
            if self.kind == RISK and self.ended_on and not self.risk_level:
                errors["risk_level"] = "请选择风险等级"
        if errors:
            raise ValidationError(errors)


class PublicComment(models.Model):
    """A comment on a draft submitted by the public during the comment period."""

    class Handling(models.TextChoices):
        PENDING = "pending", "待研究"
        ADOPTED = "adopted", "采纳"
        PARTLY = "partly", "部分采纳"
        NOT_ADOPTED = "not_adopted", "未采纳"

    decision = models.ForeignKey(Decision, verbose_name="重大行政决策", on_delete=models.CASCADE,
                                 related_name="comments")
    name = models.CharField("姓名", max_length=50, blank=True)
    contact = models.CharField("联系方式", max_length=100, blank=True)
    text = models.TextField("意见内容")
    submitted_at = models.DateTimeField("提交时间", default=timezone.now)
    handling = models.CharField("采纳情况", max_length=20, choices=Handling.choices, default=Handling.PENDING)
    reply = models.CharField("采纳或不采纳的理由", max_length=500, blank=True)

    personal_fields = {"name": "name", "contact": "phone"}

    class Meta:
        verbose_name = "公众意见"
        verbose_name_plural = "公众意见"
        ordering = ["submitted_at", "id"]

    def __str__(self) -> str:
        return f"公众意见 {self.pk}"

    @property
    def masked_name(self) -> str:
        return privacy.mask_name(self.name) if self.name else "匿名"

    @property
    def masked_contact(self) -> str:
        if not self.contact:
            return ""
        return privacy.mask_email(self.contact) if "@" in self.contact else privacy.mask_phone(self.contact)


class ExecutionReport(models.Model):
    """A report of the execution unit on how the decision is carried out (条例 第三十四条、第三十五条)."""

    decision = models.ForeignKey(Decision, verbose_name="重大行政决策", on_delete=models.CASCADE,
                                 related_name="reports")
    reported_on = models.DateField("报告日期")
    reporter = models.CharField("报告单位", max_length=100)
    progress = models.TextField("执行情况")
    problems = models.CharField("存在问题及建议", max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "执行情况报告"
        verbose_name_plural = "执行情况报告"
        ordering = ["reported_on", "id"]

    def __str__(self) -> str:
        return f"执行情况报告 {self.reported_on:%Y-%m-%d}"


class PostEvaluation(models.Model):
    """A post-evaluation of a decision (条例 第三十六条)."""

    class Trigger(models.TextChoices):
        NOT_ACHIEVED = "not_achieved", "实施后明显未达到预期效果"
        OBJECTIONS = "objections", "公民、法人或者其他组织提出较多意见"
        NECESSARY = "necessary", "决策机关认为有必要"

    decision = models.ForeignKey(Decision, verbose_name="重大行政决策", on_delete=models.CASCADE,
                                 related_name="evaluations")
    trigger = models.CharField("评估原因", max_length=20, choices=Trigger.choices)
    evaluator = models.CharField("评估机构", max_length=100,
                                 help_text="可委托第三方，但不得委托决策前评估的主要单位")
    started_on = models.DateField("开始日期")
    completed_on = models.DateField("完成日期", null=True, blank=True)
    conclusion = models.TextField("评估结论", blank=True)
    adjustment = models.CharField("调整建议及处理", max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "决策后评估"
        verbose_name_plural = "决策后评估"
        ordering = ["started_on", "id"]

    def __str__(self) -> str:
        return f"后评估 {self.started_on:%Y-%m-%d}"

    def clean(self) -> None:
        errors = {}
        if self.completed_on and self.completed_on < self.started_on:
            errors["completed_on"] = "完成日期不能早于开始日期"
        if self.completed_on and not self.conclusion.strip():
            errors["conclusion"] = "完成评估的，请填写评估结论"
        if errors:
            raise ValidationError(errors)
