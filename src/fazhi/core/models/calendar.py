from __future__ import annotations

from django.conf import settings
from django.db import models


class YearSchedule(models.Model):
    """A year's State Council holiday schedule, entered by an administrator.

    Once a year has a schedule, its days are confirmed: the overrides below (holidays and
    make-up workdays) are the source of truth, and other days follow Monday–Friday.
    """

    year = models.PositiveIntegerField("年度", unique=True)
    notice = models.CharField("依据文件", max_length=200, help_text="如：国务院办公厅关于2027年部分节假日安排的通知")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    entered_at = models.DateTimeField("录入时间", auto_now=True)

    class Meta:
        verbose_name = "年度节假日安排"
        verbose_name_plural = "年度节假日安排"
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"{self.year}年节假日安排"


class DayOverride(models.Model):
    """A statutory holiday on a weekday, or a make-up workday (调休上班) on a weekend."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", "法定节假日（休息）"
        WORKDAY = "workday", "调休上班"

    schedule = models.ForeignKey(YearSchedule, on_delete=models.CASCADE, related_name="days")
    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    name = models.CharField("节日", max_length=40, blank=True)

    class Meta:
        verbose_name = "节假日调整"
        verbose_name_plural = "节假日调整"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.name}"
