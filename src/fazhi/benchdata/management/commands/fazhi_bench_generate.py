from __future__ import annotations

import argparse
from datetime import date

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from fazhi.benchdata.generate import DEFAULT_YEARS, generate


class Command(BaseCommand):
    help = "生成性能测试数据：一个县（约50个单位、10万条台账记录）或一个省（约120个县、1000万条）"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--scale", choices=["county", "province"], default="county")
        parser.add_argument("--years", type=int, default=DEFAULT_YEARS, help="年数（截至今年），默认5")
        parser.add_argument("--seed", type=int, default=1, help="随机种子：相同种子生成相同数据")
        parser.add_argument("--counties", type=int, default=None, help="省级规模时的县数（开发用，默认120）")
        parser.add_argument("--until", default=None, help="数据截止日期 YYYY-MM-DD，默认今天")
        parser.add_argument("--records", type=int, default=None, help=argparse_suppress())

    def handle(self, *args, **opts) -> None:
        until = date.fromisoformat(opts["until"]) if opts["until"] else None
        try:
            s = generate(scale=opts["scale"], years=opts["years"], seed=opts["seed"], counties=opts["counties"],
                         records=opts["records"], until=until, progress=self.stdout.write)
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from None
        self.stdout.write(f"已生成：{s.counties} 个县，{s.units} 个单位，{s.records:,} 条台账记录，"
                          f"{s.deadlines:,} 条期限，用时 {s.seconds:.1f} 秒（{s.records / max(s.seconds, 1e-9):,.0f} 条/秒）")
        for label, n in s.counts.items():
            self.stdout.write(f"  {label:40} {n:>12,}")


def argparse_suppress() -> str:

    return argparse.SUPPRESS
