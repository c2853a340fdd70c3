from __future__ import annotations

from django.apps import AppConfig

from fazhi.core.registry import MenuEntry, PublicSection, StreamManifest


class InspectionsConfig(AppConfig):
    name = "fazhi.streams.inspections"
    label = "inspections"
    verbose_name = "双随机、一公开"
    manifest = StreamManifest(
        key="inspections",
        label="双随机、一公开",
        order=60,
        description="随机抽查事项清单、检查对象名录库和执法检查人员名录库（一单两库），年度抽查计划和部门联合抽查任务，"
                    "事前公示承诺值、事后公布随机种子、任何人可核验的摇号抽取，检查结果由检查人员录入并按期公示。",
        menu=(
            MenuEntry("抽查任务", "inspections:tasks:list"),
            MenuEntry("年度抽查计划", "inspections:plans:list"),
            MenuEntry("随机抽查事项清单", "inspections:items:list"),
            MenuEntry("检查对象名录库", "inspections:entities:list"),
            MenuEntry("执法检查人员名录库", "inspections:inspectors:list"),
            MenuEntry("抽查检查结果", "inspections:results:list"),
            MenuEntry("我的检查任务", "inspections:my_results"),
        ),
        ledgers=("inspections.InspectionTask", "inspections.InspectionPlan", "inspections.InspectionItem",
                 "inspections.Entity", "inspections.Inspector", "inspections.InspectionResult"),
        indicators="fazhi.streams.inspections.indicators",
        demo="fazhi.streams.inspections.demo.load",
        bench="fazhi.streams.inspections.bench",
        public=(PublicSection("“双随机、一公开”抽查结果", "gk_inspections:results", "抽查结果、信用中国查询和可复核的抽取公示",
                              icon="bi-shuffle"),),
        public_urls="fazhi.streams.inspections.public",
        api="fazhi.streams.inspections.api.mount",
    )
