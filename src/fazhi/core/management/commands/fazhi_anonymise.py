from __future__ import annotations

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from fazhi.core import privacy, retention


class Command(BaseCommand):
    help = ("匿名化办结超过保存期限（FAZHI_RETENTION_YEARS）的记录中的个人信息；"
            "--dry-run 只统计不修改。每条记录写一条审计事件（不含个人信息原值），重复运行不会重复处理。")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="只列出将被匿名化的记录数，不修改数据")
        parser.add_argument("--date", help="按指定日期计算保存期限（YYYY-MM-DD），默认今天")
        parser.add_argument("--write-doc", metavar="PATH",
                            help="不做匿名化，按字段声明生成个人信息清单（docs/personal-data.md）")

    def handle(self, *args, **options) -> None:
        if options.get("write_doc"):
            Path(options["write_doc"]).write_text(privacy.personal_data_markdown(), encoding="utf-8")
            self.stdout.write(f"已生成个人信息清单：{options['write_doc']}")
            return
        try:
            today = date.fromisoformat(options["date"]) if options.get("date") else None
        except ValueError as exc:
            raise CommandError("日期格式应为 YYYY-MM-DD") from exc
        dry = options["dry_run"]
        reports = retention.anonymise(dry_run=dry, today=today)
        total = 0
        for rep in reports:
            if rep.due or rep.anonymised:
                verb = "将匿名化" if dry else "已匿名化"
                self.stdout.write(f"{rep.title}（保存{rep.years}年）：到期 {rep.due} 条，{verb} {rep.anonymised} 条")
            total += rep.anonymised
        prefix = "试运行，未修改数据。" if dry else ""
        self.stdout.write(f"{prefix}共{'将' if dry else '已'}匿名化 {total} 条记录。")
