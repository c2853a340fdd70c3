"""``fazhi manage verify_draw FILE``: check a published draw JSON (commitment, seed, eligible
lists, parameters and result) with the standard-library verifier."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from fazhi.streams.inspections.verify import verify


class Command(BaseCommand):
    help = "核验“双随机”抽取结果文件：重算承诺值和抽取结果并与公布内容比对"

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="抽取结果文件（JSON）的路径")

    def handle(self, *args, **options) -> None:
        try:
            with open(options["file"], encoding="utf-8") as fh:
                draw = json.load(fh)
        except OSError as exc:
            raise CommandError(f"无法读取文件：{exc}") from None
        except json.JSONDecodeError as exc:
            raise CommandError(f"文件不是有效的JSON：{exc}") from None
        ok, lines = verify(draw)
        for line in lines:
            self.stdout.write(line)
        if not ok:
            raise CommandError("核验结论：不一致")
        self.stdout.write(self.style.SUCCESS("核验结论：一致"))
