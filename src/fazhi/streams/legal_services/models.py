"""Ledgers of public legal services (公共法律服务, spec §7): village legal advisers and their
duty consultations, duty days and lectures; legal-aid applications; the certificate items under
the notification-and-commitment system and their verification records."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from fazhi.core.deadlines import Pause, Tracked
from fazhi.core.identifiers import BAD_ID, is_valid_id_number
from fazhi.core.images import photo_path
from fazhi.core.ledger import Record
from fazhi.core.models import Unit
from fazhi.streams.legal_services import rules
from fazhi.streams.legal_services.workflow import (
    APPOINTMENT_WORKFLOW,
    COMMITMENT_WORKFLOW,
    CONSULTATION_WORKFLOW,
    DECIDED,
    DUTY_WORKFLOW,
    GRANTED,
    ITEM_WORKFLOW,
    LECTURE_WORKFLOW,
    LEGAL_AID_WORKFLOW,
)

BAD_PHONE = "联系电话格式不正确（应为手机号码或带区号的固定电话）"
VILLAGE_ONLY = "请选择村（社区）"


def phone_is_valid(value: str) -> bool:
    """Mobile or fixed-line numbers (7–12 digits, or 0xxx-xxxxxxx)."""
    if value.isdigit():
        return 7 <= len(value) <= 12
    return value.startswith("0") and "-" in value and value.replace("-", "").isdigit()


def _clean_phone(record, name: str, errors: dict[str, str]) -> None:
    value = (getattr(record, name) or "").strip()
    setattr(record, name, value)
    if value and not phone_is_valid(value):
        errors[name] = BAD_PHONE


def _clean_year(record, name: str, errors: dict[str, str]) -> None:
    value = getattr(record, name)
    if value and record.year and value.year != record.year and name not in errors:
        label = record._meta.get_field(name).verbose_name
        errors[name] = f"{label}应在所填年度内"


def _clean_order(record, pairs, errors: dict[str, str]) -> None:
    for later, earlier in pairs:
        a, b = getattr(record, later), getattr(record, earlier)
        if a and b and a < b and later not in errors:
            la = record._meta.get_field(later).verbose_name
            lb = record._meta.get_field(earlier).verbose_name
            errors[later] = f"{la}不能早于{lb}"


def _raise(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)


def _village_of(record, errors: dict[str, str], field: str = "unit") -> None:
    unit = getattr(record, f"{field}_id") and getattr(record, field)
    if unit and unit.kind != Unit.Kind.VILLAGE:
        errors[field] = VILLAGE_ONLY


# -- 一村一法律顾问 -----------------------------------------------------------------------------------

class AdvisorAppointment(Record):
    """The appointment of a lawyer as legal adviser of one village or community (一村一法律顾问).

    The record's unit is the appointing body (司法局); the appointment is current on every day
    its contract period covers."""

    village = models.ForeignKey(Unit, verbose_name="村（社区）", on_delete=models.PROTECT, related_name="+",
                                limit_choices_to={"kind": Unit.Kind.VILLAGE})
    advisor_name = models.CharField("法律顾问", max_length=50)
    law_firm = models.CharField("律师事务所", max_length=100)
    advisor_phone = models.CharField("联系电话", max_length=20, blank=True)
    contract_start = models.DateField("聘期起始")
    contract_end = models.DateField("聘期截止", null=True, blank=True, help_text="解聘的，填写解聘日期")
    duty_days_per_month = models.PositiveSmallIntegerField("每月值班天数", default=2)
    notes = models.TextField("备注", blank=True)

    workflow = APPOINTMENT_WORKFLOW
    url_namespace = "legal_services:advisors"
    personal_fields = {"advisor_phone": "phone"}
    # Looks personal, deliberately not masked (core.privacy; docs/personal-data.md):
    not_personal = {
        "advisor_name": "村（社区）法律顾问姓名按“一村一法律顾问”要求公示（电话脱敏）",
    }

    class Meta:
        verbose_name = "法律顾问聘任"
        verbose_name_plural = "村（社区）法律顾问聘任台账"
        ordering = ["village__path", "-contract_start", "-id"]

    def __str__(self) -> str:
        end = f"{self.contract_end:%Y-%m-%d}" if self.contract_end else "至今"
        village = self.village.name if self.village_id else ""
        return f"{village}法律顾问聘任（{self.contract_start:%Y-%m-%d}～{end}）"

    @classmethod
    def current_on(cls, day: date) -> models.QuerySet[AdvisorAppointment]:
        return cls.objects.filter(contract_start__lte=day).filter(Q(contract_end__isnull=True)
                                                                    | Q(contract_end__gte=day))

    @classmethod
    def overlapping(cls, start: date, end: date) -> models.QuerySet[AdvisorAppointment]:
        return cls.objects.filter(contract_start__lte=end).filter(Q(contract_end__isnull=True)
                                                                  | Q(contract_end__gte=start))

    def is_current(self, day: date) -> bool:
        return self.contract_start <= day and (self.contract_end is None or self.contract_end >= day)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if not self.village_id:
            errors["village"] = "请填写本区的村（社区）全称"
        _village_of(self, errors, "village")
        _clean_phone(self, "advisor_phone", errors)
        _clean_order(self, [("contract_end", "contract_start")], errors)
        if self.village_id and self.contract_start and "village" not in errors and "contract_end" not in errors:
            others = AdvisorAppointment.overlapping(self.contract_start, self.contract_end or date.max).filter(
                village_id=self.village_id, advisor_name=self.advisor_name.strip()).exclude(pk=self.pk)
            if others.exists():
                errors["contract_start"] = "该法律顾问在此期间已有该村（社区）的聘任记录"
        _raise(errors)


class Consultation(Record):
    """One question answered by a village legal adviser (值班咨询日志). The record's unit is
    the village or community; the person who asked may stay anonymous."""

    class Category(models.TextChoices):
        FAMILY = "family", "婚姻家庭继承"
        LAND = "land", "土地承包流转"
        HOUSING = "housing", "宅基地房屋"
        LABOUR = "labour", "劳动用工工资"
        DEBT = "debt", "借贷合同债务"
        NEIGHBOUR = "neighbour", "邻里纠纷"
        DAMAGES = "damages", "人身财产损害"
        TRAFFIC = "traffic", "交通事故"
        CONSUMER = "consumer", "消费维权"
        ADMIN = "admin", "行政事务"
        OTHER = "other", "其他"

    class Disposition(models.TextChoices):
        ANSWERED = "answered", "当场解答"
        LITIGATION = "litigation", "引导诉讼"
        MEDIATION = "mediation", "转人民调解"
        LEGAL_AID = "legal_aid", "转法律援助"
        PETITION = "petition", "引导信访等其他途径"
        OTHER = "other", "转有关部门"

    class Channel(models.TextChoices):
        ON_SITE = "on_site", "驻村值班咨询"
        ONLINE = "online", "网上咨询"

    consulted_on = models.DateField("咨询日期")
    advisor = models.CharField("法律顾问", max_length=50)
    consulter_name = models.CharField("咨询人", max_length=50, blank=True, help_text="可不填（匿名咨询）")
    consulter_phone = models.CharField("咨询人电话", max_length=20, blank=True)
    category = models.CharField("问题类别", max_length=12, choices=Category.choices)
    summary = models.CharField("问题摘要", max_length=300)
    disposition = models.CharField("处理方式", max_length=12, choices=Disposition.choices,
                                   default=Disposition.ANSWERED)
    answer = models.TextField("解答意见", blank=True)
    slip_photo = models.FileField("咨询登记单照片", upload_to=photo_path, blank=True, max_length=200,
                                  help_text="咨询登记单，手机拍照上传（JPEG 或 PNG）")
    channel = models.CharField("咨询渠道", max_length=10, choices=Channel.choices, default=Channel.ON_SITE,
                               help_text="网上咨询的解答意见将显示在咨询人的“我的办件”中")

    workflow = CONSULTATION_WORKFLOW
    url_namespace = "legal_services:consultations"
    personal_fields = {"consulter_name": "name", "consulter_phone": "phone"}

    class Meta:
        verbose_name = "值班咨询"
        verbose_name_plural = "值班咨询日志"
        ordering = ["-year", "-consulted_on", "-id"]
        indexes = [models.Index(fields=["consulted_on"], name="legal_consult_date_idx"),
                   # the dashboard of one county among many: its villages' consultations of a period
                   models.Index(fields=["unit", "consulted_on"], name="legal_consult_unit_date_idx")]

    def __str__(self) -> str:
        return f"{self.consulted_on:%Y-%m-%d} {self.get_category_display()}咨询（第{self.pk or '新'}号）"

    @property
    def tracking_no(self) -> str:
        """The number a citizen who asked online sees in 我的办件."""
        return f"FLZX{self.pk:06d}" if self.pk else ""

    def clean(self) -> None:
        errors: dict[str, str] = {}
        _village_of(self, errors)
        _clean_phone(self, "consulter_phone", errors)
        self.summary = (self.summary or "").strip()
        _clean_year(self, "consulted_on", errors)
        _raise(errors)


class DutyDay(Record):
    """One duty day of a village legal adviser (驻村值班)."""

    duty_on = models.DateField("值班日期")
    advisor = models.CharField("法律顾问", max_length=50)
    hours = models.DecimalField("值班时长（小时）", max_digits=4, decimal_places=1, null=True, blank=True)
    documents_reviewed = models.PositiveIntegerField("审查村务文书（份）", default=0)
    disputes_mediated = models.PositiveIntegerField("参与调解纠纷（件）", default=0)
    notes = models.TextField("值班情况", blank=True)

    workflow = DUTY_WORKFLOW
    url_namespace = "legal_services:duty"

    class Meta:
        verbose_name = "值班记录"
        verbose_name_plural = "法律顾问值班台账"
        ordering = ["-year", "-duty_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["unit", "duty_on", "advisor"], name="legal_duty_once_per_day",
                                               violation_error_message="该法律顾问当天在该村（社区）的值班已登记")]

    def __str__(self) -> str:
        return f"{self.duty_on:%Y-%m-%d} 值班"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        _village_of(self, errors)
        _clean_year(self, "duty_on", errors)
        if self.hours is not None and not (0 < self.hours <= 24):
            errors["hours"] = "值班时长应在0至24小时之间"
        _raise(errors)


class Lecture(Record):
    """A rule-of-law lecture given in a village or community (法治讲座)."""

    planned_on = models.DateField("计划日期", null=True, blank=True)
    held_on = models.DateField("举办日期", null=True, blank=True)
    topic = models.CharField("讲座主题", max_length=200)
    speaker = models.CharField("主讲人", max_length=50)
    audience = models.PositiveIntegerField("听众人数", null=True, blank=True)
    notes = models.TextField("备注", blank=True)

    workflow = LECTURE_WORKFLOW
    url_namespace = "legal_services:lectures"

    # Looks personal, deliberately not masked (core.privacy; docs/personal-data.md):
    not_personal = {
        "speaker": "主讲人以职务或受邀专家身份记录，非当事人信息",
    }

    class Meta:
        verbose_name = "法治讲座"
        verbose_name_plural = "法治讲座台账"
        ordering = ["-year", "-held_on", "-id"]

    def __str__(self) -> str:
        return self.topic

    def clean(self) -> None:
        errors: dict[str, str] = {}
        _village_of(self, errors)
        _clean_year(self, "held_on", errors)
        if self.audience is not None and self.audience < 1:
            errors["audience"] = "听众人数至少为1"
        _raise(errors)


# -- 法律援助 ---------------------------------------------------------------------------------------

class LegalAidApplication(Record):
    """One legal-aid application (法律援助申请, 《法律援助法》 2021). The unit is the legal-aid
    body that received it (申请通办: the receiving place may differ from the competent one)."""

    class CaseType(models.TextChoices):
        CRIMINAL = "criminal", "刑事"
        CIVIL = "civil", "民事"
        ADMINISTRATIVE = "administrative", "行政"
        NON_LITIGATION = "non_litigation", "非诉讼事项"

    class Channel(models.TextChoices):
        WINDOW = "window", "窗口申请"
        ONLINE = "online", "网上申请"
        REMOTE = "remote", "异地通办"
        NOTIFIED = "notified", "办案机关通知"

    application_no = models.CharField("申请编号", max_length=40, unique=True,
                                      error_messages={"unique": "该申请编号已存在"})
    applied_on = models.DateField("申请日期")
    channel = models.CharField("申请渠道", max_length=10, choices=Channel.choices, default=Channel.WINDOW)
    applicant_name = models.CharField("申请人姓名", max_length=50)
    applicant_id_number = models.CharField("公民身份号码", max_length=18)
    applicant_phone = models.CharField("联系电话", max_length=20, blank=True)
    applicant_address = models.CharField("住址", max_length=200, blank=True)
    case_type = models.CharField("案件类型", max_length=16, choices=CaseType.choices)
    matter = models.CharField("申请事项", max_length=200)
    hardship_basis = models.CharField("经济困难依据", max_length=100, blank=True,
                                      help_text="如低保证明、个人诚信承诺（法律援助法 第四十一条）；属敏感个人信息")
    supplement_requested_on = models.DateField("告知补正日期", null=True, blank=True)
    supplement_items = models.CharField("需补正材料", max_length=200, blank=True)
    supplement_received_on = models.DateField("补正材料收到日期", null=True, blank=True)
    decided_on = models.DateField("决定日期", null=True, blank=True)
    refusal_reason = models.CharField("不予援助理由", max_length=200, blank=True)
    assigned_on = models.DateField("指派日期", null=True, blank=True)
    lawyer = models.CharField("法律援助人员", max_length=50, blank=True)
    law_firm = models.CharField("所在律师事务所/机构", max_length=100, blank=True)
    closed_on = models.DateField("结案日期", null=True, blank=True)
    closing_summary = models.TextField("结案情况", blank=True)

    workflow = LEGAL_AID_WORKFLOW
    url_namespace = "legal_services:aid"
    # 法律援助法 第四十三条: decide within 7 days of the application (补正 not counted), met on the
    # decision; once aid is granted, assign within 3 days of the decision, met on the assignment.
    # A withdrawn application has neither.
    tracked = (
        Tracked(rules.DECIDE, lambda a: rules.rule(rules.DECIDE), start="applied_on", met="decided_on",
                met_in=DECIDED, when=lambda a: a.state != "withdrawn",
                pauses=lambda a: [Pause(a.supplement_requested_on, a.supplement_received_on, rules.SUPPLEMENT)]
                if a.supplement_requested_on else []),
        Tracked(rules.ASSIGN, lambda a: rules.rule(rules.ASSIGN), start="decided_on", met="assigned_on",
                met_in=("assigned", "closed"), when=lambda a: a.is_granted),
    )
    personal_fields = {"applicant_name": "name", "applicant_id_number": "id_number",
                       "applicant_phone": "phone", "applicant_address": "address"}
    # Looks personal, deliberately not masked (core.privacy; docs/personal-data.md):
    not_personal = {
        "lawyer": "指派的法律援助人员以职务身份记录",
    }
    # Sensitive personal information (个人信息保护法 第二十八条): hidden whole wherever personal
    # data is masked, never exported.
    sensitive_fields = ("hardship_basis",)

    class Meta:
        verbose_name = "法律援助申请"
        verbose_name_plural = "法律援助申请台账"
        ordering = ["-year", "-applied_on", "-id"]

    def __str__(self) -> str:
        return f"{self.application_no} {self.get_case_type_display()}法律援助"

    @property
    def is_granted(self) -> bool:
        return self.state in GRANTED

    def clean(self) -> None:
        errors: dict[str, str] = {}
        self.applicant_id_number = (self.applicant_id_number or "").strip().upper()
        if self.applicant_id_number and not is_valid_id_number(self.applicant_id_number):
            errors["applicant_id_number"] = BAD_ID
        _clean_phone(self, "applicant_phone", errors)
        _clean_year(self, "applied_on", errors)
        _clean_order(self, [
            ("supplement_requested_on", "applied_on"), ("supplement_received_on", "supplement_requested_on"),
            ("decided_on", "applied_on"), ("decided_on", "supplement_received_on"),
            ("assigned_on", "decided_on"), ("closed_on", "assigned_on"),
        ], errors)
        if self.supplement_received_on and not self.supplement_requested_on and "supplement_received_on" not in errors:
            errors["supplement_received_on"] = "请先填写告知补正日期"
        if self.assigned_on and not self.decided_on and "assigned_on" not in errors:
            errors["assigned_on"] = "请先填写决定日期"
        if self.state == "refused" and (self.assigned_on or self.lawyer):
            errors["lawyer"] = "不予援助的申请不能指派法律援助人员"
        _raise(errors)


# -- 证明事项告知承诺制 ----------------------------------------------------------------------------------

class CertificationItem(Record):
    """A certificate that a department no longer demands when the applicant makes a written
    commitment (证明事项告知承诺制清单, 国办发〔2020〕42号; 优化营商环境条例 第四十四条)."""

    class Method(models.TextChoices):
        DATA = "data", "数据共享核查"
        ON_SITE = "on_site", "现场核查"
        EX_POST = "ex_post", "事后抽查"
        INQUIRY = "inquiry", "函询核查"

    name = models.CharField("证明事项名称", max_length=200)
    matter = models.CharField("适用的办理事项", max_length=200)
    legal_basis = models.CharField("设定依据", max_length=300)
    issuing_unit = models.CharField("原出具证明单位", max_length=100)
    method = models.CharField("核查方式", max_length=10, choices=Method.choices)
    verification_days = models.PositiveSmallIntegerField("核查时限（工作日）", default=20)
    listed_on = models.DateField("列入清单日期")
    withdrawn_on = models.DateField("移出清单日期", null=True, blank=True)

    workflow = ITEM_WORKFLOW
    url_namespace = "legal_services:items"

    class Meta:
        verbose_name = "告知承诺证明事项"
        verbose_name_plural = "证明事项告知承诺清单"
        ordering = ["unit__path", "name"]
        constraints = [models.UniqueConstraint(fields=["unit", "name", "matter"], name="legal_item_unique",
                                               violation_error_message="本单位该办理事项的证明事项已在清单中")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, str] = {}
        _clean_order(self, [("withdrawn_on", "listed_on")], errors)
        if self.verification_days is not None and self.verification_days < 1:
            errors["verification_days"] = "核查时限至少为1个工作日"
        _raise(errors)


class CommitmentCase(Record):
    """One matter handled on the applicant's commitment, and its verification (核查)."""

    class Result(models.TextChoices):
        TRUE = "true", "属实"
        FALSE = "false", "不实"

    class FollowUp(models.TextChoices):
        TERMINATED = "terminated", "终止办理"
        RECTIFY = "rectify", "责令限期整改"
        REVOKED = "revoked", "撤销行政决定"
        PENALISED = "penalised", "依法予以处罚"
        CREDIT = "credit", "记入信用记录"

    case_no = models.CharField("办件编号", max_length=40, unique=True, error_messages={"unique": "该办件编号已存在"})
    item = models.ForeignKey(CertificationItem, verbose_name="证明事项", on_delete=models.PROTECT,
                             related_name="cases")
    applicant_name = models.CharField("申请人", max_length=100)
    applicant_id_number = models.CharField("申请人身份号码", max_length=18, blank=True)
    committed_on = models.DateField("承诺日期")
    decided_on = models.DateField("办结日期", null=True, blank=True)
    verified_on = models.DateField("核查日期", null=True, blank=True)
    result = models.CharField("核查结果", max_length=6, choices=Result.choices, blank=True)
    follow_up = models.CharField("不实后续处理", max_length=12, choices=FollowUp.choices, blank=True)
    follow_up_on = models.DateField("处理日期", null=True, blank=True)
    follow_up_note = models.TextField("处理情况", blank=True)

    workflow = COMMITMENT_WORKFLOW
    url_namespace = "legal_services:verifications"
    # The verification period of the item counts from the commitment date; met once verified.
    tracked = (Tracked(rules.VERIFY, lambda c: rules.verification_rule(c.item.verification_days, c.item.name),
                       start="committed_on", met=lambda c: c.verified_on if c.state != "pending" else None,
                       when=lambda c: c.item_id is not None),)
    personal_fields = {"applicant_name": "name", "applicant_id_number": "id_number"}

    class Meta:
        verbose_name = "告知承诺核查"
        verbose_name_plural = "告知承诺核查台账"
        ordering = ["-year", "-committed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.case_no} 告知承诺核查"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        self.applicant_id_number = (self.applicant_id_number or "").strip().upper()
        if self.applicant_id_number and not is_valid_id_number(self.applicant_id_number):
            errors["applicant_id_number"] = BAD_ID
        _clean_year(self, "committed_on", errors)
        _clean_order(self, [("decided_on", "committed_on"), ("verified_on", "committed_on"),
                            ("follow_up_on", "verified_on")], errors)
        if self.item_id and self.unit_id and self.item.unit_id != self.unit_id:
            errors["item"] = "只能选择本单位清单中的证明事项"
        if self.result and not self.verified_on:
            errors["verified_on"] = "填写核查结果的，请同时填写核查日期"
        if (self.follow_up or self.follow_up_on) and self.result != self.Result.FALSE:
            errors["follow_up"] = "只有核查结果为“不实”的才需后续处理"
        _raise(errors)
