from __future__ import annotations

from django.apps import AppConfig

from fazhi.core.registry import MenuEntry, PublicSection, StreamManifest
from fazhi.core.roles import Role


class LegalServicesConfig(AppConfig):
    name = "fazhi.streams.legal_services"
    label = "legal_services"
    verbose_name = "公共法律服务"
    manifest = StreamManifest(
        key="legal_services",
        label="公共法律服务",
        field_roles=frozenset({Role.LEGAL_ADVISOR}),
        order=70,
        description="“一村一法律顾问”聘任、驻村值班、咨询日志和法治讲座，法律援助申请的受理、决定、指派和结案"
                    "（《法律援助法》），以及证明事项告知承诺清单和事后核查。",
        menu=(MenuEntry("快速登记咨询", "legal_services:quick", capability="records.write",
                        roles=frozenset({"legal_advisor"}), daily=True),
              MenuEntry("值班咨询日志", "legal_services:consultations:list"),
              MenuEntry("法律顾问聘任", "legal_services:advisors:list"),
              MenuEntry("法律顾问值班", "legal_services:duty:list"),
              MenuEntry("法治讲座", "legal_services:lectures:list"),
              MenuEntry("法律援助申请", "legal_services:aid:list"),
              MenuEntry("告知承诺清单", "legal_services:items:list"),
              MenuEntry("告知承诺核查", "legal_services:verifications:list")),
        ledgers=("legal_services.AdvisorAppointment", "legal_services.Consultation", "legal_services.DutyDay",
                 "legal_services.Lecture", "legal_services.LegalAidApplication",
                 "legal_services.CertificationItem", "legal_services.CommitmentCase"),
        indicators="fazhi.streams.legal_services.indicators",
        demo="fazhi.streams.legal_services.demo.load",
        bench="fazhi.streams.legal_services.bench",
        public=(PublicSection("向村（社区）法律顾问咨询", "gk_legal_services:consult",
                              "选择所在村（社区），在线向法律顾问咨询法律问题", icon="bi-chat-square-text",
                              for_citizens=True),
                PublicSection("申请法律援助", "gk_legal_services:apply_aid",
                              "经济困难的公民在线申请法律援助，查询审查进度", icon="bi-shield-check",
                              for_citizens=True)),
        public_urls="fazhi.streams.legal_services.public",
        my_items="fazhi.streams.legal_services.public.my_items",
    )
