"""Reminders of the report's statutory dates, through the notification service.

Before 1 March the report goes to the level above; before 1 April it is public
(厅字〔2019〕28号 第二十四条). From ``FAZHI_REPORT_REMIND_DAYS`` (30) days before each date, and
every day after it until done, the coordinators (``reports.manage``) are reminded; while a
report is collecting, the units whose sections are not in yet are reminded too. One
notification per item, user and day, however often it runs (``fazhi_report_remind``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from fazhi.accounts.models import Membership
from fazhi.core.config import setting
from fazhi.core.notifications import notify
from fazhi.core.roles import CAPABILITIES
from fazhi.reports.models import AnnualReport, ReportSection
from fazhi.reports.services import statutory_dates


@dataclass
class Summary:
    items: int = 0
    created: int = 0


def _holders(capability: str, unit=None) -> list:

    roles = [role for role, caps in CAPABILITIES.items() if capability in caps]
    qs = Membership.objects.filter(is_active=True, user__is_active=True, role__in=roles).select_related("user", "unit")
    users = {}
    for m in qs:
        scope = CAPABILITIES[m.role][capability]
        if unit is None or scope == "all" or unit.path.startswith(m.unit.path):
            users[m.user_id] = m.user
    return list(users.values())


def remind(today: date | None = None) -> Summary:
    today = today or timezone.localdate()
    lead = timedelta(days=int(setting("FAZHI_REPORT_REMIND_DAYS", 30)))
    summary = Summary()
    for report in AnnualReport.objects.select_related("unit"):
        send_due, publish_due = statutory_dates(report.year, report)
        items = []
        if send_due is not None and report.sent_to_superiors_on is None and today >= send_due - lead:
            items.append(("send", send_due, "报送上级"))
        if not report.is_published and today >= publish_due - lead:
            items.append(("publish", publish_due, "向社会公开"))
        what_report = report.get_kind_display() if report.kind == AnnualReport.Kind.DISCLOSURE else "法治政府建设报告"
        for kind, due, what in items:
            summary.items += 1
            late = today > due
            title = f"{'已超期' if late else '即将到期'}：{report.year}年度{what_report}须于{due:%Y年%-m月%-d日}前{what}"
            for user in _holders("reports.manage", report.unit):
                summary.created += notify(user=user, key=f"report:{report.pk}:{kind}:{today.isoformat()}",
                                          title=title, body=str(report), url=report.get_absolute_url())
    pending = ReportSection.objects.filter(report__state=AnnualReport.State.COLLECTING, submitted_at__isnull=True,
                                           report__collect_until__isnull=False).select_related("report", "unit")
    for section in pending:
        until = section.report.collect_until
        if today < until - timedelta(days=7):
            continue
        summary.items += 1
        title = f"{'已超期' if today > until else '即将到期'}：请于{until:%Y年%-m月%-d日}前报送年度报告材料“{section.heading or '正文'}”"
        for user in _holders("records.write", section.unit):
            if user.memberships.filter(unit=section.unit).exists():
                summary.created += notify(user=user, key=f"report-section:{section.pk}:{today.isoformat()}",
                                          title=title, body=str(section.report),
                                          url=reverse("reports:section", args=[section.pk]))
    return summary
