"""`fazhi assess --year Y [--unit CODE] [--format json|xlsx|docx] [-o FILE] [--run --by ACCOUNT]`:
a year's assessment results (or, with --run, the scoring run itself, audited under ACCOUNT)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from fazhi.core.excel import write_workbook
from fazhi.core.models import Unit
from fazhi.streams.assessment import render, services
from fazhi.streams.assessment.models import AssessmentScheme

FORMATS = ["json", "xlsx", "docx"]


class Command(BaseCommand):
    help = "输出年度法治建设考核结果（JSON、Excel排名、Word通报）；--run 依据台账运行考核评分"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--unit", help="只输出该单位的评分（单位代码）")
        parser.add_argument("--format", default="json", choices=FORMATS)
        parser.add_argument("-o", "--output", help="输出文件；JSON默认打印到屏幕，Excel、Word默认写入当前目录")
        parser.add_argument("--run", action="store_true", help="先运行考核评分（需 --by 统筹人员账号）")
        parser.add_argument("--by", help="运行评分的账号（记入审计日志）")

    def handle(self, *args, **options) -> None:
        year, fmt, output = options["year"], options["format"], options.get("output")
        unit = None
        if options.get("unit"):
            unit = Unit.objects.filter(code=options["unit"]).first()
            if unit is None:
                raise CommandError(f"未找到单位代码“{options['unit']}”")
        scheme = self._scheme(year, unit)
        if options["run"]:
            self._run(scheme, options.get("by"))
        if not scheme.sheets.exists():
            raise CommandError(f"{year}年考核方案尚未评分，请先运行评分（--run --by 账号）")
        if unit is not None and not scheme.sheets.filter(unit=unit).exists():
            raise CommandError(f"{unit.name}不是{year}年考核方案的被考核单位")
        if fmt == "json":
            data = json.dumps(render.scheme_json(scheme, unit), ensure_ascii=False, indent=1).encode("utf-8")
        elif fmt == "xlsx":
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / "ranking.xlsx"
                write_workbook(str(path), "考核排名", render.ranking_columns(scheme),
                               render.sheets_of(scheme, unit))
                data = path.read_bytes()
        else:
            data = render.docx_bytes(scheme)
        if fmt != "json" and not output:
            output = f"{year}年度法治建设考核{'排名' if fmt == 'xlsx' else '结果通报'}.{fmt}"
        if output:
            Path(output).write_bytes(data)
            self.stdout.write(f"已输出到 {output}")
        else:
            self.stdout.write(data.decode("utf-8"))

    def _scheme(self, year: int, unit: Unit | None) -> AssessmentScheme:
        schemes = AssessmentScheme.objects.filter(year=year).order_by("pk")
        if unit is not None:
            schemes = [s for s in schemes if unit.path.startswith(s.government().path)]
        scheme = next(iter(schemes), None)
        if scheme is None:
            raise CommandError(f"没有{year}年的考核方案")
        return scheme

    def _run(self, scheme: AssessmentScheme, username: str | None) -> None:
        by = get_user_model().objects.filter(username=username or "").first()
        if by is None:
            raise CommandError("运行评分须用 --by 指定依法治区办统筹人员账号")
        try:
            count = services.score_run(scheme, by=by)
        except (ValidationError, PermissionDenied) as exc:
            raise CommandError("；".join(getattr(exc, "messages", [str(exc)]))) from None
        self.stderr.write(f"已完成考核评分：{count}个单位")
