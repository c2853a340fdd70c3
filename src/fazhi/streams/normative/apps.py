from __future__ import annotations

from django.apps import AppConfig

from fazhi.core.registry import MenuEntry, StreamManifest


class NormativeConfig(AppConfig):
    name = "fazhi.streams.normative"
    label = "normative"
    verbose_name = "法制审核与备案"
    manifest = StreamManifest(
        key="normative",
        label="法制审核与备案",
        order=100,
        description="规范性文件、经济合同、其他法律文件和涉法事务的合法性审核台账；规范性文件公布、报送备案及备案审查台账。",
        menu=(MenuEntry("法制审核台账", "normative:reviews:list"),
              MenuEntry("规范性文件备案台账", "normative:documents:list"),
              MenuEntry("规范性文件备案目录", "normative:catalogue")),
        ledgers=("normative.ReviewRequest", "normative.NormativeDocument"),
        indicators="fazhi.streams.normative.indicators",
        demo="fazhi.streams.normative.demo.load",
        bench="fazhi.streams.normative.bench",
    )
