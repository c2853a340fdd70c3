from __future__ import annotations

from django.apps import AppConfig

from fazhi.core.registry import MenuEntry, StreamManifest


class SupervisionConfig(AppConfig):
    name = "fazhi.streams.supervision"
    label = "supervision"
    verbose_name = "法治督察与整改"
    manifest = StreamManifest(
        key="supervision",
        label="法治督察与整改",
        order=175,
        description="依法治区办对各部门、乡镇（街道）的法治督察：督察计划、督察发现的问题及其整改任务"
                    "（整改期限、提醒、整改情况报告、审核销号），以及各单位年度法治政府建设情况报告的征集。",
        menu=(MenuEntry("法治督察", "supervision:visits:list"),
              MenuEntry("督察整改任务", "supervision:rectifications:list"),
              MenuEntry("各单位年度报告", "supervision:unit_reports:list"),
              MenuEntry("发起年度报告征集", "supervision:unit_reports:open", capability="reports.manage")),
        ledgers=("supervision.SupervisionVisit", "supervision.Rectification", "supervision.UnitReport"),
        indicators="fazhi.streams.supervision.indicators",
        demo="fazhi.streams.supervision.demo.load",
    )
