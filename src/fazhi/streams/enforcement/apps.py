from __future__ import annotations

from django.apps import AppConfig

from fazhi.core.registry import MenuEntry, PublicSection, StreamManifest


class EnforcementConfig(AppConfig):
    name = "fazhi.streams.enforcement"
    label = "enforcement"
    verbose_name = "行政执法与执法监督"
    manifest = StreamManifest(
        key="enforcement",
        label="行政执法与执法监督",
        order=60,
        description="行政执法决定公示（7/20个工作日公示期限、撤回公示）、执法人员持证与执法资格考试、培训学时、"
                    "案卷评查与整改、行政许可事项清单和行政裁量权基准的台账。",
        menu=(
            MenuEntry("执法决定公示", "enforcement:decisions:list"),
            MenuEntry("执法人员", "enforcement:officers:list"),
            MenuEntry("执法资格考试", "enforcement:exams:list"),
            MenuEntry("执法培训", "enforcement:trainings:list"),
            MenuEntry("案卷评查活动", "enforcement:campaigns:list"),
            MenuEntry("案卷评查表", "enforcement:reviews:list"),
            MenuEntry("行政许可事项清单", "enforcement:licences:list"),
            MenuEntry("行政裁量权基准", "enforcement:benchmarks:list"),
        ),
        ledgers=("enforcement.Decision", "enforcement.Officer", "enforcement.ExamResult",
                 "enforcement.TrainingRecord", "enforcement.Campaign", "enforcement.FileReview",
                 "enforcement.LicenceItem", "enforcement.Benchmark"),
        indicators="fazhi.streams.enforcement.indicators",
        demo="fazhi.streams.enforcement.demo.load",
        bench="fazhi.streams.enforcement.bench",
        public=(PublicSection("行政执法公示", "gk_enforcement:column",
                              "执法人员及执法证号、行政许可事项清单、行政裁量权基准和行政执法决定", icon="bi-shield-check"),),
        public_urls="fazhi.streams.enforcement.public",
        certificate_lookup="fazhi.streams.enforcement.services.certificate_lookup",
        certificate_register_in_use="fazhi.streams.enforcement.services.certificate_register_in_use",
        certificate_holders="fazhi.streams.enforcement.services.certificate_holders",
        publish_decision="fazhi.streams.enforcement.services.publish_decision",
        published_decision="fazhi.streams.enforcement.services.published_decision",
    )
