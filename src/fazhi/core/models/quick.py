from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class QuickReceipt(models.Model):
    """The server's memory of a quick entry (core/quick.py): one row per draft key, written in the
    same transaction as the record the draft created. A draft sent again (a replay after a lost
    answer, a second tap, an offline queue flushed twice) finds its row and answers the same
    record; ``version`` and ``digest`` tell a replay from a later change of the draft."""

    key = models.UUIDField("草稿编号", unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", on_delete=models.CASCADE,
                             related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    version = models.PositiveIntegerField("记录版本")  # the record's version after the draft's last write
    digest = models.CharField("草稿内容摘要", max_length=64)  # SHA-256 of the fields the draft sent
    created_at = models.DateTimeField("接收时间", auto_now_add=True)

    class Meta:
        verbose_name = "快速登记回执"
        verbose_name_plural = "快速登记回执"
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return str(self.key)

    def record(self):
        return self.content_type.model_class()._default_manager.filter(pk=self.object_id).first()
