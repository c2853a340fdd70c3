from __future__ import annotations

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

from fazhi.core.models import Unit
from fazhi.core.units import counties
from fazhi.indicators.engine import report_json

FORMATS = ["json", "html", "docx", "pdf", "package"]
KINDS = ["annual", "disclosure"]


class Command(BaseCommand):
    help = ("按年度输出指标（JSON）或年度报告（HTML、符合GB/T 9704的Word、PDF）；"
            "每个数字都来自台账记录")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--unit", help="单位代码，默认为本级区县")
        parser.add_argument("--format", default="json", choices=FORMATS)
        parser.add_argument("--kind", default="annual", choices=KINDS,
                            help="annual：法治政府建设年度报告（默认）；disclosure：政府信息公开工作年度报告（六部分国家格式）")
        parser.add_argument("-o", "--output", help="输出文件；JSON、HTML默认打印到屏幕，Word、PDF和报送包（package）默认写入当前目录")

    def handle(self, *args, **options) -> None:
        unit = self._unit(options.get("unit"))
        fmt, year, output = options["format"], options["year"], options.get("output")
        if options.get("kind") == "disclosure":
            # The GIP report lives in the reports app too (six parts; table 三 from the registry).
            data = import_string("fazhi.reports.export.export_disclosure")(unit, year, fmt)
            if fmt in ("docx", "pdf") and not output:
                output = f"{year}年政府信息公开工作年度报告-{unit.code}.{fmt}"
        elif fmt == "package":
            # 报送市级 (issue 18): the submission package of the approved report, built by the reports app.
            try:
                data = import_string("fazhi.reports.submissions.package_bytes")(unit, year)
            except ValidationError as exc:
                raise CommandError("；".join(exc.messages)) from exc
            if not output:
                output = f"{year}年度法治政府建设报告报送包-{unit.code}.json"
        elif fmt == "json":
            data = json.dumps(report_json(unit, year), ensure_ascii=False, indent=1).encode("utf-8")
        else:
            # The report documents live in the reports app (it builds on the indicators, not the reverse).
            data = import_string("fazhi.reports.export.export")(unit, year, fmt)
            if fmt in ("docx", "pdf") and not output:
                output = f"{year}年度法治政府建设报告-{unit.code}.{fmt}"
        if output:
            Path(output).write_bytes(data)
            self.stdout.write(f"已输出到 {output}")
        else:
            self.stdout.write(data.decode("utf-8"))

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
