"""普法责任制 and 法律明白人 (issue 16).

- ``ResponsibilityItem``: one line of a unit's yearly 普法责任清单 (谁执法谁普法): which law, what
  content, for whom, by what means, by when. Published items are shown on the portal.
- ``Activity``: one 普法 activity of a unit (kind, date, place, audience kind and count), optionally
  carrying out an item of its responsibility list; public ones are listed on the portal.
- ``LegalLiterate``: the 法律明白人 roster of a village or community (the record's unit is the
  village). Name, phone and ID number are personal data, masked wherever personal data is masked
  and never shown on the portal.
"""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from fazhi.core.identifiers import BAD_ID, is_valid_id_number
from fazhi.core.ledger import Record
from fazhi.streams.pufa import rules
from fazhi.streams.pufa.workflow import ACTIVITY_WORKFLOW, ITEM_WORKFLOW, LITERATE_WORKFLOW

PHONE_RE = re.compile(r"^(1\d{10}|0\d{2,3}-?\d{7,8})$")


class Quarter(models.TextChoices):
    Q1 = "q1", "第一季度"
    Q2 = "q2", "第二季度"
    Q3 = "q3", "第三季度"
    Q4 = "q4", "第四季度"
    YEAR = "year", "全年"


class ResponsibilityItem(Record):
    """One item of a unit's 普法责任清单 for a year (谁执法谁普法)."""

    law = models.CharField("法律法规", max_length=200, help_text="例如：《中华人民共和国食品安全法》")
    content = models.TextField("普法内容")
    audience = models.CharField("普法对象", max_length=200, help_text="例如：食品生产经营者、消费者")
    means = models.CharField("普法方式", max_length=200, blank=True, help_text="例如：专题讲座、以案释法、新媒体推送")
    due = models.CharField("完成时限", max_length=10, choices=Quarter.choices, default=Quarter.YEAR)
    published_on = models.DateField("公布日期", null=True, blank=True, editable=False)

    workflow = ITEM_WORKFLOW
    url_namespace = "pufa:items"

    class Meta:
        verbose_name = "普法责任清单事项"
        verbose_name_plural = "普法责任清单"
        ordering = ["-year", "unit__path", "id"]

    def __str__(self) -> str:
        return f"{self.year}年 {self.law}"

    def clean(self) -> None:
        if self.year and not 2000 <= self.year <= timezone.localdate().year + 1:
            raise ValidationError({"year": "年度不正确"})


class ActivityKind(models.TextChoices):
    LECTURE = "lecture", "专题讲座"
    VILLAGE = "village", "法治宣传进村（社区）"
    CASE = "case", "以案释法"
    SQUARE = "square", "广场宣传"
    MEDIA = "media", "新媒体"
    OTHER = "other", "其他"


class AudienceKind(models.TextChoices):
    PUBLIC = "public", "社会公众"
    VILLAGERS = "villagers", "村（居）民"
    BUSINESS = "business", "企业经营者"
    STUDENTS = "students", "青少年学生"
    OFFICIALS = "officials", "国家工作人员"
    WORKERS = "workers", "务工人员"
    OTHER = "other", "其他"


class Activity(Record):
    """One 普法 activity (a lecture, a campaign in a village, 以案释法 …) of the record's unit."""

    title = models.CharField("活动名称", max_length=200)
    kind = models.CharField("活动类型", max_length=10, choices=ActivityKind.choices)
    law = models.CharField("宣传的法律法规", max_length=200, blank=True)
    held_on = models.DateField("活动日期")
    place = models.CharField("活动地点", max_length=200, blank=True, help_text="新媒体活动可填写发布平台")
    audience_kind = models.CharField("受众类别", max_length=10, choices=AudienceKind.choices)
    audience_count = models.PositiveIntegerField("受众人数", default=0,
                                                 validators=[MinValueValidator(0, "受众人数不能为负数")],
                                                 help_text="参加或受教育的人数；新媒体填写阅读量")
    item = models.ForeignKey(ResponsibilityItem, verbose_name="落实的责任清单事项", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="activities")
    is_public = models.BooleanField("在门户网站公开", default=True)
    summary = models.TextField("活动简介", blank=True)

    workflow = ACTIVITY_WORKFLOW
    url_namespace = "pufa:activities"

    class Meta:
        verbose_name = "普法活动"
        verbose_name_plural = "普法活动台账"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["unit", "held_on"], name="pufa_activity_unit_held_idx")]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.held_on and self.year and self.held_on.year != self.year:
            errors["held_on"] = "活动日期应在所填年度内"
        if self.state == "held" and self.held_on and self.held_on > timezone.localdate():
            errors["held_on"] = "已开展的活动，活动日期不能晚于今天"
        if self.item_id and self.unit_id and self.item.unit_id != self.unit_id:
            errors["item"] = "只能选择本单位的普法责任清单事项"
        elif self.item_id and self.year and self.item.year != self.year:
            errors["item"] = "所选责任清单事项不是本年度的"
        if errors:
            raise ValidationError(errors)


class LegalLiterate(Record):
    """A 法律明白人 of a village or community (the record's unit)."""

    name = models.CharField("姓名", max_length=50)
    phone = models.CharField("联系电话", max_length=20, blank=True)
    id_number = models.CharField("公民身份号码", max_length=18, blank=True)
    trained_on = models.DateField("培训日期", help_text="参加法律明白人培训的日期")
    certificate_no = models.CharField("证书编号", max_length=40, blank=True)
    left_on = models.DateField("退出日期", null=True, blank=True, editable=False)

    workflow = LITERATE_WORKFLOW
    url_namespace = "pufa:literates"
    personal_fields = {"name": "name", "phone": "phone", "id_number": "id_number"}
    retention_closing_field = "left_on"  # personal data kept for the retention period after leaving

    class Meta:
        verbose_name = "法律明白人"
        verbose_name_plural = "法律明白人名册"
        ordering = ["unit__path", "id"]
        constraints = [models.UniqueConstraint(fields=["certificate_no"], condition=~Q(certificate_no=""),
                                               name="pufa_literate_unique_certificate")]

    def __str__(self) -> str:
        return f"法律明白人 {self.certificate_no or self.pk}"

    @classmethod
    def on_roster(cls, day: date) -> models.QuerySet[LegalLiterate]:
        """Those on the roster on ``day``: trained by then and not left before it."""
        return cls.objects.filter(trained_on__lte=day).filter(Q(left_on__isnull=True) | Q(left_on__gt=day))

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.unit_id and self.unit.kind != self.unit.Kind.VILLAGE:
            errors["unit"] = rules.VILLAGE_ONLY
        self.id_number = (self.id_number or "").strip().upper()
        if self.id_number and not is_valid_id_number(self.id_number):
            errors["id_number"] = BAD_ID
        self.phone = (self.phone or "").strip()
        if self.phone and not PHONE_RE.match(self.phone):
            errors["phone"] = f"“{self.phone}”不是有效的电话号码"
        self.certificate_no = (self.certificate_no or "").strip().upper()
        if self.trained_on and self.trained_on > timezone.localdate():
            errors["trained_on"] = "培训日期不能晚于今天"
        if self.certificate_no and LegalLiterate.objects.filter(
                certificate_no=self.certificate_no).exclude(pk=self.pk).exists():
            errors["certificate_no"] = "该证书编号已登记"
        if errors:
            raise ValidationError(errors)
