"""Workflows of the 政务服务 stream.

Service items (事项清单): draft → published (公布) → withdrawn (撤回) → published again.
Ratings (好差评): a good rating is simply recorded; a bad one (差评) is born 待整改 and goes
待整改 → 已整改 (verified and rectified) → 已回访 (result fed back to the rater), spec §3.1.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from fazhi.core.workflow import Transition, Workflow


def _missing(record, *names: str) -> str | None:
    labels = [str(record._meta.get_field(n).verbose_name) for n in names
              if getattr(record, n) in (None, "") or (isinstance(getattr(record, n), str) and not getattr(record, n).strip())]
    return f"请先在编辑页填写{'、'.join(labels)}" if labels else None


# -- service items -------------------------------------------------------------------------

def _can_publish(item) -> str | None:
    return _missing(item, "name", "promised_limit_days")


def _published_many(items, by) -> None:
    """公布: the publication date kept if entered, else today; no withdrawal date. Two UPDATEs for any number."""
    today = timezone.localdate()
    qs = type(items[0])._default_manager.filter(pk__in=[i.pk for i in items]) if items else None
    if qs is None:
        return
    qs.filter(published_on__isnull=True).update(published_on=today)
    qs.exclude(withdrawn_on=None).update(withdrawn_on=None)
    for item in items:
        item.published_on = item.published_on or today
        item.withdrawn_on = None


def _published(item, by) -> None:
    _published_many([item], by)


def _republished(item, by) -> None:
    item.published_on = timezone.localdate()
    item.withdrawn_on = None
    item.withdraw_reason = ""
    item.save(update_fields=["published_on", "withdrawn_on", "withdraw_reason"])


def _can_withdraw(item) -> str | None:
    return _missing(item, "withdraw_reason")


def _withdrawn(item, by) -> None:
    item.withdrawn_on = item.withdrawn_on or timezone.localdate()
    item.save(update_fields=["withdrawn_on"])


class ItemState(models.TextChoices):
    DRAFT = "draft", "待公布"
    PUBLISHED = "published", "已公布"
    WITHDRAWN = "withdrawn", "已撤回"


ITEM_WORKFLOW = Workflow(
    states=ItemState,
    initial=ItemState.DRAFT,
    final=frozenset(),
    transitions=[
        Transition("publish", (ItemState.DRAFT,), ItemState.PUBLISHED, "公布", guard=_can_publish, effect=_published,
                   bulk_effect=_published_many, capability="records.approve", confirm="确认公布该事项？公布后将在门户网站的政务服务事项清单中公开。"),
        Transition("withdraw", (ItemState.PUBLISHED,), ItemState.WITHDRAWN, "撤回", guard=_can_withdraw, effect=_withdrawn,
                   capability="records.approve", style="outline-danger",
                   confirm="确认撤回该事项？撤回后不再在事项清单中公开，也不计入网上可办率等统计。"),
        Transition("republish", (ItemState.WITHDRAWN,), ItemState.PUBLISHED, "重新公布", guard=_can_publish, effect=_republished,
                   capability="records.approve", style="outline-primary"),
    ],
)


# -- ratings (好差评) ------------------------------------------------------------------------

def _can_rectify(rating) -> str | None:
    return _missing(rating, "verification", "rectification", "rectified_on")


def _can_call_back(rating) -> str | None:
    return _missing(rating, "callback_on", "callback_result")


class RatingState(models.TextChoices):
    RECORDED = "recorded", "已登记"
    RECTIFYING = "rectifying", "待整改"
    RECTIFIED = "rectified", "已整改"
    CALLED_BACK = "called_back", "已回访"


RATING_WORKFLOW = Workflow(
    states=RatingState,
    initial=RatingState.RECORDED,
    final=frozenset({RatingState.RECORDED, RatingState.CALLED_BACK}),
    transitions=[
        Transition("rectify", (RatingState.RECTIFYING,), RatingState.RECTIFIED, "登记整改", guard=_can_rectify),
        Transition("call_back", (RatingState.RECTIFIED,), RatingState.CALLED_BACK, "登记回访", guard=_can_call_back,
                   style="success", confirm="确认已将整改结果反馈评价人并完成回访？"),
    ],
)
