from __future__ import annotations

from django.apps import AppConfig

from fazhi.core.registry import MenuEntry, StreamManifest


class PetitionsConfig(AppConfig):
    name = "fazhi.streams.petitions"
    label = "petitions"
    verbose_name = "信访工作"
    manifest = StreamManifest(
        key="petitions",
        label="信访工作",
        order=160,
        description="信访件登记、转送交办、受理、办理答复、复查复核和办结的台账，领导包案化解，"
                    "以及区领导、律师坐班接访约访的批次和现场解决情况（《信访工作条例》）。",
        menu=(MenuEntry("信访件台账", "petitions:cases:list"),
              MenuEntry("接访登记", "petitions:receptions:list")),
        ledgers=("petitions.Petition", "petitions.Reception"),
        indicators="fazhi.streams.petitions.indicators",
        demo="fazhi.streams.petitions.demo.load",
        bench="fazhi.streams.petitions.bench",
    )
