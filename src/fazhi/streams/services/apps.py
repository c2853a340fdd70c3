from __future__ import annotations

from django.apps import AppConfig

from fazhi.core.registry import MenuEntry, PublicSection, StreamManifest


class ServicesConfig(AppConfig):
    name = "fazhi.streams.services"
    label = "services"
    verbose_name = "政务服务"
    manifest = StreamManifest(
        key="services",
        label="政务服务",
        order=30,
        description="各部门政务服务事项清单（事项类型、法定和承诺时限、网办程度、“最多跑一次”、进驻政务服务中心、"
                    "一窗委托办理）的公布与撤回，以及政务服务“好差评”和差评整改回访台账。",
        menu=(MenuEntry("政务服务事项清单", "services:items:list"),
              MenuEntry("好差评台账", "services:ratings:list")),
        ledgers=("services.ServiceItem", "services.ServiceRating"),
        indicators="fazhi.streams.services.indicators",
        demo="fazhi.streams.services.demo.load",
        bench="fazhi.streams.services.bench",
        public=(PublicSection("政务服务事项", "gk_services:catalogue",
                              "查询各部门政务服务事项、办结时限、网办程度和“最多跑一次”事项",
                              icon="bi-card-checklist"),),
        public_urls="fazhi.streams.services.public",
    )
