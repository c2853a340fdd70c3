"""The batch API's row of ``fazhi bench run``: batches over HTTP, records per second, nothing kept."""

from __future__ import annotations

import pytest

from fazhi.core.models import AuditEvent, Unit
from fazhi.streams.services import bench
from fazhi.streams.services.models import ServiceItem

pytestmark = pytest.mark.django_db


def test_the_batch_bench_row_times_whole_batches_and_leaves_the_database_as_it_was(county, monkeypatch):
    monkeypatch.setattr(bench, "BATCH_SIZE", 20)
    units, events = Unit.objects.count(), AuditEvent.objects.count()
    [row] = bench.bench_rows(year=2024, repeat=3)
    assert row["operation"] == "批量接口 政务服务事项 新增并公布（每批20条）"
    assert len(row["ms"]) == 3 and all(ms > 0 for ms in row["ms"]) and "条/秒" in row["note"]
    assert (ServiceItem.objects.count(), Unit.objects.count(), AuditEvent.objects.count()) == (0, units, events)
