"""Run by test_crash.py in a separate process (the venv's python, DJANGO_SETTINGS_MODULE,
DATABASE_URL and FAZHI_HOME from the test), so that the test can SIGKILL it mid-way:

    crash_helper.py import WORKBOOK USERNAME [MARKER N]  Excel import of the study ledger; with MARKER,
                                                     blocks inside the import's transaction once N
                                                     rows are written
    crash_helper.py worker WORKER_ID [MARKER N]      fazhi_worker --batch; with MARKER, blocks right
                                                     after writing the N-th notification

Blocking (until killed) at a known point keeps the test deterministic: the process dies with
writes done and not committed, as a crash at that moment would leave them. MARKER is written
when the point is reached; the test polls for it.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402


def _rows(sql: str, params, many: bool) -> int:
    """Rows one INSERT writes: executemany, multi-row VALUES (SQLite) or UNNEST arrays (PostgreSQL)."""
    if many:
        return len(params)
    if "UNNEST" in sql.upper() and params:
        return len(params[0])
    return 1 + sql.count("), (")


def block_after(table: str, rows: int, marker: str):
    """An execute wrapper that, once ``rows`` rows were inserted into ``table``, writes ``marker``
    and waits for ever (the test kills the process)."""
    written = 0

    def wrapper(execute, sql, params, many, context):
        nonlocal written
        result = execute(sql, params, many, context)
        if sql.lstrip().upper().startswith("INSERT") and f'"{table}"' in sql:
            written += _rows(sql, params, many)
            if written >= rows:
                Path(marker).write_text(str(written))
                while True:
                    time.sleep(3600)
        return result

    return wrapper


def block_after_copy(model, rows: int, marker: str) -> None:
    """On PostgreSQL the import writes with COPY (core/bulk.py), which no execute wrapper sees:
    block in ``bulk.insert`` instead, once ``rows`` rows of ``model`` were copied."""
    from fazhi.core import bulk

    insert, written = bulk.insert, 0

    def counting(target, objs, **kwargs):
        nonlocal written
        insert(target, objs, **kwargs)
        if target is model:
            written += len(objs)
            if written >= rows:
                Path(marker).write_text(str(written))
                while True:
                    time.sleep(3600)

    bulk.insert = counting


def run_import(workbook: str, username: str, marker: str | None, rows: int) -> None:
    from fazhi.accounts.models import User
    from fazhi.core.importers import import_workbook
    from fazhi.streams.study.importers import STUDY_IMPORT

    user = User.objects.get(username=username)
    if marker and connection.vendor == "postgresql":
        block_after_copy(STUDY_IMPORT.model, rows, marker)
        marker = None  # no second count of the same rows
    wrapper = block_after(STUDY_IMPORT.model._meta.db_table, rows, marker) if marker else (lambda *a: a[0](*a[1:]))
    with connection.execute_wrapper(wrapper), open(workbook, "rb") as upload:
        result = import_workbook(STUDY_IMPORT, upload, by=user)
    print(f"finished: created={result.created} errors={len(result.errors)} {result.file_error}")


def run_worker(worker_id: str, marker: str | None, rows: int) -> None:
    from fazhi.core.models import Notification

    args = ["fazhi_worker", "--batch", "--no-reload", "--no-startup-delay", "--worker-id", worker_id, "-v", "0"]
    if marker is None:
        call_command(*args)
        return
    with connection.execute_wrapper(block_after(Notification._meta.db_table, rows, marker)):
        call_command(*args)


if __name__ == "__main__":
    mode, *rest = sys.argv[1:]
    if mode == "import":
        run_import(rest[0], rest[1], rest[2] if len(rest) > 2 else None, int(rest[3]) if len(rest) > 3 else 0)
    elif mode == "worker":
        run_worker(rest[0], rest[1] if len(rest) > 1 else None, int(rest[2]) if len(rest) > 2 else 0)
    else:
        raise SystemExit(f"unknown mode {mode}")
