"""fazhi restore FILE [--replace]: load a backup, all or nothing, and check every table."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "从备份文件恢复全部业务数据；恢复后逐表核对行数和校验值，不一致则全部撤销"

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="fazhi backup 生成的备份文件")
        parser.add_argument("--replace", action="store_true", help="当前数据库已有数据时，确认用备份覆盖")

    def handle(self, *args, **options) -> None:
        try:
            fp = restore(options["file"], replace=options["replace"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(count for count, _ in fp.values())
        self.stdout.write(f"已恢复 {len(fp)} 张表、{rows} 行数据，逐表行数和校验值与备份一致。")
