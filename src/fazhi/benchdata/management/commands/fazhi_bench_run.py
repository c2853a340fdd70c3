from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from fazhi.benchdata.run import run


class Command(BaseCommand):
    help = "运行性能基准：县级指标看板（冷/热，对照手写SQL）、全省汇总、年度报告 Word/PDF、双随机抽取"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--scale", choices=["county", "province"], default="county",
                            help="表中标注的规模（数据由 fazhi bench generate 生成）")
        parser.add_argument("--repeat", type=int, default=10, help="每项重复次数，默认10")
        parser.add_argument("--year", type=int, default=None, help="统计年度，默认去年")
        parser.add_argument("--json", default=None, help="另将结果写入该 JSON 文件")
        parser.add_argument("--no-draw", action="store_true", help="不运行双随机抽取基准")
        parser.add_argument("--no-report", action="store_true", help="不运行年度报告基准")

    def handle(self, *args, **opts) -> None:
        if opts["repeat"] < 1:
            raise CommandError("--repeat 至少为1")
        try:
            run(scale=opts["scale"], repeat=opts["repeat"], year=opts["year"], draw=not opts["no_draw"],
                report=not opts["no_report"], json_path=opts["json"], out=self.stdout)
        except AssertionError as exc:
            raise CommandError(str(exc)) from None
