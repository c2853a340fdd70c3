"""fazhi snapshot close|verify [--year Y] [--county C] (see indicators/snapshots.py)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fazhi.core.models import Unit
from fazhi.indicators import snapshots


class Command(BaseCommand):
    help = "已结束年度的指标快照：close 生成，verify 与重算核对"

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["close", "verify"])
        parser.add_argument("--year", type=int, default=None)
        parser.add_argument("--county", default=None)

    def handle(self, *args, action: str, year: int | None, county: str | None, **options) -> None:
        year = year or timezone.localdate().year - 1
        if action == "verify":
            problems = snapshots.verify(year)
            for line in problems:
                self.stdout.write(line)
            if problems:
                raise CommandError(f"{year}年快照有{len(problems)}项与重算不一致")
            self.stdout.write(f"{year}年快照与重算一致")
            return
        counties = None
        if county:
            counties = list(Unit.objects.filter(code=county, kind=Unit.Kind.GOVERNMENT))
            if not counties:
                raise CommandError(f"没有代码为 {county} 的县级单位")
        try:
            written = snapshots.close(year, counties)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{year}年指标快照已生成：{written}项")
