from __future__ import annotations

from django.apps import AppConfig

from fazhi.core.registry import MenuEntry, PublicSection, StreamManifest


class ChecksConfig(AppConfig):
    name = "fazhi.streams.checks"
    label = "checks"
    verbose_name = "涉企行政检查"
    manifest = StreamManifest(
        key="checks",
        label="涉企行政检查",
        order=45,
        description="涉企行政检查先登记后实施：检查单位、法律依据、两名以上持有效执法证的检查人员、检查对象和"
                    "计划日期，登记后生成检查码和二维码，企业可扫码或输入检查码核验；同一企业每年检查次数"
                    "跨部门合计设上限（无事不扰），超出须经法治办批准。",
        menu=(MenuEntry("涉企行政检查", "checks:inspections:list"),),
        ledgers=("checks.BusinessInspection",),
        indicators="fazhi.streams.checks.indicators",
        demo="fazhi.streams.checks.demo.load",
        public=(PublicSection("行政检查码核验", "gk_checks:lookup",
                              "执法公示：输入或扫描检查码，核验涉企行政检查是否已登记、由谁检查、依据什么",
                              icon="bi-qr-code-scan", column="enforcement"),),
        public_urls="fazhi.streams.checks.public",
        public_prefix="jc",
    )
