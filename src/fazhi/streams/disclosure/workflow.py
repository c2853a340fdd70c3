"""依申请公开: registration to archive (登记、审核、办理、答复、归档, 条例 第四十五条; spec §4.3).

received -> registered -> [supplement_requested -> supplemented | deemed_withdrawn] -> under_review
-> [third_party_consult -> under_review] -> [extended] -> secrecy_review -> replied -> delivered
-> archived, later optionally reconsideration / litigation -> archived.

Dates are typed on the record (edit page) and the transition checks them: the 补正 notice
within 7 working days of receipt (第三十条), third-party consultation pauses the reply clock
(第三十三条第三款), one extension of at most 20 working days approved by the head
(第三十三条第二款), no refusal without its reason (第三十六条). The periods are declared on
the model (``DisclosureRequest.tracked``) and read these dates; an effect only records the
dates a step itself decides (review start, extension approval, closing).
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.urls import reverse
from django.utils import timezone

from fazhi.core import calendar, deadlines
from fazhi.core.models import Deadline
from fazhi.core.workflow import Transition, Workflow
from fazhi.streams.disclosure import rules

EARLY_STATES = frozenset({"received", "registered"})
REPLIED_STATES = ("replied", "delivered", "archived", "reconsideration", "litigation")
CONCLUDED_STATES = (*REPLIED_STATES, "deemed_withdrawn")


def _cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _deadline(record, key: str) -> Deadline | None:
    return deadlines.deadlines_of(record).filter(key=key).first()


def _not_future(d: date, label: str) -> str | None:
    if d > timezone.localdate():
        return f"{label}不能晚于今天"
    return None


def _save(record, *fields: str) -> None:
    record.save(update_fields=list(fields))


# -- 补正 (条例 第三十条) --------------------------------------------------------------------

def supplement_notice_limit(record) -> date:
    """The last day to ask for a supplement: 7 working days after receipt (条例 第三十条)."""
    return calendar.add_working_days(record.received_on, rules.SUPPLEMENT_NOTICE_DAYS)


def _can_request_supplement(record) -> str | None:
    if record.supplement_requested_on is None or record.supplement_deadline is None:
        return "请先在编辑页填写补正通知日期和补正期限，再通知补正"
    limit = supplement_notice_limit(record)
    if record.supplement_requested_on > limit:
        return (f"补正须在收到申请之日起{rules.SUPPLEMENT_NOTICE_DAYS}个工作日内一次性告知（政府信息公开条例 第三十条），"
                f"本申请最迟应于{_cn(limit)}通知补正")
    return _not_future(record.supplement_requested_on, "补正通知日期")


def _can_take_supplement(record) -> str | None:
    if record.supplement_received_on is None:
        return "请先在编辑页填写收到补正日期"
    return _not_future(record.supplement_received_on, "收到补正日期")


def _can_deem_withdrawn(record) -> str | None:
    if record.supplement_received_on:
        return "已收到补正材料，不能视为放弃申请"
    if record.supplement_deadline is None or timezone.localdate() <= record.supplement_deadline:
        until = f"（{_cn(record.supplement_deadline)}）" if record.supplement_deadline else ""
        return f"补正期限{until}届满前不能视为放弃申请（政府信息公开条例 第三十条）"
    return None


def _on_deemed_withdrawn(record, by) -> None:
    today = timezone.localdate()
    record.reply_type, record.reply_reason, record.closed_on = "other", "other_no_supplement", today
    _save(record, "reply_type", "reply_reason", "closed_on")


# -- review, third party, extension -------------------------------------------------------

def _on_review(record, by) -> None:
    """The day review starts; without a 补正 it is the day the 补正 window closes (models: tracked)."""
    if record.review_started_on is None:
        record.review_started_on = timezone.localdate()
        _save(record, "review_started_on")


def _can_consult(record) -> str | None:
    if record.consult_started_on is None:
        return "请先在编辑页填写第三方和征求第三方意见开始日期"
    if record.consult_ended_on:
        return "征求第三方意见结束日期应在第三方回复后填写"
    if not record.third_party.strip():
        return "请先在编辑页填写第三方"
    reply = _deadline(record, rules.REPLY.key)
    if reply and record.consult_started_on < reply.start:
        return f"征求第三方意见开始日期不能早于答复期限起算日（{_cn(reply.start)}）"
    return _not_future(record.consult_started_on, "征求第三方意见开始日期")


def _can_end_consult(record) -> str | None:
    if record.consult_ended_on is None:
        return "请先在编辑页填写征求第三方意见结束日期"
    return _not_future(record.consult_ended_on, "征求第三方意见结束日期")


def _can_extend(record) -> str | None:
    reply = _deadline(record, rules.REPLY.key)
    if record.extension_approver or record.extension_approved_on:
        return "答复期限只能延长一次（政府信息公开条例 第三十三条第二款）"
    if not record.extension_days or not 1 <= record.extension_days <= rules.EXTENSION_MAX_DAYS:
        return f"请填写延长工作日数，最长不超过{rules.EXTENSION_MAX_DAYS}个工作日（政府信息公开条例 第三十三条第二款）"
    if not record.extension_reason.strip():
        return "请填写延期理由"
    if reply and timezone.localdate() > reply.due:
        return f"答复期限已于{_cn(reply.due)}届满，延期须在期限届满前批准"
    return None


def _on_extend(record, by) -> None:
    """Approved by the head of the GIP work unit, recorded with the approver (第三十三条第二款)."""
    today = timezone.localdate()
    record.extension_approver = getattr(by, "display_name", "") or by.get_username()
    record.extension_approved_on = today
    _save(record, "extension_approver", "extension_approved_on")


# -- reply, delivery, archive ---------------------------------------------------------------

def reply_problem(record) -> str | None:
    """Why the request cannot be answered yet, or None."""
    if not record.reply_type:
        return "请先在编辑页选择答复类型"
    if record.replied_on is None:
        return "请先在编辑页填写答复日期"
    return record.reason_problem() or _not_future(record.replied_on, "答复日期")


def _on_reply(record, by) -> None:
    record.closed_on = record.replied_on
    _save(record, "closed_on")


def _can_deliver(record) -> str | None:
    if record.delivered_on is None:
        return "请先在编辑页填写送达日期"
    return _not_future(record.delivered_on, "送达日期")


def _can_archive(record) -> str | None:
    if not record.archive_no.strip():
        return "请先在编辑页填写归档号"
    return None


def _on_reconsider(record, by) -> None:
    record.reconsideration = True
    record.challenge_outcome = record.challenge_outcome or "pending"
    _save(record, "reconsideration", "challenge_outcome")


def _on_litigate(record, by) -> None:
    """A lawsuit is the challenge now pending (a lawsuit after reconsideration included)."""
    record.litigation = True
    record.challenge_outcome = "pending"
    _save(record, "litigation", "challenge_outcome")


def _can_conclude_challenge(record) -> str | None:
    if record.challenge_outcome in ("", "pending"):
        return "请先在编辑页填写复议或诉讼结果"
    return _can_archive(record)


def _mine_url(record) -> str:
    return reverse("gk_disclosure:mine", args=[record.request_no])


class DisclosureState(models.TextChoices):
    RECEIVED = "received", "已收到"
    REGISTERED = "registered", "已登记"
    SUPPLEMENT_REQUESTED = "supplement_requested", "待补正"
    SUPPLEMENTED = "supplemented", "已补正"
    DEEMED_WITHDRAWN = "deemed_withdrawn", "视为放弃申请"
    UNDER_REVIEW = "under_review", "审查办理中"
    THIRD_PARTY_CONSULT = "third_party_consult", "征求第三方意见"
    EXTENDED = "extended", "已延期"
    SECRECY_REVIEW = "secrecy_review", "保密审查"
    REPLIED = "replied", "已答复"
    DELIVERED = "delivered", "已送达"
    ARCHIVED = "archived", "已归档"
    RECONSIDERATION = "reconsideration", "行政复议中"
    LITIGATION = "litigation", "行政诉讼中"


DISCLOSURE_WORKFLOW = Workflow(
    states=DisclosureState,
    initial=DisclosureState.RECEIVED,
    final=frozenset({DisclosureState.ARCHIVED, DisclosureState.DEEMED_WITHDRAWN}),
    transitions=[
        Transition("register", (DisclosureState.RECEIVED,), DisclosureState.REGISTERED, "登记"),
        Transition("request_supplement", (DisclosureState.REGISTERED,), DisclosureState.SUPPLEMENT_REQUESTED, "通知补正",
                   guard=_can_request_supplement,
                   tell_submitter=lambda r: (f"您的政府信息公开申请 {r.request_no} 需要补正，请按受理机关的通知补正",
                                             _mine_url(r)),
                   confirm="确认已一次性告知申请人需要补正的事项和补正期限？答复期限将自收到补正之日起重新计算。"),
        Transition("take_supplement", (DisclosureState.SUPPLEMENT_REQUESTED,), DisclosureState.SUPPLEMENTED, "收到补正",
                   guard=_can_take_supplement),
        Transition("deem_withdrawn", (DisclosureState.SUPPLEMENT_REQUESTED,), DisclosureState.DEEMED_WITHDRAWN, "视为放弃申请",
                   guard=_can_deem_withdrawn, effect=_on_deemed_withdrawn, style="outline-danger",
                   confirm="申请人无正当理由逾期不补正，确认视为放弃申请？"),
        Transition("start_review", (DisclosureState.REGISTERED, DisclosureState.SUPPLEMENTED), DisclosureState.UNDER_REVIEW, "受理审查", effect=_on_review),
        Transition("consult", (DisclosureState.UNDER_REVIEW,), DisclosureState.THIRD_PARTY_CONSULT, "征求第三方意见",
                   guard=_can_consult, style="outline-primary",
                   confirm="确认已向第三方发出征求意见书？征求意见期间不计入答复期限。"),
        Transition("consult_done", (DisclosureState.THIRD_PARTY_CONSULT,), DisclosureState.UNDER_REVIEW, "第三方意见已收到",
                   guard=_can_end_consult),
        Transition("extend", (DisclosureState.UNDER_REVIEW,), DisclosureState.EXTENDED, "批准延期答复", capability="records.approve",
                   guard=_can_extend, effect=_on_extend, style="outline-primary"),
        Transition("secrecy_review", (DisclosureState.UNDER_REVIEW, DisclosureState.EXTENDED), DisclosureState.SECRECY_REVIEW, "提交保密审查"),
        Transition("reply", (DisclosureState.SECRECY_REVIEW,), DisclosureState.REPLIED, "答复", guard=reply_problem, effect=_on_reply,
                   tell_submitter=lambda r: (f"您的政府信息公开申请 {r.request_no} 已答复", _mine_url(r)),
                   confirm="确认已按所填答复类型和答复日期向申请人作出书面答复？"),
        Transition("deliver", (DisclosureState.REPLIED,), DisclosureState.DELIVERED, "登记送达", guard=_can_deliver),
        Transition("archive", (DisclosureState.DELIVERED,), DisclosureState.ARCHIVED, "归档", guard=_can_archive),
        Transition("reconsider", (DisclosureState.DELIVERED, DisclosureState.ARCHIVED), DisclosureState.RECONSIDERATION, "申请人申请行政复议",
                   effect=_on_reconsider, style="outline-secondary"),
        Transition("litigate", (DisclosureState.DELIVERED, DisclosureState.ARCHIVED, DisclosureState.RECONSIDERATION), DisclosureState.LITIGATION, "申请人提起行政诉讼",
                   effect=_on_litigate, style="outline-secondary"),
        Transition("conclude_challenge", (DisclosureState.RECONSIDERATION, DisclosureState.LITIGATION), DisclosureState.ARCHIVED, "复议诉讼审结归档",
                   guard=_can_conclude_challenge),
    ],
)
