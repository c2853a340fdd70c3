"""Workflows of legality review and of normative documents (spec §9.3 [D]).

Review request: submitted -> materials_check (-> returned for supplement -> materials_check)
-> assigned -> reviewing -> opinion_issued -> feedback (adoption) -> closed; or withdrawn.

Normative document: draft -> legality_review -> fair_competition -> collective (decision)
-> published -> filed -> accepted | correction_required (-> corrected | revoked);
accepted/corrected -> repealed; a draft may be abandoned.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from fazhi.core.workflow import Transition, TransitionError, Workflow
from fazhi.streams.normative import rules, services

FAVOURABLE_OPINIONS = ("agree", "agree_amended")


# -- review requests -------------------------------------------------------------------------

def review_opinion_problem(review) -> str | None:
    """An issued review must carry its conclusion, its text and its date."""
    if not review.opinion:
        return "请先选择审核结论（同意/修改后同意/不同意），再出具审核意见"
    if not review.opinion_text.strip():
        return "请先填写审核意见内容，再出具审核意见"
    if review.opinion_on is None:
        return "请先填写出具意见日期，再出具审核意见"
    return None


def _needs_return_details(review) -> str | None:
    if review.returned_on is None or not review.supplement_request.strip():
        return "请先填写退回补正日期和需补正事项，再退回补正"
    if review.resubmitted_on is not None and review.returned_on <= review.resubmitted_on:
        return "退回补正日期应晚于上次补正送回日期"
    return None


def _needs_resubmission_date(review) -> str | None:
    if review.resubmitted_on is None:
        return "请先填写补正送回日期，再重新送审"
    if review.returned_on is not None and review.resubmitted_on < review.returned_on:
        return "补正送回日期不能早于退回补正日期"
    return None


def _needs_reviewer(review) -> str | None:
    if not review.reviewer.strip():
        return "请先填写审核人（法制审核人员、法律顾问或公职律师），再分派"
    return None


def _needs_adoption(review) -> str | None:
    if not review.adoption:
        return "请先填写意见采纳情况，再登记反馈"
    return None


def _effect(fn):
    """Run a deadline effect, turning a date conflict into a message the user sees."""

    def run(record, by) -> None:
        try:
            fn(record)
        except ValueError as exc:
            raise TransitionError(str(exc)) from exc

    return run


class ReviewState(models.TextChoices):
    SUBMITTED = "submitted", "已送审"
    MATERIALS_CHECK = "materials_check", "材料审查中"
    RETURNED = "returned", "退回补正"
    ASSIGNED = "assigned", "已分派审核人"
    REVIEWING = "reviewing", "审核中"
    OPINION_ISSUED = "opinion_issued", "已出具意见"
    FEEDBACK = "feedback", "已反馈采纳情况"
    CLOSED = "closed", "已办结"
    WITHDRAWN = "withdrawn", "已撤回"


REVIEW_WORKFLOW = Workflow(
    states=ReviewState,
    initial=ReviewState.SUBMITTED,
    final=frozenset({ReviewState.CLOSED, ReviewState.WITHDRAWN}),
    transitions=[
        Transition("check", (ReviewState.SUBMITTED,), ReviewState.MATERIALS_CHECK, "接收并审查材料"),
        Transition("return", (ReviewState.MATERIALS_CHECK,), ReviewState.RETURNED, "退回补正", guard=_needs_return_details,
                   effect=_effect(lambda r: services.pause_review(r, r.returned_on)), style="outline-warning",
                   confirm="确认退回补正？退回期间不计入审核期限。"),
        Transition("resubmit", (ReviewState.RETURNED,), ReviewState.MATERIALS_CHECK, "补正后重新送审", guard=_needs_resubmission_date,
                   effect=_effect(lambda r: services.resume_review(r, r.resubmitted_on))),
        Transition("assign", (ReviewState.MATERIALS_CHECK,), ReviewState.ASSIGNED, "分派审核人", guard=_needs_reviewer),
        Transition("start", (ReviewState.ASSIGNED,), ReviewState.REVIEWING, "开始审核"),
        Transition("issue", (ReviewState.REVIEWING,), ReviewState.OPINION_ISSUED, "出具审核意见", capability="records.approve",
                   guard=review_opinion_problem,
                   confirm="确认签发审核意见？签发后审核期限办结。"),
        Transition("feedback", (ReviewState.OPINION_ISSUED,), ReviewState.FEEDBACK, "登记采纳情况", guard=_needs_adoption),
        Transition("close", (ReviewState.FEEDBACK,), ReviewState.CLOSED, "办结"),
        Transition("withdraw", (ReviewState.SUBMITTED, ReviewState.MATERIALS_CHECK, ReviewState.RETURNED, ReviewState.ASSIGNED, ReviewState.REVIEWING), ReviewState.WITHDRAWN,
                   "撤回", style="outline-danger",
                   confirm="确认撤回该审核申请？撤回后不计入审核统计。"),
    ],
)


# -- normative documents ---------------------------------------------------------------------

def review_reference_problem(document) -> str | None:
    """The document must cite a legality review of the review ledger whose conclusion allows it
    to go on (同意 or 修改后同意) — 优化营商环境条例 第六十三条; 国办发〔2018〕115号."""
    # here, not at the top: fazhi.streams.normative.models imports this module, directly or through others (a cycle)
    from fazhi.streams.normative.models import ReviewRequest

    if not document.review_ref.strip():
        return "请先填写合法性审核编号：未经合法性审核的规范性文件不得提交审议和公布"
    review = ReviewRequest.objects.filter(review_no=document.review_ref.strip()).first()
    if review is None:
        return f"法制审核台账中没有审核编号为“{document.review_ref}”的记录"
    if review.kind != "normative":
        return f"审核编号“{review.review_no}”不是规范性文件的合法性审核"
    if review.state not in rules.REVIEW_ISSUED_STATES:
        return f"审核编号“{review.review_no}”尚未出具审核意见"
    if review.opinion not in FAVOURABLE_OPINIONS:
        return f"审核编号“{review.review_no}”的审核结论为不同意，不得提交审议和公布"
    return None


def _needs_review_ref(document) -> str | None:
    if not document.review_ref.strip():
        return "请先填写合法性审核编号，再送合法性审核"
    return None


def _needs_fair_competition(document) -> str | None:
    if not document.fair_competition:
        return "请先填写公平竞争审查情况（不涉及或已审查），再提交集体审议"
    return None


def publication_problem(document) -> str | None:
    """No publication without a favourable legality review and a collective discussion."""
    reason = review_reference_problem(document)
    if reason:
        return reason
    if document.discussed_on is None:
        return "请先填写集体讨论日期：规范性文件须经集体审议决定后方可公布"
    if document.published_on is None:
        return "请先填写公布日期，再签发公布"
    return _model_problem(document)


def filing_problem(document) -> str | None:
    if document.filed_on is None:
        return "请先填写报备日期，再登记报送备案"
    if not document.filed_with.strip():
        return "请先填写备案机关，再登记报送备案"
    return _model_problem(document)


def _judgement_problem(document) -> str | None:
    if document.filing_reviewed_on is None or not document.conformity:
        return "请先填写备案审查日期和规范性判定（规范/不规范），再登记审查结论"
    return None


def _accept_problem(document) -> str | None:
    reason = _judgement_problem(document)
    if reason:
        return reason
    if document.found_illegal:
        return "备案审查发现违法或不当，应登记“责令纠正”"
    return None


def _correction_problem(document) -> str | None:
    reason = _judgement_problem(document)
    if reason:
        return reason
    if not document.found_illegal or not document.problem.strip():
        return "请先勾选“备案审查发现违法或不当”并填写问题及纠正要求"
    return None


def _needs_corrected_on(document) -> str | None:
    if document.corrected_on is None:
        return "请先填写纠正（撤销）日期"
    return None


def _needs_repealed_on(document) -> str | None:
    if document.repealed_on is None:
        return "请先填写废止/失效日期"
    return None


def _model_problem(record) -> str | None:
    """The record's own consistency rules, as one message (dates in order, year of the 文号 …)."""
    try:
        record.clean()
    except ValidationError as exc:
        return "；".join(exc.messages)
    return None


