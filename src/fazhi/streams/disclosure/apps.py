from __future__ import annotations

from django.apps import AppConfig

from fazhi.core.registry import MenuEntry, PublicSection, StreamManifest


class DisclosureConfig(AppConfig):
    name = "fazhi.streams.disclosure"
    label = "disclosure"
    verbose_name = "依申请公开"
    manifest = StreamManifest(
        key="disclosure",
        label="依申请公开",
        order=40,
        description="政府信息公开申请的登记、补正、征求第三方意见、延期、审核、答复、送达和归档台账，"
                    "以及政府信息公开工作年度报告表三（收到和处理政府信息公开申请情况）。",
        menu=(
            MenuEntry("依申请公开台账", "disclosure:list"),
            MenuEntry("年报表三统计", "disclosure:annual"),
        ),
        ledgers=("disclosure.DisclosureRequest",),
        indicators="fazhi.streams.disclosure.indicators",
        demo="fazhi.streams.disclosure.demo.load",
        bench="fazhi.streams.disclosure.bench",
        public=(PublicSection("申请政府信息公开", "gk_disclosure:submit", "在线提交申请，查询办理进度和答复",
                              icon="bi-file-earmark-text", for_citizens=True),),
        public_urls="fazhi.streams.disclosure.public",
        my_items="fazhi.streams.disclosure.public.my_items",
        gip_report="fazhi.streams.disclosure.indicators.part_three",
    )
