"""Workflows of the public legal services stream (spec §7).

- Advisor appointments (一村一法律顾问): in office → ended.
- Consultations (值班咨询): logged (or asked online: 网上咨询待解答) → referred (to mediation, legal aid or litigation) → closed.
- Duty days (值班): scheduled → held | missed.
- Lectures (法治讲座): planned → held | cancelled.
- Legal aid (法律援助, 《法律援助法》第四十三条): applied → [supplement (补正)] → accepted →
  granted | refused → assigned → closed; an application whose materials are not supplemented
  is deemed withdrawn.
- Certification items (证明事项告知承诺制 list): listed → withdrawn.
- Commitment cases: pending verification → verified true | false → handled (follow-up done).
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse

from fazhi.core.workflow import Transition, Workflow


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _missing(record, *names: str) -> str | None:
    labels = [str(record._meta.get_field(n).verbose_name) for n in names if _blank(getattr(record, n))]
    return f"请先在编辑页填写{'、'.join(labels)}" if labels else None


# -- appointments --------------------------------------------------------------------------------

def _can_end(a) -> str | None:
    return _missing(a, "contract_end")


class AppointmentState(models.TextChoices):
    ACTIVE = "active", "在聘"
    ENDED = "ended", "已解聘"


APPOINTMENT_WORKFLOW = Workflow(
    states=AppointmentState,
    initial=AppointmentState.ACTIVE,
    final=frozenset({AppointmentState.ENDED}),
    transitions=[
        Transition("end", (AppointmentState.ACTIVE,), AppointmentState.ENDED, "解聘", guard=_can_end, style="outline-danger",
                   confirm="确认解聘？请确认已在“聘期截止”中填写解聘日期；解聘后该村（社区）需另行聘请法律顾问。"),
    ],
)

# -- consultations -------------------------------------------------------------------------------

REFERRALS = ("litigation", "mediation", "legal_aid", "petition", "other")


def _answer_missing(c) -> str | None:
    if c.state == "asked" and not (c.answer or "").strip():
        return "网上咨询须先在编辑页填写解答意见（将显示给咨询人）"
    return None


def _can_refer(c) -> str | None:
    missing = _answer_missing(c)
    if missing:
        return missing
    if c.disposition not in REFERRALS:
        return "处理方式为“当场解答”的咨询无需转办；如需转办，请先在编辑页修改处理方式"
    return None


def _url(name: str, key) -> str:
    """The citizen's own page of a request filed online (gk_legal_services:consultation / :aid)."""

    return reverse(f"gk_legal_services:{name}", args=[key])


class ConsultationState(models.TextChoices):
    ASKED = "asked", "网上咨询待解答"
    LOGGED = "logged", "已登记"
    REFERRED = "referred", "已转办"
    CLOSED = "closed", "已办结"


CONSULTATION_WORKFLOW = Workflow(
    states=ConsultationState,
    initial=ConsultationState.LOGGED,
    final=frozenset({ConsultationState.CLOSED}),
    transitions=[
        Transition("refer", (ConsultationState.LOGGED, ConsultationState.ASKED), ConsultationState.REFERRED, "转办", guard=_can_refer, style="outline-primary"),
        Transition("close", (ConsultationState.LOGGED, ConsultationState.ASKED, ConsultationState.REFERRED), ConsultationState.CLOSED, "办结", guard=_answer_missing,
                   style="success", tell_submitter=lambda c: ("您的法律咨询已答复", _url("consultation", c.pk))),
    ],
)

# -- duty days and lectures ----------------------------------------------------------------------

def _duty_held(d) -> str | None:
    return _missing(d, "hours")


class DutyState(models.TextChoices):
    SCHEDULED = "scheduled", "已排班"
    HELD = "held", "已值班"
    MISSED = "missed", "未到岗"


DUTY_WORKFLOW = Workflow(
    states=DutyState,
    initial=DutyState.SCHEDULED,
    final=frozenset({DutyState.HELD, DutyState.MISSED}),
    transitions=[
        Transition("hold", (DutyState.SCHEDULED,), DutyState.HELD, "登记值班", guard=_duty_held),
        Transition("miss", (DutyState.SCHEDULED,), DutyState.MISSED, "登记未到岗", style="outline-danger",
                   confirm="确认法律顾问当日未到岗值班？将计入值班履职率。"),
    ],
)


def _lecture_held(lecture) -> str | None:
    return _missing(lecture, "held_on", "audience")


class LectureState(models.TextChoices):
    PLANNED = "planned", "计划"
    HELD = "held", "已举办"
    CANCELLED = "cancelled", "已取消"


LECTURE_WORKFLOW = Workflow(
    states=LectureState,
    initial=LectureState.PLANNED,
    final=frozenset({LectureState.HELD, LectureState.CANCELLED}),
    transitions=[
        Transition("hold", (LectureState.PLANNED,), LectureState.HELD, "登记举办", guard=_lecture_held),
        Transition("cancel", (LectureState.PLANNED,), LectureState.CANCELLED, "取消", style="outline-danger",
                   confirm="确认取消该次讲座？取消后不计入统计。"),
    ],
)

# -- legal aid -----------------------------------------------------------------------------------

class LegalAidState(models.TextChoices):
    APPLIED = "applied", "已申请"
    SUPPLEMENT = "supplement", "待补正"
    ACCEPTED = "accepted", "已受理"
    GRANTED = "granted", "准予援助"
    REFUSED = "refused", "不予援助"
    ASSIGNED = "assigned", "已指派"
    CLOSED = "closed", "已结案"
    WITHDRAWN = "withdrawn", "视为撤回"


