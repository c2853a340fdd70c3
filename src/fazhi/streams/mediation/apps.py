from __future__ import annotations

from django.apps import AppConfig

from fazhi.core.registry import MenuEntry, StreamManifest
from fazhi.core.roles import Role


class MediationConfig(AppConfig):
    name = "fazhi.streams.mediation"
    label = "mediation"
    verbose_name = "人民调解"
    manifest = StreamManifest(
        key="mediation",
        label="人民调解",
        field_roles=frozenset({Role.MEDIATOR}),
        order=150,
        description="人民调解委员会、人民调解员、调解案件（登记、调解、协议、司法确认、回访）和调解员培训的台账；"
                    "当事人信息不公开，只发布汇总数据。",
        menu=(
            MenuEntry("登记调解案件", "mediation:quick:form", capability="records.write",
                      roles=frozenset({Role.MEDIATOR}), daily=True),
            MenuEntry("调解案件", "mediation:cases:list"),
            MenuEntry("人民调解委员会", "mediation:committees:list"),
            MenuEntry("人民调解员", "mediation:mediators:list"),
            MenuEntry("调解员培训", "mediation:trainings:list"),
        ),
        ledgers=("mediation.MediationCase", "mediation.MediationCommittee", "mediation.Mediator",
                 "mediation.MediatorTraining"),
        indicators="fazhi.streams.mediation.indicators",
        demo="fazhi.streams.mediation.demo.load",
        bench="fazhi.streams.mediation.bench",
    )
