"""Nothing lost on a crash (issue 9, item 4): an Excel import killed with SIGKILL part-way
leaves the database as it was; a task worker killed mid-task and restarted leaves every
reminder exactly once.

The work runs in a separate process sharing the test's database. On PostgreSQL that is
pytest-django's test database (``transaction=True``: the test's rows are committed, visible
to the child). SQLite test databases live in memory, so there the test copies its database
to a file in a temporary FAZHI_HOME, lets the child work on the file, and copies the file
back before asserting (sqlite3's backup API, both ways).
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from openpyxl import Workbook

from fazhi.core.ledger import record_create
from fazhi.core.models import AuditEvent, Deadline, Notification
from fazhi.core.notifications import remind_all
from fazhi.streams.study.models import StudySession
from tests.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True)

HELPER = Path(__file__).with_name("crash_helper.py")
HEADER = ["承办单位", "年度", "类型", "议题/主题", "会议名称及届次", "召开日期", "主讲人", "应到人数", "实到人数", "纪要要点"]
TIMEOUT = 180  # seconds to wait for a child to reach its point; generous for a loaded CI machine


class SharedDatabase:
    """The test database, reachable from a child process."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.sqlite = connection.vendor == "sqlite"
        self.file = home / "fazhi.sqlite3"

    def env(self) -> dict[str, str]:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "fazhi.settings", "FAZHI_HOME": str(self.home),
               "FAZHI_LOG_LEVEL": "ERROR"}
        if self.sqlite:
            env["DATABASE_URL"] = f"sqlite:///{self.file}"
        else:
            s = connection.settings_dict
            auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
            env["DATABASE_URL"] = f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
        return env

    def hand_over(self) -> None:
        """Before a child runs: make the test's rows visible to it."""
        if self.sqlite:
            connection.ensure_connection()
            target = sqlite3.connect(self.file)
            connection.connection.backup(target)
            target.close()

    def take_back(self) -> None:
        """After a child ran (or was killed): see what it left in the database."""
        if self.sqlite:
            source = sqlite3.connect(self.file)  # recovers the WAL: committed pages only
            source.backup(connection.connection)
            source.close()

    def start(self, *args: str) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, str(HELPER), *args], env=self.env(), cwd=self.home,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def run(self, *args: str) -> str:
        done = subprocess.run([sys.executable, str(HELPER), *args], env=self.env(), cwd=self.home,
                              capture_output=True, text=True, timeout=TIMEOUT)
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout


@pytest.fixture
def shared(tmp_path) -> SharedDatabase:
    return SharedDatabase(tmp_path)


def kill_when(process: subprocess.Popen, marker: Path) -> None:
    """Poll for ``marker`` (the child reached its point), then SIGKILL the child."""
    deadline = time.monotonic() + TIMEOUT
    while not marker.exists():
        if process.poll() is not None:
            out, err = process.communicate()
            pytest.fail(f"child ended before its crash point (rc={process.returncode}):\n{out}\n{err[-3000:]}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail("child did not reach its crash point in time")
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL


def large_workbook(path: Path, rows: int, unit_name: str) -> None:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("学法")
    ws.append(HEADER)
    for i in range(rows):
        ws.append([unit_name, 2025, "专题研究法治工作", f"批量导入议题{i:05d}", "局务会", "2025-03-15", "", 10, 9, ""])
    wb.save(path)


def test_an_import_killed_mid_way_leaves_the_database_unchanged(shared, clerk, market_unit):
    record_create(StudySession, by=clerk, unit=market_unit, year=2025, kind="topic", title="导入前已有的记录")
    before = (StudySession.objects.count(), AuditEvent.objects.count())
    workbook = shared.home / "big.xlsx"
    large_workbook(workbook, 20_000, market_unit.name)
    marker = shared.home / "writing"
    shared.hand_over()

    # Killed once more than half the rows are written: past at least one whole write batch, so
    # an import committing batch by batch would leave rows behind.
    kill_when(shared.start("import", str(workbook), clerk.username, str(marker), "10001"), marker)

    assert int(marker.read_text()) > 10_000  # it had written them, inside its transaction
    shared.take_back()
    assert (StudySession.objects.count(), AuditEvent.objects.count()) == before
    assert list(StudySession.objects.values_list("title", flat=True)) == ["导入前已有的记录"]


def test_the_same_import_run_to_the_end_writes_every_row(shared, clerk, market_unit):
    """The control for the test above: the child can import the file when left alone."""
    workbook = shared.home / "small.xlsx"
    large_workbook(workbook, 300, market_unit.name)
    shared.hand_over()
    out = shared.run("import", str(workbook), clerk.username)
    assert "created=300" in out
    shared.take_back()
    assert StudySession.objects.count() == 300


DAY = date(2026, 3, 2)  # a Monday, a working day


@pytest.fixture
def due_today(clerk, market_unit) -> list[Deadline]:
    """Five deadlines due on DAY at 市场监管局, where three people may write records."""
    ct = ContentType.objects.get_for_model(StudySession)
    deadlines = []
    for i in range(5):
        s = StudySession.objects.create(unit=market_unit, year=2026, kind="topic", title=f"到期事项{i}", state="planned")
        deadlines.append(Deadline.objects.create(content_type=ct, object_id=s.pk, unit=market_unit, key="reply",
                                                 label="答复期限", rule="working", days=20, basis="测试依据",
                                                 start=date(2026, 2, 1), due=DAY))
    return deadlines


def test_a_worker_killed_mid_task_then_restarted_leaves_every_reminder_exactly_once(
        shared, due_today, clerk, head, market_unit):
    make_user("clerk_b", market_unit, "clerk")
    from fazhi.core.tasks import enqueue_reminders

    task_id = enqueue_reminders(DAY)
    expected = {(u, f"deadline:{d.pk}:{DAY.isoformat()}") for d in due_today
                for u in ("clerk", "clerk_b", "head")}
    marker = shared.home / "notifying"
    shared.hand_over()

    kill_when(shared.start("worker", "worker-1", str(marker), "7"), marker)

    shared.take_back()
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.get(id=task_id).status == "RUNNING"  # the dead worker's claim
    assert Notification.objects.count() == 6  # six committed; the seventh died with the worker

    shared.hand_over()
    shared.run("worker", "worker-1")  # the same worker, restarted
    shared.take_back()

    assert DBTaskResult.objects.get(id=task_id).status == "SUCCESSFUL"
    got = list(Notification.objects.values_list("user__username", "key"))
    assert len(got) == len(set(got))  # no duplicate
    assert {pair for pair in got if pair[1].startswith("deadline:")} == expected  # no loss
    assert remind_all(DAY).created == 0  # a full run afterwards finds nothing missing
