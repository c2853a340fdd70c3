from __future__ import annotations

from django.apps import AppConfig

from fazhi.core.registry import MenuEntry, StreamManifest


class WorkforceConfig(AppConfig):
    name = "fazhi.streams.workforce"
    label = "workforce"
    verbose_name = "法治队伍"
    manifest = StreamManifest(
        key="workforce",
        label="法治队伍",
        order=130,
        description="法律顾问团队（律师事务所、聘期）、执法监督专家、通用法律执法教员、公职律师、"
                    "法律职业资格持有人和执法监督员的在册登记与离任管理。",
        menu=(MenuEntry("法治队伍台账", "workforce:list"),),
        ledgers=("workforce.Member",),
        indicators="fazhi.streams.workforce.indicators",
        demo="fazhi.streams.workforce.demo.load",
        bench="fazhi.streams.workforce.bench",
    )
