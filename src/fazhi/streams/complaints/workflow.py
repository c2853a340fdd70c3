"""Problem reports (问题举报, spec §8.3, simplified): 已登记 → 已转办 (routed to the
responsible unit) → 办理中 → 已答复 (reply text and date) → 已办结. Announcements of the
report channel (受理问题举报公告): 待发布 → 已发布 → 已撤回."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils import timezone

from fazhi.core.workflow import Transition, Workflow


def _missing(record, *names: str) -> str | None:
    def empty(value) -> bool:
        return value in (None, "") or (isinstance(value, str) and not value.strip())

    labels = [str(record._meta.get_field(n).verbose_name) for n in names if empty(getattr(record, n))]
    return f"请先在编辑页填写{'、'.join(labels)}" if labels else None


def _can_route(c) -> str | None:
    return "请通过“转办”页面选择责任单位" if not c.routed_on else None


def _can_reply(c) -> str | None:
    missing = _missing(c, "reply", "replied_on")
    if missing:
        return missing.replace("请先在编辑页填写", "答复前请先在编辑页填写")
    return None


def _closed(c, by) -> None:
    c.closed_on = c.closed_on or timezone.localdate()
    c.save(update_fields=["closed_on"])


def _mine_url(complaint) -> str:

    return reverse("gk_complaints:mine", args=[complaint.tracking_no])


class ComplaintState(models.TextChoices):
    REGISTERED = "registered", "已登记"
    ROUTED = "routed", "已转办"
    HANDLING = "handling", "办理中"
    REPLIED = "replied", "已答复"
    CLOSED = "closed", "已办结"


COMPLAINT_WORKFLOW = Workflow(
    states=ComplaintState,
    initial=ComplaintState.REGISTERED,
    final=frozenset({ComplaintState.CLOSED}),
    transitions=[
        Transition("route", (ComplaintState.REGISTERED,), ComplaintState.ROUTED, "转办", guard=_can_route),
        Transition("start", (ComplaintState.ROUTED,), ComplaintState.HANDLING, "开始办理"),
        Transition("reply", (ComplaintState.HANDLING,), ComplaintState.REPLIED, "答复举报人", guard=_can_reply,
                   tell_submitter=lambda c: (f"您的问题举报 {c.tracking_no} 已答复", _mine_url(c))),
        Transition("close", (ComplaintState.REPLIED,), ComplaintState.CLOSED, "办结", effect=_closed, style="success",
                   confirm="确认办结该举报？办结后不再提醒。"),
    ],
)


def _published(a, by) -> None:
    a.published_on = a.published_on or timezone.localdate()
    a.save(update_fields=["published_on"])


def _can_publish(a) -> str | None:
    return _missing(a, "title", "body")


class AnnouncementState(models.TextChoices):
    DRAFT = "draft", "待发布"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已撤回"


ANNOUNCEMENT_WORKFLOW = Workflow(
    states=AnnouncementState,
    initial=AnnouncementState.DRAFT,
    final=frozenset({AnnouncementState.WITHDRAWN}),
    transitions=[
        Transition("publish", (AnnouncementState.DRAFT,), AnnouncementState.PUBLISHED, "发布", guard=_can_publish, effect=_published,
                   capability="records.approve", confirm="确认发布该公告？发布后将在门户网站公开。"),
        Transition("withdraw", (AnnouncementState.PUBLISHED,), AnnouncementState.WITHDRAWN, "撤回", capability="records.approve",
                   style="outline-danger", confirm="确认撤回该公告？撤回后门户网站不再显示。"),
    ],
)
