from __future__ import annotations

from django.apps import AppConfig

from fazhi.core.registry import MenuEntry, StreamManifest


class PlansConfig(AppConfig):
    name = "fazhi.streams.plans"
    label = "plans"
    verbose_name = "年度计划与督办"
    manifest = StreamManifest(
        key="plans",
        label="年度计划与督办",
        order=170,
        description="年度工作计划、优化营商环境专项行动和专项整治的任务分解：牵头和协办单位、完成时限、"
                    "进展填报，对逾期任务的督办，以及任务完成率和按期完成率。",
        menu=(MenuEntry("计划与专项行动", "plans:plans:list"),
              MenuEntry("计划任务台账", "plans:tasks:list")),
        ledgers=("plans.Plan", "plans.Task"),
        indicators="fazhi.streams.plans.indicators",
        checklist="fazhi.streams.plans.services.checklist",
        demo="fazhi.streams.plans.demo.load",
        bench="fazhi.streams.plans.bench",
    )
