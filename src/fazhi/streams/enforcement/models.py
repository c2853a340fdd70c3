"""行政执法与执法监督 (spec §6 执法公示, §11 W12, §12 enforcement certificates and exams,
§13 W14 licence list and discretion benchmarks, §18 masking).

Officers' names and certificate numbers are public (事前公开, spec §12.4); their ID numbers and
phones are personal fields. A decision's party is public when it is an organisation (name and
统一社会信用代码); a natural person's name and ID number are masked in public output (§18.3).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from fazhi.core.deadlines import Tracked
from fazhi.core.identifiers import BAD_ID, BAD_USCC, is_valid_id_number, is_valid_uscc
from fazhi.core.ledger import Record
from fazhi.streams.enforcement import rules
from fazhi.streams.enforcement.workflow import (
    CAMPAIGN_WORKFLOW,
    DECISION_WORKFLOW,
    OFFICER_WORKFLOW,
    PUBLICATION_WORKFLOW,
    REGISTER_WORKFLOW,
    REVIEW_WORKFLOW,
)

PHONE_CHARS = set("0123456789-")


def _num(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _check_id(errors: dict, name: str, value: str) -> str:
    value = (value or "").strip().upper()
    if value and not is_valid_id_number(value):
        errors[name] = BAD_ID
    return value


def _check_phone(errors: dict, name: str, value: str) -> str:
    value = (value or "").strip()
    if value and (not set(value) <= PHONE_CHARS or not 7 <= len(value.replace("-", "")) <= 12):
        errors[name] = f"“{value}”不是有效的电话号码"
    return value


# -- officers ----------------------------------------------------------------------------------

class CertificateType(models.TextChoices):
    PROVINCIAL = "provincial", "湖南省行政执法证"
    MINISTRY = "ministry", "国务院部门制发的执法证"
    OTHER = "other", "其他执法证件"


def valid_on(day: date) -> Q:
    """Officers whose certificate was valid on ``day``: issued, not yet expired, not revoked,
    not suspended (a suspension ends the day before the restoration date)."""
    return (Q(issued_on__lte=day, valid_until__gte=day)
            & (Q(revoked_on__isnull=True) | Q(revoked_on__gt=day))
            & (Q(suspended_on__isnull=True) | Q(suspended_on__gt=day)
               | Q(restored_on__isnull=False, restored_on__lte=day, restored_on__gte=models.F("suspended_on"))))


class Officer(Record):
    """An enforcement officer and the certificate held (执法人员持证, spec §12.2)."""

    name = models.CharField("姓名", max_length=50)
    certificate_no = models.CharField("执法证号", max_length=40, unique=True)
    certificate_type = models.CharField("证件类型", max_length=20, choices=CertificateType.choices,
                                        default=CertificateType.PROVINCIAL)
    enforcement_field = models.CharField("执法类别/领域", max_length=60, blank=True)
    issued_on = models.DateField("发证日期")
    valid_until = models.DateField("有效期至")
    id_number = models.CharField("公民身份号码", max_length=18, blank=True, help_text="仅内部使用，不公开")
    phone = models.CharField("联系电话", max_length=20, blank=True, help_text="仅内部使用，不公开")
    suspended_on = models.DateField("暂扣日期", null=True, blank=True)
    restored_on = models.DateField("恢复日期", null=True, blank=True)
    revoked_on = models.DateField("注销日期", null=True, blank=True)
    revoke_reason = models.CharField("注销原因", max_length=200, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)

    workflow = OFFICER_WORKFLOW
    personal_fields = {"id_number": "id_number", "phone": "phone"}
    # Looks personal, deliberately not masked (core.privacy; docs/personal-data.md):
    not_personal = {
        "name": "行政执法人员姓名与执法证号依行政执法公示制度公开（身份证号、电话仍脱敏）",
    }
    url_namespace = "enforcement:officers"

    class Meta:
        verbose_name = "执法人员"
        verbose_name_plural = "执法人员台账"
        ordering = ["unit__path", "certificate_no"]

    def __str__(self) -> str:
        return f"执法证 {self.certificate_no}"

    def status_on(self, day: date) -> str:
        """有效 / 暂扣 / 注销 / 过期 / 未发证 on ``day`` (the state the pages show for today)."""
        if self.revoked_on and self.revoked_on <= day:
            return "注销"
        if day < self.issued_on:
            return "未发证"
        if self.valid_until < day:
            return "过期"
        if self.suspended_on and self.suspended_on <= day and not (
                self.restored_on and self.suspended_on <= self.restored_on <= day):
            return "暂扣"
        return "有效"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        self.certificate_no = (self.certificate_no or "").strip().upper()
        self.id_number = _check_id(errors, "id_number", self.id_number)
        self.phone = _check_phone(errors, "phone", self.phone)
        if self.issued_on and self.valid_until and self.valid_until <= self.issued_on:
            errors["valid_until"] = "有效期至应晚于发证日期"
        if self.issued_on and self.year and self.issued_on.year != self.year:
            errors["year"] = "年度应为发证日期所在年度"
        for name in ("suspended_on", "revoked_on"):
            value = getattr(self, name)
            if value and self.issued_on and value < self.issued_on:
                errors[name] = "不能早于发证日期"
        if self.restored_on and (not self.suspended_on or self.restored_on < self.suspended_on):
            errors["restored_on"] = "恢复日期应在暂扣日期之后"
        if errors:
            raise ValidationError(errors)


class ExamResult(Record):
    """One candidate's result in the 行政执法资格考试 (spec §12.2: exam date, score, passed)."""

    candidate_name = models.CharField("考生姓名", max_length=50)
    id_number = models.CharField("公民身份号码", max_length=18, blank=True)
    exam_date = models.DateField("考试日期")
    score = models.DecimalField("成绩", max_digits=5, decimal_places=1)
    passed = models.BooleanField("通过", default=False, editable=False)
    certificate_no = models.CharField("取得的执法证号", max_length=40, blank=True, help_text="通过后发证的，填写证号")

    workflow = REGISTER_WORKFLOW
    personal_fields = {"candidate_name": "name", "id_number": "id_number"}
    url_namespace = "enforcement:exams"

    class Meta:
        verbose_name = "执法资格考试成绩"
        verbose_name_plural = "执法资格考试台账"
        ordering = ["-exam_date", "id"]
        constraints = [models.UniqueConstraint(fields=["unit", "exam_date", "candidate_name"],
                                               name="enforcement_exam_unique_candidate")]

    def __str__(self) -> str:
        return f"{self.exam_date:%Y-%m-%d} 执法资格考试成绩 #{self.pk or '新'}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.passed = self.score is not None and Decimal(self.score) >= rules.exam_pass_score()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        self.id_number = _check_id(errors, "id_number", self.id_number)
        if self.score is not None and not Decimal(0) <= self.score <= Decimal(100):
            errors["score"] = "成绩应在0至100分之间"
        if self.exam_date and self.year and self.exam_date.year != self.year:
            errors["exam_date"] = "考试日期应在所填年度内"
        if self.certificate_no and self.score is not None and self.score < rules.exam_pass_score():
            errors["certificate_no"] = "考试未通过的，不能填写执法证号"
        if errors:
            raise ValidationError(errors)


