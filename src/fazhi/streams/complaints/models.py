"""The 问题举报 ledgers (spec §8.4, §18): problem reports received from the public during a
special action, and the announcements (受理问题举报公告) that open the report channel.

A report belongs to the unit responsible for handling it; the unit that registered it
routes it there (``registered_unit`` keeps who received it). The reporter's identity is
personal data, masked wherever personal data is masked, and never shown on the public
status page beyond surname + 某 (spec §8.6: never disclosed to the reported party).
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from fazhi.core.deadlines import Tracked
from fazhi.core.ledger import Record
from fazhi.streams.complaints import rules
from fazhi.streams.complaints.workflow import ANNOUNCEMENT_WORKFLOW, COMPLAINT_WORKFLOW

PHONE_RE = re.compile(r"^(\d{7,12}|0\d{2,3}-\d{7,8})$")
TRACKING_RE = re.compile(r"^[A-Z]{2}\d{4}-\d{4,6}$")


def next_tracking_no(year: int) -> str:
    """JB<year>-<sequence>: the next free number of the year."""
    prefix = f"JB{year}-"
    numbers = Complaint.objects.filter(tracking_no__startswith=prefix).values_list("tracking_no", flat=True)
    last = max((int(n[len(prefix):]) for n in numbers if n[len(prefix):].isdigit()), default=0)
    return f"{prefix}{last + 1:04d}"


class Announcement(Record):
    """A published announcement opening a report channel (e.g. 交通运输局 受理问题举报公告)."""

    title = models.CharField("公告标题", max_length=200)
    action = models.CharField("专项行动名称", max_length=200, blank=True)
    body = models.TextField("公告正文")
    hotline = models.CharField("举报电话", max_length=40, blank=True)
    mailbox = models.CharField("举报信箱或电子邮箱", max_length=100, blank=True)
    address = models.CharField("来信来访地址", max_length=200, blank=True)
    accept_from = models.DateField("受理起始日期", null=True, blank=True)
    accept_until = models.DateField("受理截止日期", null=True, blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True)

    workflow = ANNOUNCEMENT_WORKFLOW
    url_namespace = "complaints:announcements"

    # Looks personal, deliberately not masked (core.privacy; docs/personal-data.md):
    not_personal = {
        "hotline": "机关公布的举报电话，依法公开",
        "mailbox": "机关公布的举报信箱，依法公开",
        "address": "机关公布的来信来访地址，依法公开",
    }

    class Meta:
        verbose_name = "受理问题举报公告"
        verbose_name_plural = "受理问题举报公告"
        ordering = ["-year", "-published_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def accepts_on(self, day) -> bool:
        return (self.state == "published" and (self.accept_from is None or self.accept_from <= day)
                and (self.accept_until is None or day <= self.accept_until))

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.accept_from and self.accept_until and self.accept_until < self.accept_from:
            errors["accept_until"] = "受理截止日期不能早于起始日期"
        if self.state in ("published", "withdrawn") and not self.published_on:
            errors["published_on"] = "已发布的公告请填写发布日期"
        if errors:
            raise ValidationError(errors)


class Channel(models.TextChoices):
    ONLINE = "online", "网上举报"
    HOTLINE = "hotline", "举报电话"
    LETTER = "letter", "来信"
    VISIT = "visit", "来访"
    EMAIL = "email", "电子邮件"


class Category(models.TextChoices):
    BUSINESS = "business", "营商环境"
    ENFORCEMENT = "enforcement", "执法问题"
    TRAFFIC = "traffic", "道路交通安全"
    TRANSPORT = "transport", "运输执法"
    CONDUCT = "conduct", "工作作风"
    SERVICE = "service", "政务服务"
    OTHER = "other", "其他"


class Finding(models.TextChoices):
    TRUE = "true", "属实"
    PARTLY = "partly", "部分属实"
    FALSE = "false", "不属实"


SUBSTANTIATED = (Finding.TRUE, Finding.PARTLY)


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASIC = "basic", "基本满意"
    DISSATISFIED = "dissatisfied", "不满意"
    NONE = "none", "未评价"


class Complaint(Record):
    """One problem report (问题举报) and how it was handled (spec §8.4)."""

    tracking_no = models.CharField("受理编号", max_length=20, unique=True, blank=True,
                                   help_text="留空由系统生成；举报人凭受理编号和查询码查询办理进度")
    query_code_hash = models.CharField("查询码摘要", max_length=64, blank=True, editable=False)
    announcement = models.ForeignKey(Announcement, verbose_name="依据公告", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="complaints", editable=False)
    registered_unit = models.ForeignKey("core.Unit", verbose_name="登记单位", null=True, on_delete=models.PROTECT,
                                        related_name="+", editable=False)
    channel = models.CharField("举报渠道", max_length=10, choices=Channel.choices)
    received_on = models.DateField("收到日期")
    anonymous = models.BooleanField("匿名举报", default=False)
    reporter_name = models.CharField("举报人姓名", max_length=50, blank=True)
    reporter_phone = models.CharField("举报人电话", max_length=20, blank=True)
    category = models.CharField("问题类别", max_length=20, choices=Category.choices)
    subject = models.CharField("反映问题", max_length=200)
    content = models.TextField("举报内容")
    reported_party = models.CharField("被举报单位或对象", max_length=200, blank=True)
    routed_on = models.DateField("转办日期", null=True, blank=True, editable=False)
    route_note = models.CharField("转办意见", max_length=200, blank=True, editable=False)
    findings = models.TextField("调查核实情况", blank=True)
    finding = models.CharField("核实结论", max_length=10, choices=Finding.choices, blank=True)
    reply = models.TextField("答复内容", blank=True, help_text="答复举报人的内容；匿名举报可通过查询码查看")
    replied_on = models.DateField("答复日期", null=True, blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True, editable=False)
    satisfaction = models.CharField("举报人评价", max_length=15, choices=Satisfaction.choices,
                                    default=Satisfaction.NONE)

    workflow = COMPLAINT_WORKFLOW
    url_namespace = "complaints:cases"
    # The reply period runs from receipt and is met on the reply date once the report is answered.
    tracked = (Tracked(rules.REPLY, lambda c: rules.reply_rule(), start="received_on", met="replied_on",
                       met_in=("replied", "closed")),)
    personal_fields = {"reporter_name": "name", "reporter_phone": "phone"}

    class Meta:
        verbose_name = "问题举报"
        verbose_name_plural = "问题举报台账"
        ordering = ["-year", "-received_on", "-id"]
        # the dashboard of one county among many: its units' reports of a period
        indexes = [models.Index(fields=["unit", "received_on"], name="complaint_unit_received_idx")]

    def __str__(self) -> str:
        return self.tracking_no

    def clean(self) -> None:
        errors: dict[str, str] = {}
        self.tracking_no = (self.tracking_no or "").strip().upper()
        if not self._state.adding and self.pk:
            old = type(self).objects.filter(pk=self.pk).values_list("tracking_no", flat=True).first()
            if old and self.tracking_no != old:
                errors["tracking_no"] = "受理编号登记后不能修改（举报人凭此编号查询）"
                self.tracking_no = old
        if not self.tracking_no and self.received_on:
            self.tracking_no = next_tracking_no(self.received_on.year)
        if self._state.adding and self.registered_unit_id is None:
            self.registered_unit_id = self.unit_id
        if self.tracking_no and not TRACKING_RE.match(self.tracking_no):
            errors["tracking_no"] = "受理编号格式应为“JB2024-0001”"
        if self.anonymous and self.reporter_name.strip():
            errors["reporter_name"] = "匿名举报不登记举报人姓名"
        if not self.anonymous and not self.reporter_name.strip():
            errors["reporter_name"] = "实名举报请填写举报人姓名"
        if self.reporter_phone and not PHONE_RE.match(self.reporter_phone.strip()):
            errors["reporter_phone"] = f"“{self.reporter_phone}”不是有效的电话号码"
        today = timezone.localdate()
        if self.received_on and self.received_on > today:
            errors["received_on"] = "收到日期不能晚于今天"
        if self.received_on and self.year and self.received_on.year != self.year:
            errors["received_on"] = "收到日期应在所填年度内"
        if self.replied_on and self.received_on and self.replied_on < self.received_on:
            errors["replied_on"] = "答复日期不能早于收到日期"
        if self.replied_on and self.replied_on > today:
            errors["replied_on"] = "答复日期不能晚于今天"
        if self.state in ("replied", "closed"):
            for name in ("reply", "replied_on"):
                if not getattr(self, name):
                    label = self._meta.get_field(name).verbose_name
                    errors[name] = f"状态为“{self.state_label}”的举报应填写{label}"
        if errors:
            raise ValidationError(errors)

