"""Business rules of the 问题举报 stream: intake from the portal (``complaint_submit``), the
reporter's status query (``complaint_lookup``), routing to the responsible unit, query
codes, and the reply deadline."""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from fazhi.core import audit, scope
from fazhi.core.deadlines import deadlines_of
from fazhi.core.deadlines import sync as sync_deadlines
from fazhi.core.models import Deadline, Unit
from fazhi.core.privacy import mask_name
from fazhi.core.workflow import TransitionError, transition
from fazhi.streams.complaints import rules
from fazhi.streams.complaints.models import Announcement, Complaint, next_tracking_no

QUERY_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
QUERY_CODE_LENGTH = 8
PUBLIC_STAGE = {
    "registered": "已受理，正在分办",
    "routed": "已转交责任单位",
    "handling": "责任单位正在调查处理",
    "replied": "已答复",
    "closed": "已办结",
}


def query_code_hash(code: str) -> str:
    return salted_hmac("fazhi.complaints.query_code", code.strip().upper(), algorithm="sha256").hexdigest()


def new_query_code() -> str:
    return "".join(secrets.choice(QUERY_CODE_ALPHABET) for _ in range(QUERY_CODE_LENGTH))


def complaint_submit(*, unit: Unit | None = None, announcement: Announcement | None = None, channel: str = "online",
                     category: str, subject: str, content: str, anonymous: bool = False, reporter_name: str = "",
                     reporter_phone: str = "", reported_party: str = "", received_on: date | None = None,
                     by=None) -> tuple[Complaint, str]:
    """Register a report from the public (the portal's form; ``by`` may be anonymous).

    The report goes to the announcement's unit, or to ``unit``. A signed-in ``by`` becomes the
    report's ``created_by`` (the account follows it in 我的办件). Returns the report and its
    query code, which is shown once and stored only as a keyed hash. Raises ValidationError
    with Chinese messages for bad input.
    """

    today = timezone.localdate()
    received_on = received_on or today
    # a signed-in reporter's account owns the report, so it appears in their 我的办件
    account = by if getattr(by, "is_authenticated", False) else None
    if announcement is not None:
        if not announcement.accepts_on(received_on):
            raise ValidationError("该公告未在受理期内，请通过其他渠道反映")
        unit = announcement.unit
    if unit is None:
        raise ValidationError("请选择受理单位")
    code = new_query_code()
    for _attempt in range(5):
        try:
            with transaction.atomic():
                c = Complaint(unit=unit, registered_unit=unit, year=received_on.year, announcement=announcement,
                              tracking_no=next_tracking_no(received_on.year), query_code_hash=query_code_hash(code),
                              channel=channel, received_on=received_on, anonymous=anonymous,
                              reporter_name="" if anonymous else reporter_name.strip(),
                              reporter_phone=reporter_phone.strip(), category=category, subject=subject.strip(),
                              content=content.strip(), reported_party=reported_party.strip(),
                              state=Complaint.workflow.initial, created_by=account, updated_by=account)
                c.full_clean()
                c.save()
                sync_deadlines(c)
                audit.record(action=audit.Action.CREATE, actor=account, obj=c,
                             actor_name="" if account else "公众（门户网站）",
                             after={"tracking_no": c.tracking_no, "channel": channel, "category": category},
                             note="门户网站受理问题举报")
            return c, code
        except IntegrityError:  # two submissions took the same number; take the next one
            continue
    raise ValidationError("系统繁忙，请稍后再试")


@dataclass(frozen=True)
class PublicStatus:
    """What the reporter sees when querying with tracking number and query code."""

    tracking_no: str
    received_on: date
    category: str
    subject: str
    stage: str
    unit: str
    reporter: str
    due: Deadline | None  # the reply deadline (its date may be provisional: core.deadlines.due_text)
    replied_on: date | None
    reply: str
    closed_on: date | None


def complaint_lookup(tracking_no: str, query_code: str) -> PublicStatus | None:
    """The public status of a report, or None when the number or the code does not match
    (the same answer for both, so a number cannot be probed)."""
    c = Complaint.objects.select_related("unit").filter(tracking_no=(tracking_no or "").strip().upper()).first()
    expected = c.query_code_hash if c is not None else query_code_hash("unused")
    matches = hmac.compare_digest(expected, query_code_hash(query_code or ""))
    if c is None or not c.query_code_hash or not matches:
        return None
    return public_status(c)


def public_status(c: Complaint) -> PublicStatus:
    """What the reporter may see of ``c`` (after proving the query code, or as its account)."""
    due = deadlines_of(c).filter(key=rules.REPLY).first()
    shows_reply = c.state in ("replied", "closed")
    return PublicStatus(
        tracking_no=c.tracking_no, received_on=c.received_on, category=c.get_category_display(),
        subject=c.subject, stage=PUBLIC_STAGE.get(c.state, c.state_label), unit=c.unit.name,
        reporter="匿名" if c.anonymous else mask_name(c.reporter_name), due=due,
        replied_on=c.replied_on if shows_reply else None, reply=c.reply if shows_reply else "",
        closed_on=c.closed_on)


def complaint_new_query_code(c: Complaint, *, by) -> str:
    """A new query code for a report registered by phone, letter or visit (or a lost code);
    the old code stops working. Shown once to the staff member who tells the reporter."""
    scope.require(by, "records.write", c.unit)
    code = new_query_code()
    with transaction.atomic():
        Complaint.objects.filter(pk=c.pk).update(query_code_hash=query_code_hash(code))
        audit.record(action=audit.Action.UPDATE, actor=by, obj=c, note="生成新的查询码")
    c.refresh_from_db()
    return code


def complaint_route(c: Complaint, *, by, to_unit: Unit, on: date, note: str = "") -> Complaint:
    """转办: the registering unit hands the report to the responsible unit (possibly itself).
    The report then belongs to the responsible unit; the registering unit is kept."""
    scope.require(by, "records.write", c.unit)
    if c.state != "registered":
        raise TransitionError(f"当前状态为“{c.state_label}”，不能转办")
    if on < c.received_on:
        raise TransitionError("转办日期不能早于收到日期")
    if on > timezone.localdate():
        raise TransitionError("转办日期不能晚于今天")
    with transaction.atomic():
        before = {"unit": c.unit_id, "routed_on": None, "route_note": c.route_note}
        Complaint.objects.filter(pk=c.pk).update(routed_on=on, route_note=note.strip()[:200])
        c.refresh_from_db()
        c = transition(c, "route", by=by, note=f"转办至{to_unit.name}")
        Complaint.objects.filter(pk=c.pk).update(unit=to_unit)
        deadlines_of(c).update(unit=to_unit)
        c.refresh_from_db()
        audit.record(action=audit.Action.UPDATE, actor=by, obj=c, unit=to_unit, before=before,
                     after={"unit": to_unit.pk, "routed_on": on, "route_note": c.route_note},
                     note=f"转办至{to_unit.name}")
    return c


def published_announcements(on: date | None = None):
    """Announcements the portal lists (受理问题举报公告), newest first."""
    on = on or timezone.localdate()
    return (Announcement.objects.filter(state="published", published_on__lte=on).select_related("unit")
            .order_by("-published_on", "-id"))