DRAFTING_STATES = ("draft", "legality_review", "fair_competition", "collective")

class DocumentState(models.TextChoices):
    DRAFT = "draft", "起草中"
    LEGALITY_REVIEW = "legality_review", "合法性审核中"
    FAIR_COMPETITION = "fair_competition", "公平竞争审查"
    COLLECTIVE = "collective", "待集体审议"
    PUBLISHED = "published", "已公布待报备"
    FILED = "filed", "已报备待审查"
    ACCEPTED = "accepted", "备案审查通过"
    CORRECTION_REQUIRED = "correction_required", "责令纠正"
    CORRECTED = "corrected", "已纠正"
    REVOKED = "revoked", "已撤销"
    REPEALED = "repealed", "已废止/失效"
    ABANDONED = "abandoned", "已终止制定"


DOCUMENT_WORKFLOW = Workflow(
    states=DocumentState,
    initial=DocumentState.DRAFT,
    final=frozenset({DocumentState.REVOKED, DocumentState.REPEALED, DocumentState.ABANDONED}),
    transitions=[
        Transition("send_review", (DocumentState.DRAFT,), DocumentState.LEGALITY_REVIEW, "送合法性审核", guard=_needs_review_ref),
        Transition("pass_review", (DocumentState.LEGALITY_REVIEW,), DocumentState.FAIR_COMPETITION, "合法性审核通过",
                   guard=review_reference_problem),
        Transition("pass_competition", (DocumentState.FAIR_COMPETITION,), DocumentState.COLLECTIVE, "提交集体审议",
                   guard=_needs_fair_competition),
        Transition("publish", (DocumentState.COLLECTIVE,), DocumentState.PUBLISHED, "签发公布", capability="records.approve",
                   guard=publication_problem,
                   confirm="确认签发公布？公布后开始计算报送备案期限。"),
        Transition("file", (DocumentState.PUBLISHED,), DocumentState.FILED, "报送备案", guard=filing_problem),
        Transition("accept", (DocumentState.FILED,), DocumentState.ACCEPTED, "备案审查通过", guard=_accept_problem),
        Transition("order_correction", (DocumentState.FILED,), DocumentState.CORRECTION_REQUIRED, "责令纠正", guard=_correction_problem,
                   style="outline-warning"),
        Transition("correct", (DocumentState.CORRECTION_REQUIRED,), DocumentState.CORRECTED, "已修改纠正", guard=_needs_corrected_on),
        Transition("revoke", (DocumentState.CORRECTION_REQUIRED,), DocumentState.REVOKED, "已撤销", guard=_needs_corrected_on,
                   style="outline-danger", confirm="确认登记该文件已撤销？"),
        Transition("repeal", (DocumentState.ACCEPTED, DocumentState.CORRECTED), DocumentState.REPEALED, "废止/失效", guard=_needs_repealed_on,
                   style="outline-danger", confirm="确认登记该文件已废止或失效？"),
        Transition("abandon", DRAFTING_STATES, DocumentState.ABANDONED, "终止制定", style="outline-danger",
                   confirm="确认终止制定该规范性文件？"),
    ],
)
