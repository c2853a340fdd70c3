from __future__ import annotations

from django.apps import AppConfig

from fazhi.core.registry import MenuEntry, StreamManifest


class LitigationConfig(AppConfig):
    name = "fazhi.streams.litigation"
    label = "litigation"
    verbose_name = "行政应诉与行政复议"
    manifest = StreamManifest(
        key="litigation",
        label="行政应诉与行政复议",
        order=110,
        description="行政机关作为被告的行政诉讼应诉（答辩举证期限、负责人出庭应诉、裁判结果与履行、"
                    "应诉备案/通报/核对）和作为被申请人的行政复议（2023年修订《行政复议法》各办理期限）台账。",
        menu=(
            MenuEntry("行政应诉案件", "litigation:cases:list"),
            MenuEntry("庭审及出庭应诉", "litigation:hearings:list"),
            MenuEntry("行政复议案件", "litigation:reconsiderations:list"),
        ),
        ledgers=("litigation.LitigationCase", "litigation.Hearing", "litigation.Reconsideration"),
        indicators="fazhi.streams.litigation.indicators",
        demo="fazhi.streams.litigation.demo.load",
        bench="fazhi.streams.litigation.bench",
    )
