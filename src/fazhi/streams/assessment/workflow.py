"""考核方案: draft -> scored -> approved -> published (spec §20).

The steps are taken by the services (score_run, scheme_approve, scheme_publish), not by the
generic transition page: approval must refuse the account that ran or entered the scores, and a
workflow guard sees the record only. Score sheets follow their scheme (scored -> frozen)."""

from __future__ import annotations

from fazhi.core.workflow import Workflow

FROZEN = ("approved", "published")

SCHEME_WORKFLOW = Workflow(
    states={"draft": "草稿", "scored": "已评分", "approved": "已审定", "published": "已内部通报"},
    initial="draft",
    final=frozenset({"published"}),
)

SHEET_WORKFLOW = Workflow(
    states={"scored": "已评分（可申辩）", "frozen": "已审定"},
    initial="scored",
    final=frozenset({"frozen"}),
)
