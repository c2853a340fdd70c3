"""Yearly plans and special actions broken into tasks (spec §8 W08/W09, §16 W17): each task
has a lead unit (the record's unit), cooperating units, a deadline, dated progress reports
and, when late, supervision (督办) records."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.fields.related_descriptors import ManyToManyDescriptor
from django.utils import timezone

from fazhi.core.deadlines import Tracked
from fazhi.core.ledger import Record
from fazhi.core.models import Unit
from fazhi.streams.plans import rules
from fazhi.streams.plans.workflow import PLAN_WORKFLOW, TASK_WORKFLOW

NAME_SEPARATORS = ("、", "，", ",", ";", "；", "\n")


class Plan(Record):
    """A yearly work plan (年度工作计划) or a special action / rectification (专项行动/专项整治).
    The record's unit is the issuing unit."""

    class Kind(models.TextChoices):
        ANNUAL = "annual", "年度工作计划"
        SPECIAL_ACTION = "special_action", "专项行动"
        RECTIFICATION = "rectification", "专项整治"

    kind = models.CharField("计划类型", max_length=20, choices=Kind.choices)
    title = models.CharField("计划名称", max_length=150)
    doc_number = models.CharField("文号", max_length=60, blank=True)
    issued_on = models.DateField("印发日期", null=True, blank=True)
    summary = models.TextField("主要内容", blank=True)

    workflow = PLAN_WORKFLOW
    url_namespace = "plans:plans"

    class Meta:
        verbose_name = "计划"
        verbose_name_plural = "计划与专项行动"
        ordering = ["-year", "-issued_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["unit", "year", "title"], name="plans_plan_unique_title")]

    def __str__(self) -> str:
        return self.title

    def validate_constraints(self, exclude=None) -> None:
        try:
            super().validate_constraints(exclude)
        except ValidationError:
            raise ValidationError({"title": "同一单位同一年度已有同名计划"}) from None

    def clean(self) -> None:
        self.title = (self.title or "").strip()
        if self.issued_on and self.year and abs(self.issued_on.year - self.year) > 1:
            raise ValidationError({"issued_on": "印发日期应在计划年度或其前一年内"})


class _CooperatorsDescriptor(ManyToManyDescriptor):
    """Lets the generic services assign cooperating units like a plain field: the value
    (units, or unit names separated by "、") is kept until the record is saved, checked in
    ``clean()`` and written in ``after_save``."""

    def __set__(self, instance, value) -> None:
        instance._pending_cooperators = value


class Task(Record):
    """One task of a plan. ``unit`` is the lead unit (牵头单位)."""

    plan = models.ForeignKey(Plan, verbose_name="所属计划", on_delete=models.PROTECT, related_name="tasks",
                             error_messages={"blank": "所属计划不存在，请填写已登记的计划名称",
                                             "null": "所属计划不存在，请填写已登记的计划名称"})
    number = models.CharField("序号", max_length=20, blank=True)
    content = models.TextField("任务内容")
    measures = models.TextField("工作措施及目标", blank=True)
    cooperating_units = models.ManyToManyField(Unit, verbose_name="协办单位", blank=True, related_name="+")
    deadline = models.DateField("完成时限")
    completed_on = models.DateField("完成日期", null=True, blank=True, editable=False)

    workflow = TASK_WORKFLOW
    url_namespace = "plans:tasks"
    # The task's own deadline, and the latest 督办's required date, both met on the completion
    # date once the task is done.
    tracked = (
        Tracked(rules.TASK, lambda t: rules.task_rule(t.plan.title, t.task_start, t.deadline), start="task_start",
                met="completed_on", met_in=("done",)),
        Tracked(rules.SUPERVISION, lambda t: rules.supervision_rule(t.last_supervision.supervised_on,
                                                                    t.last_supervision.required_by),
                start="last_supervision.supervised_on", met="completed_on", met_in=("done",)),
    )

    class Meta:
        verbose_name = "计划任务"
        verbose_name_plural = "计划任务台账"
        ordering = ["-year", "plan_id", "number", "id"]

    def __str__(self) -> str:
        head = f"任务{self.number}" if self.number else "任务"
        text = self.content.strip().splitlines()[0] if self.content.strip() else ""
        return f"{head}：{text[:30]}{'…' if len(text) > 30 else ''}"

    # -- derived facts -------------------------------------------------------------------
    @property
    def last_report(self):
        return self.reports.order_by("-reported_on", "-id").first() if self.pk else None

    @property
    def last_supervision(self):
        return self.supervisions.order_by("-supervised_on", "-id").first() if self.pk else None

    @property
    def task_start(self) -> date | None:
        """The day the task's period counts from (the plan's issue date, see rules.task_start)."""
        return rules.task_start(self.plan.issued_on, self.deadline) if self.deadline else None

    @property
    def percent(self) -> int:
        last = self.last_report
        return last.percent if last else 0

    def overdue(self, today: date | None = None) -> bool:
        """已逾期: not done and past its deadline (computed from the date, not a state)."""
        today = today or timezone.localdate()
        return self.state != "done" and self.deadline is not None and today > self.deadline

    @property
    def is_overdue(self) -> bool:
        return self.overdue()

    @property
    def completed_late(self) -> bool:
        return bool(self.completed_on and self.deadline and self.completed_on > self.deadline)

    @property
    def status_label(self) -> str:
        if self.is_overdue:
            return "已逾期"
        if self.completed_late:
            return "逾期完成"
        return self.state_label

    @property
    def cooperating_names(self) -> str:
        if not self.pk:
            return ""
        return "、".join(u.short_name or u.name for u in self.cooperating_units.order_by("path"))

    @cooperating_names.setter
    def cooperating_names(self, value: str) -> None:
        self._pending_cooperators = value or ""

    # -- saving --------------------------------------------------------------------------
    def _resolve_cooperators(self) -> list[Unit] | None:
        pending = getattr(self, "_pending_cooperators", None)
        if pending is None:
            return None
        if isinstance(pending, str):
            text = pending
            for sep in NAME_SEPARATORS:
                text = text.replace(sep, "、")
            names = [n.strip() for n in text.split("、") if n.strip()]
            units, unknown = [], []
            for name in names:
                unit = (Unit.objects.filter(name=name).first() or Unit.objects.filter(short_name=name).first()
                        or Unit.objects.filter(code=name).first())
                (units.append(unit) if unit else unknown.append(name))
            if unknown:  # typed names come from the Excel column 协办单位 (``cooperating_names``)
                raise ValidationError({"cooperating_names": f"未找到协办单位：{'、'.join(unknown)}"})
            return units
        return list(pending)

    def clean(self) -> None:
        errors: dict[str, str] = {}
        try:
            self._cooperators = self._resolve_cooperators()
        except ValidationError as exc:
            errors.update({k: v[0] for k, v in exc.message_dict.items()})
            self._cooperators = None
        if self._cooperators and self.unit_id and any(u.pk == self.unit_id for u in self._cooperators):
            errors["cooperating_units"] = "协办单位不应包含牵头单位"
        plan = self.plan if self.plan_id else None
        if plan is not None:
            if self.year and self.year != plan.year:
                errors["year"] = f"任务年度应与所属计划的年度（{plan.year}年）一致"
            if self.deadline and plan.issued_on and self.deadline < plan.issued_on:
                errors["deadline"] = "完成时限不能早于计划印发日期"
        if errors:
            raise ValidationError(errors)

    def after_save(self, *, by, created: bool, changes: dict[str, Any]) -> None:
        # here, not at the top: fazhi.streams.plans.services imports this module, directly or through others (a cycle)
        from fazhi.streams.plans.services import save_cooperators

        save_cooperators(self, by=by, created=created)


Task.cooperating_units = _CooperatorsDescriptor(Task._meta.get_field("cooperating_units").remote_field)


class ProgressReport(models.Model):
    """A dated progress report of a task (进展情况) with its percentage."""

    task = models.ForeignKey(Task, verbose_name="任务", on_delete=models.CASCADE, related_name="reports")
    reported_on = models.DateField("填报日期")
    percent = models.PositiveSmallIntegerField("完成进度（%）")
    text = models.TextField("进展情况")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="填报人", null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "任务进展"
        verbose_name_plural = "任务进展"
        ordering = ["reported_on", "id"]

    def __str__(self) -> str:
        return f"{self.reported_on:%Y-%m-%d} {self.percent}%"


class Supervision(models.Model):
    """督办 of a late task: when, by whom, and the completion date it requires."""

    task = models.ForeignKey(Task, verbose_name="任务", on_delete=models.CASCADE, related_name="supervisions")
    supervised_on = models.DateField("督办日期")
    supervisor = models.CharField("督办人/督办单位", max_length=60)
    required_by = models.DateField("限期完成日期")
    opinion = models.TextField("督办意见", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = "督办记录"
        verbose_name_plural = "督办记录"
        ordering = ["supervised_on", "id"]

    def __str__(self) -> str:
        return f"督办 {self.supervised_on:%Y-%m-%d}"
