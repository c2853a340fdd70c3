"""In-app notifications and the daily deadline reminder (``fazhi remind``, run by cron).

A reminder goes to everyone who may write records of the deadline's unit, for each open
deadline due within ``DUE_SOON_WORKING_DAYS`` working days or already overdue — once per
item, user and day, however often the command runs. ``remind_all`` adds the apps' own
reminders; ``fazhi remind --enqueue`` runs it as a background task (``core.tasks``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from fazhi.core import scope
from fazhi.core.calendar import add_working_days
from fazhi.core.models import Deadline, Notification

DUE_SOON_WORKING_DAYS = 3
WRITE_ROLES = {"clerk", "unit_head", "legal_advisor", "mediator", "coordinator"}


@dataclass
class RemindSummary:
    deadlines: int = 0
    created: int = 0


def notify(*, user, key: str, title: str, body: str = "", url: str = "") -> bool:
    """Create the notification unless one with the same key exists; True when created."""
    try:
        with transaction.atomic():
            Notification.objects.create(user=user, key=key[:120], title=title[:200], body=body[:500], url=url[:300])
    except IntegrityError:
        return False
    return True


def _recipients(deadline: Deadline) -> list:
    # core imports nothing from accounts (tests/test_architecture.py): the query goes through the
    # user model's ``memberships`` relation, as scope does with user.active_memberships(). One
    # query, each user once, as before; the conditions on ``memberships__`` in one filter() hold
    # for the same membership.
    # A field role (the village mediator) is reminded only of its own streams' deadlines (core.scope).
    roles = WRITE_ROLES - scope.bound_out(ContentType.objects.get_for_id(deadline.content_type_id).app_label)
    return list(get_user_model().objects.filter(
        is_active=True, memberships__unit=deadline.unit, memberships__is_active=True,
        memberships__role__in=roles).distinct().order_by("pk"))


def _record_url(deadline: Deadline) -> str:
    record = deadline.record
    return record.get_absolute_url() if record is not None and hasattr(record, "get_absolute_url") else ""


def remind(today: date | None = None) -> RemindSummary:
    today = today or timezone.localdate()
    limit = add_working_days(today, DUE_SOON_WORKING_DAYS)
    summary = RemindSummary()
    due = Deadline.objects.filter(met_on__isnull=True, due__lte=limit).select_related("unit", "content_type")
    for deadline in due.iterator():
        if any(not p.get("end") for p in deadline.pauses):
            continue  # a paused clock does not run out
        summary.deadlines += 1
        overdue = deadline.due < today
        title = f"{'已超期' if overdue else '即将到期'}：{deadline.label}（{deadline.due:%Y-%m-%d}）"
        record = deadline.record
        body = f"{deadline.unit} · {record}" if record is not None else str(deadline.unit)
        url = _record_url(deadline)
        for user in _recipients(deadline):
            key = f"deadline:{deadline.pk}:{today.isoformat()}"
            summary.created += notify(user=user, key=key, title=title, body=body, url=url)
    return summary


def remind_all(today: date | None = None) -> RemindSummary:
    """Every daily reminder: the deadlines above, then each app's own (``AppConfig.remind``, e.g.
    the annual report's statutory dates). Idempotent: a run repeated the same day, or re-run
    after a crash part-way, adds only the notifications still missing."""

    summary = remind(today)
    for cfg in apps.get_app_configs():
        if getattr(cfg, "remind", ""):
            summary.created += import_string(cfg.remind)(today).created
    return summary


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def mark_all_read(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
