from __future__ import annotations

from django.apps import AppConfig

from fazhi.core.registry import MenuEntry, StreamManifest


class CasesConfig(AppConfig):
    name = "fazhi.streams.cases"
    label = "cases"
    verbose_name = "行政执法案件"
    manifest = StreamManifest(
        key="cases",
        label="行政执法案件",
        order=62,
        description="行政处罚和行政强制案件从立案到结案的全过程：调查取证、告知陈述申辩和听证权利、"
                    "重大执法决定法制审核与集体讨论、决定、送达、执行，90日办案期限，以及每个环节的文书和音像记录。",
        menu=(MenuEntry("行政执法案件", "cases:cases:list"),),
        ledgers=("cases.EnforcementCase",),
        indicators="fazhi.streams.cases.indicators",
        demo="fazhi.streams.cases.demo.load",
    )
