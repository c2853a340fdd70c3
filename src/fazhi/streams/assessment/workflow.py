"""考核方案: draft -> scored -> approved -> published (spec §20).

The steps are taken by the services (score_run, scheme_approve, scheme_publish), not by the
generic transition page: approval must refuse the account that ran or entered the scores, and a
workflow guard sees the record only. Score sheets follow their scheme (scored -> frozen)."""

from __future__ import annotations

from django.db import models

from fazhi.core.workflow import Workflow

FROZEN = ("approved", "published")

class SchemeState(models.TextChoices):
    DRAFT = "draft", "草稿"
    SCORED = "scored", "已评分"
    APPROVED = "approved", "已审定"
    PUBLISHED = "published", "已内部通报"


SCHEME_WORKFLOW = Workflow(
    states=SchemeState,
    initial=SchemeState.DRAFT,
    final=frozenset({SchemeState.PUBLISHED}),
)

class SheetState(models.TextChoices):
    SCORED = "scored", "已评分（可申辩）"
    FROZEN = "frozen", "已审定"


SHEET_WORKFLOW = Workflow(
    states=SheetState,
    initial=SheetState.SCORED,
    final=frozenset({SheetState.FROZEN}),
)
