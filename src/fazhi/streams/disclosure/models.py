"""The 依申请公开 ledger: one row per request for government information (spec §4.4).

The receipt date is not typed in: it follows from the channel and the date the channel's
rule names (政府信息公开条例 第三十一条), see ``receipt_of``.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from fazhi.core.deadlines import Extension, Pause, Tracked
from fazhi.core.identifiers import BAD_ID, BAD_USCC, is_valid_id_number, is_valid_uscc
from fazhi.core.ledger import Record
from fazhi.streams.disclosure import rules
from fazhi.streams.disclosure.workflow import CONCLUDED_STATES, DISCLOSURE_WORKFLOW, EARLY_STATES

PHONE_RE = re.compile(r"^(\d{7,12}|0\d{2,3}-\d{7,8})$")


class Channel(models.TextChoices):
    """How the request was submitted; each has its own receipt-date rule (条例 第三十一条)."""

    IN_PERSON = "in_person", "当面提交"
    MAIL_SIGNED = "mail_signed", "邮寄（需签收）"
    MAIL_ORDINARY = "mail_ordinary", "邮寄（平常信函等无需签收）"
    ONLINE = "online", "互联网渠道"
    FAX = "fax", "传真"


class ApplicantType(models.TextChoices):
    """The six applicant columns of table 三 of the GIP annual report (spec §21.6)."""

    NATURAL = "natural", "自然人"
    COMMERCIAL = "commercial", "法人或其他组织—商业企业"
    RESEARCH = "research", "法人或其他组织—科研机构"
    WELFARE = "welfare", "法人或其他组织—社会公益组织"
    LEGAL_SERVICE = "legal_service", "法人或其他组织—法律服务机构"
    OTHER_ORG = "other_org", "法人或其他组织—其他"


class ReplyType(models.TextChoices):
    """Reply types of 条例 第三十六条 (with 第三十七条 partial disclosure, 第三十九条 not handled)."""

    PUBLIC = "public", "予以公开"
    ALREADY_PUBLIC = "already_public", "已主动公开（告知获取方式和途径）"
    PARTIAL = "partial", "部分公开"
    REFUSED = "refused", "不予公开"
    NO_INFO = "no_info", "无法提供"
    NOT_PROCESSED = "not_processed", "不予处理"
    SPECIAL_CHANNEL = "special_channel", "告知依照特别规定办理（工商、不动产登记资料等）"
    OTHER = "other", "其他处理"


class ReplyReason(models.TextChoices):
    """Sub-rows of table 三 (三)(四)(五)(六); the prefix names the reply type they belong to."""

    REFUSED_SECRET = "refused_secret", "不予公开—属于国家秘密"
    REFUSED_LAW = "refused_law", "不予公开—其他法律行政法规禁止公开"
    REFUSED_SECURITY = "refused_security", "不予公开—危及“三安全一稳定”"
    REFUSED_THIRD_PARTY = "refused_third_party", "不予公开—保护第三方合法权益"
    REFUSED_INTERNAL = "refused_internal", "不予公开—属于三类内部事务信息"
    REFUSED_PROCESS = "refused_process", "不予公开—属于四类过程性信息"
    REFUSED_ENFORCEMENT = "refused_enforcement", "不予公开—属于行政执法案卷"
    REFUSED_QUERY = "refused_query", "不予公开—属于行政查询事项"
    NO_INFO_NOT_HELD = "no_info_not_held", "无法提供—本机关不掌握相关政府信息"
    NO_INFO_CREATE = "no_info_create", "无法提供—没有现成信息需要另行制作"
    NO_INFO_UNCLEAR = "no_info_unclear", "无法提供—补正后申请内容仍不明确"
    NOT_PROCESSED_PETITION = "not_processed_petition", "不予处理—信访举报投诉类申请"
    NOT_PROCESSED_REPEAT = "not_processed_repeat", "不予处理—重复申请"
    NOT_PROCESSED_PUBLICATION = "not_processed_publication", "不予处理—要求提供公开出版物"
    NOT_PROCESSED_EXCESSIVE = "not_processed_excessive", "不予处理—无正当理由大量反复申请"
    NOT_PROCESSED_CONFIRM = "not_processed_confirm", "不予处理—要求行政机关确认或重新出具已获取信息"
    OTHER_NO_SUPPLEMENT = "other_no_supplement", "其他处理—申请人无正当理由逾期不补正"
    OTHER_FEE_UNPAID = "other_fee_unpaid", "其他处理—申请人逾期未按收费通知要求缴纳费用"
    OTHER_OTHER = "other_other", "其他处理—其他"


# Which reasons a reply type accepts (a partial disclosure states why the rest is withheld).
REASON_PREFIX: dict[str, str] = {
    ReplyType.PARTIAL: "refused_",
    ReplyType.REFUSED: "refused_",
    ReplyType.NO_INFO: "no_info_",
    ReplyType.NOT_PROCESSED: "not_processed_",
    ReplyType.OTHER: "other_",
}


class ChallengeOutcome(models.TextChoices):
    """Columns of table 四 of the GIP annual report (行政复议 / 行政诉讼)."""

    UPHELD = "upheld", "结果维持"
    CORRECTED = "corrected", "结果纠正"
    OTHER = "other", "其他结果"
    PENDING = "pending", "尚未审结"


def receipt_of(channel: str, submitted_on: date | None, signed_on: date | None,
               confirmed_on: date | None) -> tuple[date | None, str, dict[str, str]]:
    """The receipt date of a request, its basis, and the missing facts (条例 第三十一条).

    In person: the day of submission (第一项). Mail that is signed for: the day the office
    signed (第二项). Ordinary mail: the day the office confirmed with the applicant, which it
    must do on the day it gets the letter (第二项). Internet or fax: the day both sides
    confirmed (第三项).
    """
    if channel == Channel.IN_PERSON:
        if submitted_on is None:
            return None, "", {"submitted_on": "当面提交的，请填写提交日期"}
        return submitted_on, "当面提交，以提交之日为收到申请之日（政府信息公开条例 第三十一条第一项）", {}
    if channel == Channel.MAIL_SIGNED:
        if signed_on is None:
            return None, "", {"signed_on": "邮寄需签收的，请填写签收日期"}
        return signed_on, "邮寄提交，以行政机关签收之日为收到申请之日（政府信息公开条例 第三十一条第二项）", {}
    if channel == Channel.MAIL_ORDINARY:
        if confirmed_on is None:
            return None, "", {"confirmed_on": "平常信函等无需签收的，请填写与申请人确认之日"}
        return confirmed_on, ("平常信函提交，收到当日与申请人确认，以确认之日为收到申请之日"
                              "（政府信息公开条例 第三十一条第二项）"), {}
    if channel in (Channel.ONLINE, Channel.FAX):
        if confirmed_on is None:
            return None, "", {"confirmed_on": "通过互联网渠道或传真提交的，请填写双方确认之日"}
        label = "互联网渠道" if channel == Channel.ONLINE else "传真"
        return confirmed_on, f"通过{label}提交，以双方确认之日为收到申请之日（政府信息公开条例 第三十一条第三项）", {}
    return None, "", {"channel": "请选择提交方式"}


# -- the declared deadlines (core.deadlines.Tracked), read from the request's own dates ----------

SUPPLEMENT_WAIT = "等待申请人补正，答复期限自收到补正之日起重新计算"
CONSULTING = "征求第三方意见，所需时间不计算在答复期限内"


def _supplement_asked(r: DisclosureRequest) -> bool:
    """The applicant was told to supplement (the request went through ``request_supplement``)."""
    return r.state in ("supplement_requested", "deemed_withdrawn") or (
        r.supplement_received_on is not None and r.supplement_requested_on is not None
        and r.state not in EARLY_STATES)


def _restarted(r: DisclosureRequest) -> bool:
    """The supplement was received: the reply period counts again from it (条例 第三十条)."""
    return _supplement_asked(r) and r.state not in ("supplement_requested", "deemed_withdrawn")


def _consulted(r: DisclosureRequest) -> bool:
    """A third party was consulted (``consult``): under way, or its end recorded (``consult_done``)."""
    return r.consult_started_on is not None and (r.state == "third_party_consult" or r.consult_ended_on is not None)


def _consult_end(r: DisclosureRequest) -> date | None:
    return r.consult_ended_on if r.state != "third_party_consult" else None


def _notice_met(r: DisclosureRequest) -> date | None:
    """The 补正 window closes with the 补正 notice, or else when review starts."""
    return r.supplement_requested_on if _supplement_asked(r) else r.review_started_on


def _reply_pauses(r: DisclosureRequest) -> list[Pause]:
    pauses = []
    if _supplement_asked(r) and not _restarted(r):
        pauses.append(Pause(r.supplement_requested_on, None, SUPPLEMENT_WAIT))
    if _consulted(r):
        pauses.append(Pause(r.consult_started_on, _consult_end(r), CONSULTING))
    return pauses


def _reply_extensions(r: DisclosureRequest) -> list[Extension]:
    if r.extension_approved_on is None or not r.extension_days:
        return []
    return [Extension(r.extension_days, r.extension_approver, r.extension_approved_on, r.extension_reason)]


class DisclosureRequest(Record):
    """One request for government information and how it was handled (spec §4.4)."""

    request_no = models.CharField("申请编号", max_length=50)
    channel = models.CharField("提交方式", max_length=20, choices=Channel.choices)
    submitted_on = models.DateField("提交日期", null=True, blank=True,
                                    help_text="申请人当面提交、寄出或在线提交的日期")
    signed_on = models.DateField("签收日期", null=True, blank=True, help_text="邮寄需签收的，填写本机关签收之日")
    confirmed_on = models.DateField("确认日期", null=True, blank=True,
                                    help_text="平常信函、互联网渠道或传真提交的，填写与申请人确认之日")
    received_on = models.DateField("收到申请日期", null=True, editable=False)
    receipt_basis = models.CharField("收到日期依据", max_length=120, blank=True, editable=False)

    applicant_type = models.CharField("申请人类型", max_length=20, choices=ApplicantType.choices)
    applicant_name = models.CharField("申请人姓名或名称", max_length=100)
    applicant_id_number = models.CharField("公民身份号码", max_length=18, blank=True,
                                           help_text="申请人为自然人的必填")
    applicant_credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True,
                                             help_text="申请人为法人或其他组织的必填")
    applicant_phone = models.CharField("联系电话", max_length=20)
    applicant_address = models.CharField("通信地址", max_length=200, blank=True)

    information = models.TextField("所需政府信息的名称、文号或描述")
    requested_form = models.CharField("指定提供形式", max_length=50, blank=True, help_text="如纸质、电子文档")
    delivery_method = models.CharField("获取方式", max_length=50, blank=True, help_text="如邮寄、电子邮件、自行领取")
    handler = models.CharField("经办人", max_length=50, blank=True)

    supplement_requested_on = models.DateField("补正通知日期", null=True, blank=True)
    supplement_deadline = models.DateField("补正期限", null=True, blank=True, help_text="补正通知中给予申请人的合理期限")
    supplement_received_on = models.DateField("收到补正日期", null=True, blank=True)
    review_started_on = models.DateField("受理审查日期", null=True, blank=True, editable=False)

    third_party = models.CharField("第三方", max_length=100, blank=True)
    consult_started_on = models.DateField("征求第三方意见开始日期", null=True, blank=True)
    consult_ended_on = models.DateField("征求第三方意见结束日期", null=True, blank=True)

    extension_days = models.PositiveSmallIntegerField("延长工作日数", null=True, blank=True)
    extension_reason = models.CharField("延期理由", max_length=200, blank=True)
    extension_approver = models.CharField("延期批准人", max_length=50, blank=True, editable=False)
    extension_approved_on = models.DateField("延期批准日期", null=True, blank=True, editable=False)

    reply_type = models.CharField("答复类型", max_length=20, choices=ReplyType.choices, blank=True)
    reply_reason = models.CharField("答复理由", max_length=30, choices=ReplyReason.choices, blank=True,
                                    help_text="不予公开、部分公开、无法提供、不予处理、其他处理的须选择理由")
    reply_basis = models.CharField("引用的法律依据", max_length=200, blank=True)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    fee_charged = models.BooleanField("收取信息处理费", default=False,
                                      help_text="依申请提供政府信息不收费；超过合理数量的可收取（条例 第四十二条）")
    fee_amount = models.DecimalField("收费金额（元）", max_digits=10, decimal_places=2, null=True, blank=True)
    delivered_on = models.DateField("送达日期", null=True, blank=True)
    delivery_proof = models.CharField("送达凭证", max_length=100, blank=True)
    archive_no = models.CharField("归档号", max_length=50, blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True, editable=False)

    reconsideration = models.BooleanField("申请人已申请行政复议", default=False)
    litigation = models.BooleanField("申请人已提起行政诉讼", default=False)
    challenge_outcome = models.CharField("复议或诉讼结果", max_length=20, choices=ChallengeOutcome.choices, blank=True)

    workflow = DISCLOSURE_WORKFLOW
    # 补正 notice within 7 wd of receipt (第三十条); reply within 20 wd of receipt or of the
    # supplement, 补正 and third-party consultation not counted, one approved extension
    # (第三十条、第三十三条); the third party answers within 15 wd (第三十二条).
    tracked = (
        Tracked(rules.SUPPLEMENT_NOTICE.key, rules.SUPPLEMENT_NOTICE, start="received_on", met=_notice_met),
        Tracked(rules.REPLY.key, lambda r: rules.REPLY_AFTER_SUPPLEMENT if _restarted(r) else rules.REPLY,
                start=lambda r: r.supplement_received_on if _restarted(r) else r.received_on,
                met="closed_on", met_in=CONCLUDED_STATES, pauses=_reply_pauses, extensions=_reply_extensions),
        Tracked(rules.THIRD_PARTY.key, rules.THIRD_PARTY, start="consult_started_on", when=_consulted,
                met=lambda r: _consult_end(r) or (r.closed_on if r.state in CONCLUDED_STATES else None)),
    )
    personal_fields = {
        "applicant_name": "name",
        "applicant_id_number": "id_number",
        "applicant_credit_code": "id_number",
        "applicant_phone": "phone",
        "applicant_address": "address",
    }
    # Looks personal, deliberately not masked (core.privacy; docs/personal-data.md):
    not_personal = {
        "handler": "机关工作人员履行职务的信息，仅内部台账",
        "extension_approver": "机关工作人员履行职务的信息，仅内部台账",
    }

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "依申请公开台账"
        ordering = ["-year", "-received_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "request_no"], name="disclosure_request_no_per_unit"),
        ]
        # the dashboard of one county among many: its units' requests of a period
        indexes = [models.Index(fields=["unit", "received_on"], name="disclosure_unit_received_idx"),
                   models.Index(fields=["unit", "closed_on"], name="disclosure_unit_closed_idx")]

    def __str__(self) -> str:
        return self.request_no

    @property
    def is_natural_person(self) -> bool:
        return self.applicant_type == ApplicantType.NATURAL

    def fix_receipt(self) -> dict[str, str]:
        """Set the receipt date and its basis from the channel; return the missing facts."""
        received, basis, missing = receipt_of(self.channel, self.submitted_on, self.signed_on, self.confirmed_on)
        self.received_on, self.receipt_basis = received, basis
        return missing

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.fix_receipt()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}

        def add(name: str, message: str) -> None:
            errors.setdefault(name, []).append(message)

        for name, message in self.fix_receipt().items():
            add(name, message)
        self._clean_applicant(add)
        self._clean_dates(add)
        self._clean_reply(add)
        if errors:
            raise ValidationError(errors)

    def _clean_applicant(self, add) -> None:
        self.applicant_id_number = self.applicant_id_number.strip().upper()
        self.applicant_credit_code = self.applicant_credit_code.strip().upper()
        if self.applicant_id_number and not is_valid_id_number(self.applicant_id_number):
            add("applicant_id_number", BAD_ID)
        if self.applicant_credit_code and not is_valid_uscc(self.applicant_credit_code):
            add("applicant_credit_code", BAD_USCC)
        if self.applicant_type == ApplicantType.NATURAL and not self.applicant_id_number:
            add("applicant_id_number", "申请人为自然人的，请填写公民身份号码（条例 第二十九条）")
        if self.applicant_type and self.applicant_type != ApplicantType.NATURAL and not self.applicant_credit_code:
            add("applicant_credit_code", "申请人为法人或其他组织的，请填写统一社会信用代码（条例 第二十九条）")
        if self.applicant_phone and not PHONE_RE.match(self.applicant_phone.strip()):
            add("applicant_phone", f"“{self.applicant_phone}”不是有效的电话号码")

    def _clean_dates(self, add) -> None:
        received = self.received_on
        today = timezone.localdate()
        for name in ("submitted_on", "signed_on", "confirmed_on"):
            value = getattr(self, name)
            if value and value > today:
                add(name, "不能晚于今天")
        for name in ("signed_on", "confirmed_on"):
            value = getattr(self, name)
            if value and self.submitted_on and value < self.submitted_on:
                add(name, "不能早于提交日期")
        if self.supplement_requested_on and received and self.supplement_requested_on < received:
            add("supplement_requested_on", "补正通知日期不能早于收到申请日期")
        if self.supplement_deadline and not self.supplement_requested_on:
            add("supplement_deadline", "请先填写补正通知日期")
        if self.supplement_deadline and self.supplement_requested_on and \
                self.supplement_deadline < self.supplement_requested_on:
            add("supplement_deadline", "补正期限不能早于补正通知日期")
        if self.supplement_received_on and not self.supplement_requested_on:
            add("supplement_received_on", "未通知补正的，不填写收到补正日期")
        elif self.supplement_received_on and self.supplement_received_on < self.supplement_requested_on:
            add("supplement_received_on", "收到补正日期不能早于补正通知日期")
        if self.consult_started_on and received and self.consult_started_on < received:
            add("consult_started_on", "征求意见开始日期不能早于收到申请日期")
        if self.consult_ended_on and not self.consult_started_on:
            add("consult_ended_on", "请先填写征求第三方意见开始日期")
        elif self.consult_ended_on and self.consult_ended_on < self.consult_started_on:
            add("consult_ended_on", "结束日期不能早于开始日期")
        if self.replied_on and received and self.replied_on < received:
            add("replied_on", "答复日期不能早于收到申请日期")
        if self.delivered_on and (self.replied_on is None or self.delivered_on < self.replied_on):
            add("delivered_on", "送达日期不能早于答复日期")
        if self.extension_days is not None and not 1 <= self.extension_days <= rules.EXTENSION_MAX_DAYS:
            add("extension_days", f"延长期限最长不超过{rules.EXTENSION_MAX_DAYS}个工作日（条例 第三十三条第二款）")

    def _clean_reply(self, add) -> None:
        if self.reply_reason:
            prefix = REASON_PREFIX.get(self.reply_type)
            if not self.reply_type:
                add("reply_type", "请先选择答复类型")
            elif prefix is None or not self.reply_reason.startswith(prefix):
                add("reply_reason", f"所选理由不适用于“{self.get_reply_type_display()}”")
        if self.fee_amount is not None and self.fee_amount < 0:
            add("fee_amount", "收费金额不能为负数")
        if self.fee_amount and not self.fee_charged:
            add("fee_amount", "未收取信息处理费的，不填写收费金额")
        if self.challenge_outcome and not (self.reconsideration or self.litigation):
            add("challenge_outcome", "未申请行政复议或提起行政诉讼的，不填写复议或诉讼结果")

    def reason_problem(self) -> str | None:
        """Why the reply's reason does not fit its type (条例 第三十六条), or None."""
        prefix = REASON_PREFIX.get(self.reply_type)
        if prefix and not self.reply_reason.startswith(prefix):
            if self.reply_type == ReplyType.REFUSED:
                return "不予公开的，须告知申请人并说明理由：请选择不予公开的理由（政府信息公开条例 第三十六条第三项）"
            return f"答复类型为“{ReplyType(self.reply_type).label}”的，须选择相应的答复理由（政府信息公开条例 第三十六条）"
        return None

    def after_save(self, *, by, created: bool, changes: dict[str, Any]) -> None:
        """The receipt date (from which the declared deadlines count) is fixed once the request
        is under review."""
        if not created and "received_on" in changes and self.state not in EARLY_STATES:
            raise ValidationError({"submitted_on": "申请已进入审查办理，不能再修改收到申请日期"})
