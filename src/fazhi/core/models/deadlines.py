from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class Deadline(models.Model):
    """A statutory deadline attached to a ledger record, keeping how its date was computed.

    ``pauses`` is a list of ``{"start": ISO date, "end": ISO date|None, "reason": str}``;
    ``extensions`` a list of ``{"days": n, "approved_by": str, "on": ISO date, "reason": str}``.
    """

    class Rule(models.TextChoices):
        WORKING = "working", "工作日"
        CALENDAR_ROLL = "calendar_roll", "自然日（期满日遇节假日顺延）"
        CALENDAR_STRICT = "calendar_strict", "自然日（不顺延）"

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    unit = models.ForeignKey("core.Unit", verbose_name="承办单位", on_delete=models.CASCADE, related_name="+")
    key = models.CharField("期限", max_length=40)
    label = models.CharField("期限名称", max_length=100)
    rule = models.CharField("计算规则", max_length=20, choices=Rule.choices)
    days = models.PositiveIntegerField("天数")
    basis = models.CharField("法律依据", max_length=200)
    start = models.DateField("起算日")
    due = models.DateField("到期日", db_index=True)
    pauses = models.JSONField("中止期间", default=list, blank=True)
    extensions = models.JSONField("延长", default=list, blank=True)
    confirmed = models.BooleanField("日历已确认", default=True)
    met_on = models.DateField("办结日", null=True, blank=True)

    class Meta:
        verbose_name = "法定期限"
        verbose_name_plural = "法定期限"
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id", "key"], name="deadline_once_per_key")
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.label}：{self.due}"
