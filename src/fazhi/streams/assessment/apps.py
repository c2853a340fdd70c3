from __future__ import annotations

from django.apps import AppConfig

from fazhi.core.registry import MenuEntry, StreamManifest


class AssessmentConfig(AppConfig):
    name = "fazhi.streams.assessment"
    label = "assessment"
    verbose_name = "法治建设考核"
    # the cockpit shows where the year's assessment stands (core.registry.year_statuses)
    year_status = "fazhi.streams.assessment.services.year_status"
    manifest = StreamManifest(
        key="assessment",
        label="法治建设考核",
        order=190,
        description="年度法治建设考核：考核方案（指标、分值、计分规则）、依据台账自动评分和评审打分、"
                    "被考核单位申辩与复核、审定与内部通报、排名和得分分布。",
        menu=(MenuEntry("考核方案", "assessment:schemes:list"),
              MenuEntry("考核评分表", "assessment:sheets:list"),
              MenuEntry("考核排名", "assessment:ranking")),
        ledgers=("assessment.AssessmentScheme", "assessment.ScoreSheet"),
        indicators="fazhi.streams.assessment.indicators",
        checklist="fazhi.streams.assessment.services.checklist",
        bench="fazhi.streams.assessment.bench",
        demo="fazhi.streams.assessment.demo.load",
    )
