from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from fazhi.core.ledger import Record
from fazhi.streams.study.workflow import STUDY_WORKFLOW


class StudySession(Record):
    """One session of study or of collective research on rule-of-law work (spec §2.4)."""

    class Kind(models.TextChoices):
        TOPIC = "topic", "专题研究法治工作"
        CENTRAL_GROUP = "central_group", "理论学习中心组学法"
        FIRST_ITEM = "first_item", "“第一议题”学习"
        PRE_MEETING = "pre_meeting", "常务会议会前学法"
        LECTURE = "lecture", "法治专题讲座"
        REPORT = "report", "述法"

    kind = models.CharField("类型", max_length=20, choices=Kind.choices)
    title = models.CharField("议题/主题", max_length=200)
    meeting = models.CharField("会议名称及届次", max_length=100, blank=True)
    planned_on = models.DateField("计划日期", null=True, blank=True)
    held_on = models.DateField("召开日期", null=True, blank=True)
    chair = models.CharField("主持人", max_length=50, blank=True)
    speaker = models.CharField("主讲人", max_length=50, blank=True)
    members = models.PositiveIntegerField("应到人数", null=True, blank=True)
    attendees = models.PositiveIntegerField("实到人数", null=True, blank=True)
    minutes = models.TextField("纪要要点", blank=True)

    workflow = STUDY_WORKFLOW

    # Looks personal, deliberately not masked (core.privacy; docs/personal-data.md):
    not_personal = {
        "chair": "主持人以职务身份记录，非当事人信息",
        "speaker": "主讲人以职务或受邀专家身份记录，非当事人信息",
    }

    class Meta:
        verbose_name = "学习研究"
        verbose_name_plural = "学习研究台账"
        ordering = ["-year", "-held_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:

        if self.members is not None and self.attendees is not None and self.attendees > self.members:
            raise ValidationError({"attendees": "实到人数不能多于应到人数"})
        if self.held_on and self.held_on.year != self.year:
            raise ValidationError({"held_on": "召开日期应在所填年度内"})
