from __future__ import annotations

from django.apps import AppConfig

from fazhi.core.registry import MenuEntry, PublicSection, StreamManifest


class DecisionsConfig(AppConfig):
    name = "fazhi.streams.decisions"
    label = "decisions"
    verbose_name = "重大行政决策"
    manifest = StreamManifest(
        key="decisions",
        label="重大行政决策",
        order=50,
        description="重大行政决策事项目录（经党委同意后公布、定期检查调整）和决策档案：公众参与、专家论证、"
                    "风险评估、合法性审查、集体讨论决定五项法定程序，公众网上意见，执行情况报告和决策后评估。",
        menu=(
            MenuEntry("重大行政决策", "decisions:decisions:list"),
            MenuEntry("决策事项目录", "decisions:catalogues:list"),
            MenuEntry("目录事项", "decisions:items:list"),
        ),
        ledgers=("decisions.Decision", "decisions.DecisionCatalogue", "decisions.CatalogueItem"),
        indicators="fazhi.streams.decisions.indicators",
        demo="fazhi.streams.decisions.demo.load",
        public=(PublicSection("重大行政决策", "gk_decisions:index",
                              "决策事项目录、决策草案公开征求意见和已公布的决策", icon="bi-bank"),),
        public_urls="fazhi.streams.decisions.public",
    )