class TrainingRecord(Record):
    """Training hours of one officer in one course (spec §12.2 training hours per year)."""

    certificate_no = models.CharField("执法证号", max_length=40)
    officer = models.ForeignKey(Officer, verbose_name="执法人员", on_delete=models.CASCADE, related_name="trainings",
                                editable=False, null=True)
    course = models.CharField("培训内容", max_length=120)
    held_on = models.DateField("培训日期")
    hours = models.DecimalField("学时", max_digits=5, decimal_places=1)

    workflow = REGISTER_WORKFLOW
    url_namespace = "enforcement:trainings"

    class Meta:
        verbose_name = "执法人员培训"
        verbose_name_plural = "执法人员培训台账"
        ordering = ["-held_on", "id"]
        constraints = [models.UniqueConstraint(fields=["certificate_no", "held_on", "course"],
                                               name="enforcement_training_unique")]

    def __str__(self) -> str:
        return f"{self.certificate_no} {self.course}"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        self.certificate_no = (self.certificate_no or "").strip().upper()
        officer = Officer.objects.filter(certificate_no=self.certificate_no).first()
        if officer is None:
            errors["certificate_no"] = f"执法人员台账中没有执法证号“{self.certificate_no}”"
        elif self.unit_id and officer.unit_id != self.unit_id:
            errors["certificate_no"] = "该执法证号不属于所选单位的执法人员"
        else:
            self.officer = officer
        if self.hours is not None and not Decimal("0.5") <= self.hours <= Decimal(200):
            errors["hours"] = "学时应在0.5至200之间"
        if self.held_on and self.year and self.held_on.year != self.year:
            errors["held_on"] = "培训日期应在所填年度内"
        if errors:
            raise ValidationError(errors)


