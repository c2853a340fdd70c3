"""Workflows of the enforcement stream.

- Officer certificate (执法证): 有效 ⇄ 暂扣 → 注销; "过期" is not a state but follows from the
  valid-until date (shown on the pages, used by the indicators).
- Enforcement decision (执法决定, spec §6.3 / §21.7 事后公开): 已作出 → 已公示 → 已撤回.
- Review campaign (案卷评查活动, spec §11.3, condensed): 计划 → 评查中 → 结果已通报 → 已完结.
- Score sheet (评查表): 评分中 → 已评分 → 整改中 → 已整改.
- Licence items and discretion benchmarks: 拟定 → 已公布 → 已废止.
- Exam results and training records are plain registers (one state).
"""

from __future__ import annotations

from django.db import models

from fazhi.core.workflow import Transition, Workflow


def _effect_sync(record, by) -> None:
    sync = getattr(record, "sync_deadlines", None)
    if sync:
        sync()


# -- officers ---------------------------------------------------------------------------------

def _can_suspend(officer) -> str | None:
    return None if officer.suspended_on else "请先在编辑页填写暂扣日期，再暂扣执法证"


def _can_restore(officer) -> str | None:
    if not officer.restored_on:
        return "请先在编辑页填写恢复日期，再恢复执法证"
    return None


def _can_revoke(officer) -> str | None:
    if not officer.revoked_on or not officer.revoke_reason.strip():
        return "请先在编辑页填写注销日期和注销原因，再注销执法证"
    return None


class OfficerState(models.TextChoices):
    VALID = "valid", "有效"
    SUSPENDED = "suspended", "暂扣"
    REVOKED = "revoked", "注销"


OFFICER_WORKFLOW = Workflow(
    states=OfficerState,
    initial=OfficerState.VALID,
    final=frozenset({OfficerState.REVOKED}),
    transitions=[
        Transition("suspend", (OfficerState.VALID,), OfficerState.SUSPENDED, "暂扣执法证", guard=_can_suspend, style="outline-warning",
                   capability="records.approve", confirm="确认暂扣该执法证？暂扣期间不得从事执法活动。"),
        Transition("restore", (OfficerState.SUSPENDED,), OfficerState.VALID, "恢复执法证", guard=_can_restore,
                   capability="records.approve"),
        Transition("revoke", (OfficerState.VALID, OfficerState.SUSPENDED), OfficerState.REVOKED, "注销执法证", guard=_can_revoke,
                   style="outline-danger", capability="records.approve",
                   confirm="确认注销该执法证？注销后不可恢复，应收回证件。"),
    ],
)


# -- decisions ----------------------------------------------------------------------------------

def _can_publish(decision) -> str | None:
    if not decision.disclosed_on:
        return "请先在编辑页填写公示日期和公示渠道，再登记公示"
    if not decision.disclosure_channel.strip():
        return "请先填写公示渠道（如政府门户网站执法公示专栏）"
    return None


def _can_withdraw(decision) -> str | None:
    if not decision.reversed_on:
        return "只有被依法变更、撤销、确认违法或者确认无效的决定才能撤回公示：请先填写决定变更或撤销日期"
    if not decision.withdrawn_on or not decision.withdrawal_reason.strip():
        return "请先填写撤回日期和撤回理由（行政处罚法 第四十八条：撤回并公开说明理由）"
    return None


class DecisionState(models.TextChoices):
    DECIDED = "decided", "已作出"
    PUBLISHED = "published", "已公示"
    WITHDRAWN = "withdrawn", "已撤回公示"


DECISION_WORKFLOW = Workflow(
    states=DecisionState,
    initial=DecisionState.DECIDED,
    final=frozenset({DecisionState.WITHDRAWN}),
    transitions=[
        Transition("publish", (DecisionState.DECIDED,), DecisionState.PUBLISHED, "登记公示", guard=_can_publish, effect=_effect_sync,
                   style="success"),
        Transition("withdraw", (DecisionState.PUBLISHED,), DecisionState.WITHDRAWN, "撤回公示", guard=_can_withdraw, effect=_effect_sync,
                   style="outline-danger", confirm="确认撤回该执法决定的公示信息？撤回理由将一并公开。"),
    ],
)


# -- review campaigns and score sheets ------------------------------------------------------

def _can_start(campaign) -> str | None:
    return None if campaign.held_on else "请先填写评查日期，再开始评查"