AID_STATES = dict(LegalAidState.choices)
DECIDED = ("granted", "refused", "assigned", "closed")
GRANTED = ("granted", "assigned", "closed")


def _can_ask_supplement(a) -> str | None:
    return _missing(a, "supplement_requested_on", "supplement_items")


def _can_take_supplement(a) -> str | None:
    return _missing(a, "supplement_received_on")


def _can_withdraw(a) -> str | None:
    return None


def _can_grant(a) -> str | None:
    return _missing(a, "decided_on")


def _can_refuse(a) -> str | None:
    missing = _missing(a, "decided_on")
    if missing:
        return missing
    if not a.refusal_reason.strip():
        return "决定不予法律援助的，应当书面告知申请人并说明理由（法律援助法 第四十三条），请先填写不予援助理由"
    return None


def _can_assign(a) -> str | None:
    return _missing(a, "assigned_on", "lawyer", "law_firm")


def _can_close(a) -> str | None:
    missing = _missing(a, "closed_on")
    if missing:
        return missing
    if not a.closing_summary.strip():
        return "法律援助人员应当向法律援助机构报告结案情况（法律援助法 第五十条），请先填写结案情况"
    return None


LEGAL_AID_WORKFLOW = Workflow(
    states=LegalAidState,
    initial="applied",
    final=frozenset({"refused", "closed", "withdrawn"}),
    transitions=[
        Transition("accept", ("applied",), "accepted", "受理"),
        Transition("ask_supplement", ("applied",), "supplement", "一次性告知补正", guard=_can_ask_supplement,
                   style="outline-primary", tell_submitter=lambda a: (
                       f"您的法律援助申请 {a.application_no} 需要补充材料", _url("aid", a.application_no)),
                   confirm="确认一次性告知申请人需要补充的材料？补正期间不计入审查期限。"),
        Transition("take_supplement", ("supplement",), "accepted", "补正后受理", guard=_can_take_supplement),
        Transition("withdraw", ("supplement",), "withdrawn", "视为撤回", guard=_can_withdraw,
                   style="outline-danger", confirm="申请人未按要求补充材料或作出说明，确认视为撤回申请？"),
        Transition("grant", ("accepted",), "granted", "准予援助", guard=_can_grant,
                   capability="records.approve", style="success", tell_submitter=lambda a: (
                       f"您的法律援助申请 {a.application_no} 已准予援助", _url("aid", a.application_no))),
        Transition("refuse", ("accepted",), "refused", "不予援助", guard=_can_refuse,
                   capability="records.approve", style="outline-danger", tell_submitter=lambda a: (
                       f"您的法律援助申请 {a.application_no} 经审查不予援助，请查看理由", _url("aid", a.application_no)),
                   confirm="确认不予法律援助？应当书面告知申请人理由；申请人有异议的，可向司法行政部门提出。"),
        Transition("assign", ("granted",), "assigned", "指派", guard=_can_assign),
        Transition("close", ("assigned",), "closed", "结案", guard=_can_close, style="success"),
    ],
)

# -- certification items and commitment cases ----------------------------------------------------

class ItemState(models.TextChoices):
    LISTED = "listed", "已列入清单"
    WITHDRAWN = "withdrawn", "已移出清单"


ITEM_WORKFLOW = Workflow(
    states=ItemState,
    initial=ItemState.LISTED,
    final=frozenset({ItemState.WITHDRAWN}),
    transitions=[
        Transition("withdraw", (ItemState.LISTED,), ItemState.WITHDRAWN, "移出清单", capability="records.approve",
                   style="outline-danger", confirm="确认将该证明事项移出告知承诺清单？"),
    ],
)


def _can_verify_true(c) -> str | None:
    missing = _missing(c, "verified_on")
    if missing:
        return missing
    if c.result != "true":
        return "请先在编辑页将核查结果填写为“属实”"
    return None


def _can_verify_false(c) -> str | None:
    missing = _missing(c, "verified_on")
    if missing:
        return missing
    if c.result != "false":
        return "请先在编辑页将核查结果填写为“不实”"
    return None


def _can_handle(c) -> str | None:
    missing = _missing(c, "follow_up", "follow_up_on")
    if missing:
        return "承诺不实的，应当终止办理、责令限期整改、撤销决定或予以处罚并记入信用记录；" + missing
    return None


class CommitmentState(models.TextChoices):
    PENDING = "pending", "待核查"
    VERIFIED = "verified", "核查属实"
    FALSE = "false", "承诺不实"
    HANDLED = "handled", "已处理"


COMMITMENT_WORKFLOW = Workflow(
    states=CommitmentState,
    initial=CommitmentState.PENDING,
    final=frozenset({CommitmentState.VERIFIED, CommitmentState.HANDLED}),
    transitions=[
        Transition("verify", (CommitmentState.PENDING,), CommitmentState.VERIFIED, "核查属实", guard=_can_verify_true,
                   style="success"),
        Transition("find_false", (CommitmentState.PENDING,), CommitmentState.FALSE, "核查不实", guard=_can_verify_false,
                   style="outline-danger", confirm="确认核查发现承诺不实？须依法作出后续处理。"),
        Transition("handle", (CommitmentState.FALSE,), CommitmentState.HANDLED, "处理完毕", guard=_can_handle,
                   capability="records.approve"),
    ],
)