# -- licence list and discretion benchmarks (spec §13) -----------------------------------------

class PublishedItem(Record):
    published_on = models.DateField("公布日期", null=True, blank=True)
    repealed_on = models.DateField("废止日期", null=True, blank=True)

    workflow = PUBLICATION_WORKFLOW

    class Meta:
        abstract = True

    def clean_publication(self, errors: dict) -> None:
        if self.repealed_on and (not self.published_on or self.repealed_on < self.published_on):
            errors["repealed_on"] = "废止日期应在公布日期之后"


class LicenceItem(PublishedItem):
    """An item of the unit's 行政许可事项清单 (spec §13.2)."""

    item_code = models.CharField("事项编码", max_length=40)
    name = models.CharField("许可事项名称", max_length=200)
    basis = models.TextField("设定和实施依据")
    issuing_body = models.CharField("实施机关", max_length=100)
    conditions = models.TextField("许可条件", blank=True)
    time_limit_days = models.PositiveIntegerField("承诺办理时限（工作日）", null=True, blank=True)
    fee = models.CharField("收费情况", max_length=100, blank=True, default="不收费")
    commitment = models.BooleanField("实行告知承诺制", default=False)

    url_namespace = "enforcement:licences"

    class Meta:
        verbose_name = "行政许可事项"
        verbose_name_plural = "行政许可事项清单"
        ordering = ["-year", "item_code"]
        constraints = [models.UniqueConstraint(fields=["unit", "year", "item_code"],
                                               name="enforcement_licence_unique_code")]

    def __str__(self) -> str:
        return f"{self.item_code} {self.name}"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        self.clean_publication(errors)
        if errors:
            raise ValidationError(errors)


