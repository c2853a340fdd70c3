from __future__ import annotations

from django.db import models

from fazhi.core.models import Unit


class Snapshot(models.Model):
    """One county's figure of one indicator for one closed year (``snapshots.py``).

    Written by ``fazhi snapshot close YEAR``; dropped inside the transaction of any audited
    change that touches a record of that county dated in that year, so a snapshot that exists
    always equals the figure recomputed from the records (a provisional one: as of the day it
    was taken, which is why it is shown 暂定).
    """

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+", verbose_name="县级单位")
    year = models.PositiveSmallIntegerField("年度")
    key = models.CharField("指标", max_length=80)
    value = models.CharField("数值", max_length=60, blank=True)  # "" None, "i:837", "d:99.28"
    numerator = models.BigIntegerField("分子", null=True)
    denominator = models.BigIntegerField("分母", null=True)
    made_at = models.DateTimeField("生成时间", auto_now_add=True)
    # 暂定: the figure may still change with today's date (Indicator.settles_after); taken again by
    # every nightly close and after every audited change of the county's records of that year
    provisional = models.BooleanField("暂定", default=False)

    class Meta:
        verbose_name = "指标快照"
        verbose_name_plural = verbose_name
        constraints = [models.UniqueConstraint(fields=["unit", "year", "key"], name="uniq_indicator_snapshot")]
        indexes = [models.Index(fields=["year", "unit"])]

    def __str__(self) -> str:
        return f"{self.year}年 {self.key}"