def _can_issue(campaign) -> str | None:
    files = campaign.files.all()
    if not files.exists():
        return "该活动尚无评查案卷，请先登记评查表"
    if files.filter(state="scoring").exists():
        return "尚有案卷未完成评分，不能通报结果"
    if not campaign.issued_on:
        return "请先填写通报日期，再通报评查结果"
    return None


def _can_close_campaign(campaign) -> str | None:
    if campaign.files.filter(state="rectifying").exists():
        return "尚有案卷整改未完成，不能完结评查活动"
    return None


class CampaignState(models.TextChoices):
    PLANNED = "planned", "计划"
    REVIEWING = "reviewing", "评查中"
    ISSUED = "issued", "结果已通报"
    CLOSED = "closed", "已完结"
    CANCELLED = "cancelled", "已取消"


CAMPAIGN_WORKFLOW = Workflow(
    states=CampaignState,
    initial=CampaignState.PLANNED,
    final=frozenset({CampaignState.CLOSED, CampaignState.CANCELLED}),
    transitions=[
        Transition("start", (CampaignState.PLANNED,), CampaignState.REVIEWING, "开始评查", guard=_can_start),
        Transition("issue", (CampaignState.REVIEWING,), CampaignState.ISSUED, "通报结果", guard=_can_issue, capability="records.approve"),
        Transition("close", (CampaignState.ISSUED,), CampaignState.CLOSED, "完结", guard=_can_close_campaign, style="success",
                   capability="records.approve"),
        Transition("cancel", (CampaignState.PLANNED,), CampaignState.CANCELLED, "取消", style="outline-danger",
                   confirm="确认取消该评查活动？取消后不计入统计。"),
    ],
)


def _can_score(review) -> str | None:
    missing = review.missing_scores()
    if missing:
        return f"请先填写各项得分（缺：{'、'.join(missing)}），再完成评分"
    if not review.reviewers.strip():
        return "请先填写评查人员"
    return None


def _can_rectify(review) -> str | None:
    if not review.findings.strip() or not review.rectification_due:
        return "请先填写发现的问题和整改期限，再交办整改"
    return None


def _can_verify(review) -> str | None:
    return None if review.rectified_on else "请先填写整改完成日期，再确认整改"


class ReviewState(models.TextChoices):
    SCORING = "scoring", "评分中"
    SCORED = "scored", "已评分"
    RECTIFYING = "rectifying", "整改中"
    RECTIFIED = "rectified", "已整改"


REVIEW_WORKFLOW = Workflow(
    states=ReviewState,
    initial=ReviewState.SCORING,
    final=frozenset({ReviewState.RECTIFIED}),
    transitions=[
        Transition("score", (ReviewState.SCORING,), ReviewState.SCORED, "完成评分", guard=_can_score),
        Transition("rectify", (ReviewState.SCORED,), ReviewState.RECTIFYING, "交办整改", guard=_can_rectify, style="outline-warning"),
        Transition("verify", (ReviewState.RECTIFYING,), ReviewState.RECTIFIED, "确认整改完成", guard=_can_verify, style="success",
                   capability="records.approve"),
    ],
)


# -- published lists ------------------------------------------------------------------------------

def _can_publish_item(item) -> str | None:
    return None if item.published_on else "请先填写公布日期，再公布"


def _can_repeal(item) -> str | None:
    return None if item.repealed_on else "请先填写废止日期，再废止"


class PublicationState(models.TextChoices):
    DRAFT = "draft", "拟定"
    PUBLISHED = "published", "已公布"
    REPEALED = "repealed", "已废止"


PUBLICATION_WORKFLOW = Workflow(
    states=PublicationState,
    initial=PublicationState.DRAFT,
    final=frozenset({PublicationState.REPEALED}),
    transitions=[
        Transition("publish", (PublicationState.DRAFT,), PublicationState.PUBLISHED, "公布", guard=_can_publish_item, style="success",
                   capability="records.approve", confirm="确认公布？公布后将在政府门户网站执法公示专栏展示。"),
        Transition("repeal", (PublicationState.PUBLISHED,), PublicationState.REPEALED, "废止", guard=_can_repeal, style="outline-danger",
                   capability="records.approve", confirm="确认废止？废止后不再公开展示。"),
    ],
)


class RegisterState(models.TextChoices):
    RECORDED = "recorded", "已登记"


REGISTER_WORKFLOW = Workflow(states=RegisterState, initial=RegisterState.RECORDED, final=frozenset({RegisterState.RECORDED}))
