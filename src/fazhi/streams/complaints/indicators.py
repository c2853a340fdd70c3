"""Indicators of the 问题举报 stream (spec §8.5 [D]).

- complaints.received: reports received in the period.
- complaints.replied_on_time_rate: replies given within the reply deadline ÷ replies given
  in the period.
- complaints.closed_rate (report handling rate, "reports closed ÷ reports received"):
  reports received in the period that are closed ÷ reports received in the period.
- complaints.named_reply_rate: named (non-anonymous) reports replied ÷ named reports received.
- complaints.substantiation_rate: 属实 or 部分属实 ÷ reports with a finding.
- complaints.announcements: announcements published in the period.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import F

from fazhi.core.models import Deadline
from fazhi.indicators.registry import Indicator, Result, register
from fazhi.streams.complaints import rules
from fazhi.streams.complaints.models import SUBSTANTIATED, Announcement, Complaint

REPLIED = ("replied", "closed")


def _received(units, period):
    return Complaint.objects.filter(unit__in=units, received_on__gte=period.start, received_on__lte=period.end)


def _ratio(qs, part) -> Result:
    return Result.ratio(part, qs, records=part)


def received(units, period) -> Result:
    return Result.count(_received(units, period))


def replied_on_time_rate(units, period) -> Result:
    qs = Complaint.objects.filter(unit__in=units, state__in=REPLIED, replied_on__gte=period.start,
                                  replied_on__lte=period.end)
    on_time = Deadline.objects.filter(content_type=ContentType.objects.get_for_model(Complaint), key=rules.REPLY,
                                      met_on__isnull=False, met_on__lte=F("due")).values("object_id")
    return _ratio(qs, qs.filter(pk__in=on_time))


def closed_rate(units, period) -> Result:
    qs = _received(units, period)
    return _ratio(qs, qs.filter(state="closed"))


def named_reply_rate(units, period) -> Result:
    qs = _received(units, period).filter(anonymous=False)
    return _ratio(qs, qs.filter(state__in=REPLIED))


def substantiation_rate(units, period) -> Result:
    qs = _received(units, period).exclude(finding="")
    return _ratio(qs, qs.filter(finding__in=SUBSTANTIATED))


def announcements(units, period) -> Result:
    qs = Announcement.objects.filter(unit__in=units, state__in=("published", "withdrawn"),
                                     published_on__gte=period.start, published_on__lte=period.end)
    return Result.count(qs)


register(
    Indicator("complaints.received", "受理问题举报数", "件", received),
    Indicator("complaints.replied_on_time_rate", "问题举报按期答复率", "%", replied_on_time_rate, precision=1),
    Indicator("complaints.closed_rate", "问题举报办结率", "%", closed_rate, precision=1),
    Indicator("complaints.named_reply_rate", "实名举报答复率", "%", named_reply_rate, precision=1),
    Indicator("complaints.substantiation_rate", "问题举报查实率", "%", substantiation_rate, precision=1),
    Indicator("complaints.announcements", "发布受理问题举报公告数", "个", announcements),
)
