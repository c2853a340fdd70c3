from __future__ import annotations

from django.apps import AppConfig


class BenchdataConfig(AppConfig):
    """Benchmark data: a deterministic generator of a county or a province of ledgers
    (``fazhi bench generate``) and the benchmarks over it (``fazhi bench run``).
    Unlike core, this app knows the streams: it fills their ledgers directly, in bulk."""

    name = "fazhi.benchdata"
    label = "benchdata"
    verbose_name = "性能测试数据"
