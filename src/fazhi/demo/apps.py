from __future__ import annotations

from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo (``fazhi demo``, ``fazhi manage fazhi_demo``): a county's units, one account per
    role, then each stream's demo records. It sits above core, accounts and the streams, so that
    core need know none of them."""

    name = "fazhi.demo"
    label = "demo"
    verbose_name = "演示数据"
