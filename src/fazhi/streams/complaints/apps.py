from __future__ import annotations

from django.apps import AppConfig

from fazhi.core.registry import MenuEntry, PublicSection, StreamManifest


class ComplaintsConfig(AppConfig):
    name = "fazhi.streams.complaints"
    label = "complaints"
    verbose_name = "问题举报"
    manifest = StreamManifest(
        key="complaints",
        label="问题举报",
        order=90,
        description="专项整治和优化营商环境专项行动中公开受理的问题举报：登记、转办责任单位、调查处理、"
                    "答复举报人和办结，举报人信息保密；以及受理问题举报公告的发布。",
        menu=(MenuEntry("问题举报台账", "complaints:cases:list"),
              MenuEntry("受理问题举报公告", "complaints:announcements:list")),
        ledgers=("complaints.Complaint", "complaints.Announcement"),
        indicators="fazhi.streams.complaints.indicators",
        demo="fazhi.streams.complaints.demo.load",
        bench="fazhi.streams.complaints.bench",
        public=(PublicSection("问题举报", "gk_complaints:index", "在线反映问题，可实名也可匿名，凭受理编号和查询码查询结果",
                              icon="bi-megaphone"),
                PublicSection("举报办理查询", "gk_complaints:lookup", "凭受理编号和查询码查询举报的办理进度和答复",
                              icon="bi-search")),
        public_urls="fazhi.streams.complaints.public",
        my_items="fazhi.streams.complaints.public.my_items",
    )
