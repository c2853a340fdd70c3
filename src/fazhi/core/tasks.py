"""Background tasks, queued in the database (django-tasks-db) and run by ``fazhi manage fazhi_worker``.

``daily_reminders`` runs the daily reminders (``notifications.remind_all``); ``fazhi remind
--enqueue`` queues it (cron may run that instead of ``fazhi remind``).

A worker killed mid-task (SIGKILL, power loss) never finishes the task's row: django-tasks-db
0.13 leaves it RUNNING for ever and no worker takes it again. Fazhi recovers such tasks:

- ``fazhi_worker`` runs under a stable id (default: the host name; one worker per host, or
  give each its own ``--worker-id``). On start it knows it runs nothing, so every task still
  RUNNING under its id was left by its own previous life and is re-queued.
- ``enqueue_reminders`` also re-queues reminder tasks RUNNING for longer than
  ``FAZHI_TASK_STALE_MINUTES`` (default 60): a worker that never came back.

Only tasks that are safe to run twice are re-queued (``IDEMPOTENT``): the reminders are,
because a notification is created at most once per (user, key) — a unique constraint — and
each is committed on its own, so a re-run adds exactly the ones the killed run had not.
Any other task left RUNNING is marked FAILED with the reason, for a person to look at.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.tasks import TaskResultStatus, task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from fazhi.core.config import setting
from fazhi.core.notifications import remind_all

WORKER_DIED = "工作进程在执行中被终止，任务未完成；该任务不可自动重做，请人工核对后重新提交"


@task()
def daily_reminders(day: str | None = None) -> dict:
    """The daily reminders for ``day`` (ISO date; default today)."""

    summary = remind_all(date.fromisoformat(day) if day else None)
    return {"deadlines": summary.deadlines, "created": summary.created}


IDEMPOTENT = frozenset({daily_reminders.module_path})


def enqueue_reminders(day: date | None = None) -> str:
    """Queue today's (or ``day``'s) reminders; the id of the queued task."""
    stale = timedelta(minutes=int(setting("FAZHI_TASK_STALE_MINUTES", 60)))
    recover_abandoned(started_before=timezone.now() - stale)
    return daily_reminders.enqueue(day.isoformat() if day else None).id


def recover_abandoned(*, worker_id: str | None = None, started_before=None) -> int:
    """Re-queue (or, if not idempotent, fail) tasks left RUNNING by a dead worker: those last
    claimed by ``worker_id`` and/or started before ``started_before``. The number handled."""

    if worker_id is None and started_before is None:
        return 0
    handled = 0
    with transaction.atomic():
        running = DBTaskResult.objects.select_for_update().filter(status=TaskResultStatus.RUNNING)
        for result in running:
            mine = worker_id is not None and result.worker_ids[-1:] == [worker_id]
            stale = (started_before is not None and result.started_at is not None
                     and result.started_at < started_before and result.task_path in IDEMPOTENT)
            if not (mine or stale):
                continue
            if result.task_path in IDEMPOTENT:
                result.status, result.started_at = TaskResultStatus.READY, None
                result.save(update_fields=["status", "started_at"])
            else:
                result.status, result.finished_at = TaskResultStatus.FAILED, timezone.now()
                result.exception_class_path, result.traceback = "fazhi.core.tasks.WorkerDied", WORKER_DIED
                result.save(update_fields=["status", "finished_at", "exception_class_path", "traceback"])
            handled += 1
    return handled
