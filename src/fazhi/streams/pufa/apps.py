from __future__ import annotations

from django.apps import AppConfig

from fazhi.core.registry import MenuEntry, PublicSection, StreamManifest
from fazhi.core.roles import Role


class PufaConfig(AppConfig):
    name = "fazhi.streams.pufa"
    label = "pufa"
    verbose_name = "普法宣传"
    manifest = StreamManifest(
        key="pufa",
        label="普法宣传",
        field_roles=frozenset({Role.LEGAL_ADVISOR}),
        order=95,
        description="“谁执法谁普法”普法责任制：各单位年度普法责任清单（审核后向社会公布）、普法活动"
                    "（类型、日期、对象、受众人数）和村（社区）“法律明白人”名册。",
        menu=(MenuEntry("登记普法活动", "pufa:quick:form", capability="records.write",
                        roles=frozenset({"legal_advisor"})),
              MenuEntry("普法责任清单", "pufa:items:list"),
              MenuEntry("普法活动", "pufa:activities:list"),
              MenuEntry("法律明白人名册", "pufa:literates:list")),
        ledgers=("pufa.ResponsibilityItem", "pufa.Activity", "pufa.LegalLiterate"),
        indicators="fazhi.streams.pufa.indicators",
        demo="fazhi.streams.pufa.demo.load",
        public=(PublicSection("普法责任清单与普法活动", "gk_pufa:index",
                              "各单位公布的“谁执法谁普法”责任清单和面向群众的普法活动", icon="bi-book"),),
        public_urls="fazhi.streams.pufa.public",
    )
