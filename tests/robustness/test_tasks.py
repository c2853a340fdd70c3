"""The reminder task and the recovery of tasks a dead worker left RUNNING (see core/tasks.py)."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from fazhi.core.tasks import daily_reminders, enqueue_reminders, recover_abandoned

pytestmark = pytest.mark.django_db


def test_fazhi_remind_enqueue_queues_the_task_for_the_worker():
    out = StringIO()
    call_command("fazhi_remind", "--enqueue", "--date", "2026-03-02", stdout=out)
    queued = DBTaskResult.objects.get()
    assert "已提交后台任务" in out.getvalue()
    assert queued.status == "READY" and queued.task_path == daily_reminders.module_path
    assert queued.args_kwargs["args"] == ["2026-03-02"]


def claimed(worker: str, minutes_ago: int = 0, path: str | None = None) -> DBTaskResult:
    result = DBTaskResult.objects.get(id=daily_reminders.enqueue("2026-03-02").id)
    result.claim(worker)
    DBTaskResult.objects.filter(id=result.id).update(
        started_at=timezone.now() - timedelta(minutes=minutes_ago), **({"task_path": path} if path else {}))
    return result


def test_a_restarted_worker_requeues_only_what_it_left_running():
    mine, other = claimed("host-a"), claimed("host-b")
    assert recover_abandoned(worker_id="host-a") == 1
    assert DBTaskResult.objects.get(id=mine.id).status == "READY"
    assert DBTaskResult.objects.get(id=other.id).status == "RUNNING"


def test_enqueueing_requeues_a_reminder_task_stuck_longer_than_the_stale_limit():
    stuck, fresh = claimed("gone", minutes_ago=180), claimed("busy", minutes_ago=5)
    enqueue_reminders()
    assert DBTaskResult.objects.get(id=stuck.id).status == "READY"
    assert DBTaskResult.objects.get(id=fresh.id).status == "RUNNING"


def test_a_task_that_is_not_safe_to_repeat_is_failed_with_a_reason_not_rerun():
    other = claimed("host-a", path="fazhi.somewhere.send_once")
    assert recover_abandoned(worker_id="host-a") == 1
    row = DBTaskResult.objects.get(id=other.id)
    assert row.status == "FAILED" and "不可自动重做" in row.traceback
