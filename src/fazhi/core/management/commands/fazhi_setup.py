from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from fazhi.core.units import setup_division


class Command(BaseCommand):
    help = "按县级区划代码建立单位树：区县政府（管委会）、乡镇（街道）、村（社区）"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--division", required=True)

    def handle(self, *args, **options) -> None:
        try:
            summary = setup_division(options["division"])
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from exc
        self.stdout.write(
            f"已建立 {summary.county.name}（{summary.county.code}）："
            f"乡镇（街道）{summary.townships} 个，村（社区）{summary.villages} 个。"
        )
