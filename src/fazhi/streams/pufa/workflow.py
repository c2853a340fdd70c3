"""Workflows of the 普法 stream.

普法责任清单 items: 草稿 → 已公布 (records.approve, shown on the portal) → 已撤回.
普法活动: 计划 → 已开展 (date and audience entered) | 已取消.
法律明白人: 在册 → 已退出 (date of leaving; final: personal data is anonymised after the retention
period counted from it, core.retention; one who comes back is entered again).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from fazhi.core.workflow import Transition, Workflow


def _published(item, by) -> None:
    item.published_on = item.published_on or timezone.localdate()
    type(item).objects.filter(pk=item.pk).update(published_on=item.published_on)


def _can_publish(item) -> str | None:
    missing = [label for name, label in (("law", "法律法规"), ("content", "普法内容"), ("audience", "普法对象"))
               if not (getattr(item, name) or "").strip()]
    return f"请先在编辑页填写{'、'.join(missing)}" if missing else None


class ItemState(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已公布"
    WITHDRAWN = "withdrawn", "已撤回"


ITEM_WORKFLOW = Workflow(
    states=ItemState,
    initial=ItemState.DRAFT,
    final=frozenset({ItemState.WITHDRAWN}),
    transitions=[
        Transition("publish", (ItemState.DRAFT,), ItemState.PUBLISHED, "公布", guard=_can_publish, effect=_published,
                   capability="records.approve", confirm="确认公布该普法责任清单事项？公布后将在门户网站公开。"),
        Transition("withdraw", (ItemState.PUBLISHED,), ItemState.WITHDRAWN, "撤回", capability="records.approve",
                   style="outline-danger", confirm="确认撤回该事项？撤回后门户网站不再显示。"),
    ],
)


def _can_hold(activity) -> str | None:
    if activity.held_on is None:
        return "请先在编辑页填写活动日期"
    if activity.held_on > timezone.localdate():
        return "活动日期晚于今天，活动开展后再登记"
    return None


class ActivityState(models.TextChoices):
    PLANNED = "planned", "计划"
    HELD = "held", "已开展"
    CANCELLED = "cancelled", "已取消"


ACTIVITY_WORKFLOW = Workflow(
    states=ActivityState,
    initial=ActivityState.PLANNED,
    final=frozenset({ActivityState.CANCELLED}),
    transitions=[
        Transition("hold", (ActivityState.PLANNED,), ActivityState.HELD, "登记开展", guard=_can_hold, style="success"),
        Transition("cancel", (ActivityState.PLANNED,), ActivityState.CANCELLED, "取消", style="outline-danger",
                   confirm="确认取消该普法活动？取消后不计入统计。"),
    ],
)


def _left(person, by) -> None:
    person.left_on = person.left_on or timezone.localdate()
    type(person).objects.filter(pk=person.pk).update(left_on=person.left_on)


class LiterateState(models.TextChoices):
    ACTIVE = "active", "在册"
    RETIRED = "retired", "已退出"


LITERATE_WORKFLOW = Workflow(
    states=LiterateState,
    initial=LiterateState.ACTIVE,
    final=frozenset({LiterateState.RETIRED}),
    transitions=[
        Transition("retire", (LiterateState.ACTIVE,), LiterateState.RETIRED, "退出名册", effect=_left, style="outline-danger",
                   confirm="确认该法律明白人退出名册？退出后不计入村（社区）覆盖率，再次聘任请重新登记。"),
    ],
)