class Benchmark(PublishedItem):
    """A discretion benchmark entry (行政裁量权基准, 国办发〔2022〕27号; spec §13.2)."""

    class Kind(models.TextChoices):
        PENALTY = "penalty", "行政处罚"
        LICENCE = "licence", "行政许可"
        COERCION = "coercion", "行政强制"
        INSPECTION = "inspection", "行政检查"
        OTHER = "other", "其他"

    class Grade(models.TextChoices):
        EXEMPT = "exempt", "不予处罚（轻微免罚、首违不罚）"
        MINOR = "minor", "轻微"
        ORDINARY = "ordinary", "一般"
        SERIOUS = "serious", "严重"

    code = models.CharField("基准编号", max_length=40)
    kind = models.CharField("裁量类别", max_length=20, choices=Kind.choices, default=Kind.PENALTY)
    domain = models.CharField("执法领域", max_length=60)
    violation = models.CharField("违法行为", max_length=200)
    basis = models.TextField("法律依据")
    grade = models.CharField("违法程度", max_length=20, choices=Grade.choices)
    circumstances = models.TextField("适用情形", blank=True)
    penalty_range = models.CharField("裁量幅度", max_length=200)
    edition = models.CharField("版本号", max_length=20, default="1.0")

    url_namespace = "enforcement:benchmarks"

    class Meta:
        verbose_name = "裁量权基准"
        verbose_name_plural = "行政裁量权基准"
        ordering = ["-year", "code"]
        constraints = [models.UniqueConstraint(fields=["unit", "year", "code"],
                                               name="enforcement_benchmark_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.violation}（{self.get_grade_display()}）"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        self.clean_publication(errors)
        if errors:
            raise ValidationError(errors)


# -- enforcement decisions (执法公示 事后公开, spec §6.4 disclosure column) ------------------------

class DecisionType(models.TextChoices):
    LICENCE = "licence", "行政许可"
    PENALTY = "penalty", "行政处罚"
    COERCION = "coercion", "行政强制"
    INSPECTION = "inspection", "行政检查"
    OTHER = "other", "其他"


class PartyType(models.TextChoices):
    NATURAL = "natural", "自然人"
    INDIVIDUAL_BUSINESS = "individual_business", "个体工商户"
    LEGAL = "legal", "法人"
    OTHER_ORG = "other_org", "非法人组织"


class Decision(Record):
    """An enforcement decision and its public disclosure (spec §6.1 三项制度, §21.7 事后公开)."""

    doc_no = models.CharField("决定书文号", max_length=80)
    decision_type = models.CharField("决定类别", max_length=20, choices=DecisionType.choices)
    party_type = models.CharField("当事人类型", max_length=30, choices=PartyType.choices)
    party_org = models.CharField("当事人名称（单位、个体工商户字号）", max_length=120, blank=True)
    party_credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True)
    party_person = models.CharField("当事人姓名（自然人、经营者）", max_length=50, blank=True)
    party_id_number = models.CharField("当事人公民身份号码", max_length=18, blank=True)
    matter = models.CharField("案由/事项", max_length=200)
    basis = models.CharField("执法依据", max_length=300, blank=True)
    content = models.TextField("决定内容", blank=True)
    decided_on = models.DateField("决定日期")
    disclosed_on = models.DateField("公示日期", null=True, blank=True)
    disclosure_channel = models.CharField("公示渠道", max_length=100, blank=True,
                                          help_text="如政府门户网站执法公示专栏、国家企业信用信息公示系统")
    reversed_on = models.DateField("决定变更或撤销日期", null=True, blank=True,
                                   help_text="决定被依法变更、撤销、确认违法或确认无效之日")
    withdrawn_on = models.DateField("撤回公示日期", null=True, blank=True)
    withdrawal_reason = models.CharField("撤回理由", max_length=300, blank=True)

    workflow = DECISION_WORKFLOW
    personal_fields = {"party_person": "name", "party_id_number": "id_number"}
    url_namespace = "enforcement:decisions"
    # Disclosure: 7 working days (licences, penalties) or 20 working days (others) from the decision,
    # met on the disclosure date once published. Withdrawal: 3 days from the date a published decision
    # was reversed, met on withdrawal.
    tracked = (
        Tracked(rules.DISCLOSURE_KEY, lambda d: rules.disclosure_rule(d.decision_type), start="decided_on",
                met="disclosed_on", met_in=rules.DISCLOSED_STATES),
        Tracked(rules.WITHDRAWAL_KEY, rules.WITHDRAWAL, start="reversed_on", met="withdrawn_on", met_in=("withdrawn",),
                when=lambda d: d.state in rules.DISCLOSED_STATES),
    )

    class Meta:
        verbose_name = "行政执法决定"
        verbose_name_plural = "行政执法决定公示台账"
        ordering = ["-decided_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["unit", "doc_no"], name="enforcement_decision_unique_doc")]
        # the dashboard of one county among many: its units' decisions of a period
        indexes = [models.Index(fields=["unit", "decided_on"], name="enf_decision_unit_decided_idx")]

    def __str__(self) -> str:
        return self.doc_no

    @property
    def is_natural_person(self) -> bool:
        return self.party_type == PartyType.NATURAL

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        self.party_credit_code = (self.party_credit_code or "").strip().upper()
        self.party_id_number = _check_id(errors, "party_id_number", self.party_id_number)
        if self.party_credit_code and not is_valid_uscc(self.party_credit_code):
            errors["party_credit_code"] = BAD_USCC
        if self.party_type == PartyType.NATURAL:
            if not self.party_person.strip():
                errors["party_person"] = "当事人为自然人的，请填写姓名"
            if self.party_org.strip():
                errors["party_org"] = "当事人为自然人的，不填写单位名称"
        elif self.party_type:
            if not self.party_org.strip():
                errors["party_org"] = "当事人为法人、非法人组织或个体工商户的，请填写名称"
            if not self.party_credit_code and self.party_type != PartyType.INDIVIDUAL_BUSINESS:
                errors["party_credit_code"] = "当事人为法人或非法人组织的，请填写统一社会信用代码"
        if self.decided_on and self.year and self.decided_on.year != self.year:
            errors["decided_on"] = "决定日期应在所填年度内"
        if self.disclosed_on and self.decided_on and self.disclosed_on < self.decided_on:
            errors["disclosed_on"] = "公示日期不能早于决定日期"
        if self.reversed_on and self.decided_on and self.reversed_on < self.decided_on:
            errors["reversed_on"] = "变更或撤销日期不能早于决定日期"
        if self.withdrawn_on and not self.reversed_on:
            errors["withdrawn_on"] = "请先填写决定变更或撤销日期"
        elif self.withdrawn_on and self.withdrawn_on < self.reversed_on:
            errors["withdrawn_on"] = "撤回日期不能早于决定变更或撤销日期"
        if self.withdrawn_on and self.disclosed_on and self.withdrawn_on < self.disclosed_on:
            errors["withdrawn_on"] = "撤回日期不能早于公示日期"
        if self.state in ("published", "withdrawn") and not self.disclosed_on:
            errors["disclosed_on"] = "已公示的决定不能清空公示日期"
        if errors:
            raise ValidationError(errors)


# -- enforcement supervision: case-file review (spec §11) --------------------------------------

class Campaign(Record):
    """A case-file review campaign (案卷评查活动): the unit is the organiser."""

    class Kind(models.TextChoices):
        OWN = "own", "本级组织评查"
        JOINT = "joint", "市区联合评查"

    title = models.CharField("活动名称", max_length=200)
    kind = models.CharField("评查形式", max_length=20, choices=Kind.choices)
    organiser = models.CharField("组织单位", max_length=120, help_text="联合评查的，写明牵头和参加单位")
    scope_note = models.CharField("评查范围", max_length=200, blank=True, help_text="如交通运输执法领域2023年办结案卷")
    held_on = models.DateField("评查日期", null=True, blank=True)
    issued_on = models.DateField("通报日期", null=True, blank=True)
    summary = models.TextField("评查情况通报", blank=True)

    workflow = CAMPAIGN_WORKFLOW
    url_namespace = "enforcement:campaigns"

    class Meta:
        verbose_name = "案卷评查活动"
        verbose_name_plural = "案卷评查活动台账"
        ordering = ["-year", "-held_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["unit", "year", "title"], name="enforcement_campaign_unique")]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.held_on and self.year and self.held_on.year != self.year:
            errors["held_on"] = "评查日期应在所填年度内"
        if self.issued_on and (not self.held_on or self.issued_on < self.held_on):
            errors["issued_on"] = "通报日期应在评查日期之后"
        if errors:
            raise ValidationError(errors)


class Grade(models.TextChoices):
    EXCELLENT = "excellent", "优秀"
    ACCEPTABLE = "acceptable", "合格"
    FAILED = "failed", "不合格"


class IssueCategory(models.TextChoices):
    SUBJECT = "subject", "执法主体"
    FACTS = "facts", "事实认定"
    EVIDENCE = "evidence", "证据"
    LAW = "law", "法律适用"
    PROCEDURE = "procedure", "程序"
    DOCUMENTS = "documents", "文书"
    ARCHIVING = "archiving", "归档"


def grade_of(total: Decimal | None) -> str:
    if total is None:
        return ""
    excellent, acceptable = rules.grade_thresholds()
    if total >= excellent:
        return Grade.EXCELLENT
    return Grade.ACCEPTABLE if total >= acceptable else Grade.FAILED


class FileReview(Record):
    """One case file's score sheet (评查表) in a campaign, with findings and rectification."""

    campaign = models.ForeignKey(Campaign, verbose_name="评查活动", on_delete=models.CASCADE, related_name="files")
    reviewed_unit = models.ForeignKey("core.Unit", verbose_name="被评查单位", on_delete=models.PROTECT,
                                      related_name="+")
    case_no = models.CharField("案卷号/决定书文号", max_length=80)
    case_type = models.CharField("案卷类别", max_length=20, choices=DecisionType.choices)
    closed_on = models.DateField("结案日期", null=True, blank=True)
    score_subject = models.DecimalField("执法主体合法", max_digits=4, decimal_places=1, null=True, blank=True)
    score_facts = models.DecimalField("事实认定清楚", max_digits=4, decimal_places=1, null=True, blank=True)
    score_evidence = models.DecimalField("证据确凿充分", max_digits=4, decimal_places=1, null=True, blank=True)
    score_law = models.DecimalField("适用依据正确", max_digits=4, decimal_places=1, null=True, blank=True)
    score_procedure = models.DecimalField("程序合法", max_digits=4, decimal_places=1, null=True, blank=True)
    score_documents = models.DecimalField("文书规范、归档完整", max_digits=4, decimal_places=1, null=True, blank=True)
    total = models.DecimalField("总分", max_digits=5, decimal_places=1, null=True, editable=False)
    grade = models.CharField("等次", max_length=20, choices=Grade.choices, blank=True, editable=False)
    reviewers = models.CharField("评查人员", max_length=200, blank=True)
    issue_category = models.CharField("问题类别", max_length=20, choices=IssueCategory.choices, blank=True)
    findings = models.TextField("发现的问题", blank=True)
    rectification_due = models.DateField("整改期限", null=True, blank=True)
    rectified_on = models.DateField("整改完成日期", null=True, blank=True)
    rectification_note = models.CharField("整改情况", max_length=300, blank=True)

    workflow = REVIEW_WORKFLOW
    url_namespace = "enforcement:reviews"

    # Looks personal, deliberately not masked (core.privacy; docs/personal-data.md):
    not_personal = {
        "reviewers": "案卷评查人员以职务身份记录，仅内部台账",
    }

    class Meta:
        verbose_name = "案卷评查表"
        verbose_name_plural = "案卷评查表"
        ordering = ["campaign", "reviewed_unit__path", "case_no"]
        constraints = [models.UniqueConstraint(fields=["campaign", "case_no"], name="enforcement_review_unique_case")]

    def __str__(self) -> str:
        return f"评查表 {self.case_no}"

    def missing_scores(self) -> list[str]:
        return [label for name, (label, _p) in rules.REVIEW_ITEMS.items() if getattr(self, name) is None]

    def compute_total(self) -> None:
        scores = [getattr(self, name) for name in rules.REVIEW_ITEMS]
        self.total = None if None in scores else sum((Decimal(s) for s in scores), Decimal(0))
        self.grade = grade_of(self.total)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.compute_total()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.campaign_id and self.unit_id and self.campaign.unit_id != self.unit_id:
            errors["campaign"] = "评查表应由评查活动的组织单位登记"
        if self.campaign_id and self.year and self.campaign.year != self.year:
            errors["year"] = "年度应与评查活动一致"
        points = rules.review_points()
        for name, (label, _p) in rules.REVIEW_ITEMS.items():
            value = getattr(self, name)
            if value is not None and not Decimal(0) <= value <= points[name]:
                errors[name] = f"{label}的得分应在0至{_num(points[name])}分之间"
        if self.rectified_on and not self.rectification_due:
            errors["rectified_on"] = "未交办整改的，不填写整改完成日期"
        if self.state in ("scored", "rectifying", "rectified") and self.missing_scores():
            errors["__all__"] = "已完成评分的评查表不能清空得分"
        if errors:
            raise ValidationError(errors)
        self.compute_total()


def expiring(day: date) -> date:
    return day + timedelta(days=rules.EXPIRY_ALERT_DAYS)
