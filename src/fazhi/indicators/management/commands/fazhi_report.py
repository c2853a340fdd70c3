from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.models import Unit
from fazhi.core.units import counties
from fazhi.indicators.engine import report_json


class Command(BaseCommand):
    help = "按年度计算全部指标并输出（JSON）；每个数字都来自台账记录"

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--unit", help="单位代码，默认为本级区县")
        parser.add_argument("--format", default="json", choices=["json"])
        parser.add_argument("-o", "--output", help="输出文件，默认打印到屏幕")

    def handle(self, *args, **options) -> None:  # noqa: ANN002, ANN003
        unit = self._unit(options.get("unit"))
        data = report_json(unit, options["year"])
        text = json.dumps(data, ensure_ascii=False, indent=1)
        if options.get("output"):
            Path(options["output"]).write_text(text, encoding="utf-8")
            self.stdout.write(f"已输出到 {options['output']}")
        else:
            self.stdout.write(text)

    def _unit(self, code: str | None) -> Unit:
        if code:
            unit = Unit.objects.filter(code=code).first()
            if unit is None:
                raise CommandError(f"未找到单位代码“{code}”")
            return unit
        unit = counties().order_by("pk").first()
        if unit is None:
            raise CommandError("尚未建立单位，请先运行：fazhi setup --division 区划代码 或 fazhi demo")
        return unit
