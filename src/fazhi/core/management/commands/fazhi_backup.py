"""fazhi backup [-o FILE]: the whole database as one compressed file (see core/backup.py)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from fazhi.core import backup as bk


class Command(BaseCommand):
    help = "备份全部业务数据及上传文件（SQLite 与 PostgreSQL 通用，含行数和校验值）"

    def add_arguments(self, parser) -> None:
        parser.add_argument("-o", "--output", help="备份文件路径，默认写入数据目录下的 backups/")

    def handle(self, *args, **options) -> None:
        if options["output"]:
            path = Path(options["output"])
        else:
            folder = Path(settings.FAZHI_HOME) / "backups"
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"fazhi-{timezone.localtime():%Y%m%d-%H%M%S}.json.gz"
        fp = bk.backup(path)
        rows = sum(count for count, _ in fp.values())
        self.stdout.write(f"已备份 {len(fp)} 张表、{rows} 行数据及上传文件：{path}")
        missing = bk.missing_uploads()
        if missing:
            self.stderr.write(f"注意：{len(missing)} 个上传文件在数据目录中找不到，未能备份：" + "、".join(missing[:10]))
