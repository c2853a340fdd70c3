from __future__ import annotations

from django.apps import AppConfig

from fazhi.core.registry import MenuEntry, StreamManifest


class StudyConfig(AppConfig):
    name = "fazhi.streams.study"
    label = "study"
    verbose_name = "学法与专题研究"
    manifest = StreamManifest(
        key="study",
        label="学法与专题研究",
        order=10,
        description="党委（党组）专题研究法治工作、理论学习中心组学法、“第一议题”、会前学法、专题讲座和述法的台账。",
        menu=(MenuEntry("学习研究台账", "study:list"),),
        ledgers=("study.StudySession",),
        indicators="fazhi.streams.study.indicators",
        demo="fazhi.streams.study.demo.load",
        bench="fazhi.streams.study.bench",
    )
