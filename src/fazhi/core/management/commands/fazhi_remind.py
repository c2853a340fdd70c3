from __future__ import annotations

from datetime import date

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

from fazhi.core.notifications import remind


class Command(BaseCommand):
    help = "生成期限提醒：3个工作日内到期和已超期的事项，每个事项每人每天提醒一次（每日由 cron 运行）"

    def add_arguments(self, parser) -> None:  # noqa: ANN001
        parser.add_argument("--date", help="按指定日期计算（YYYY-MM-DD），默认今天")

    def handle(self, *args, **options) -> None:  # noqa: ANN002, ANN003
        try:
            today = date.fromisoformat(options["date"]) if options.get("date") else None
        except ValueError as exc:
            raise CommandError("日期格式应为 YYYY-MM-DD") from exc
        summary = remind(today)
        created = summary.created
        # Apps with reminders of their own (the annual report's statutory dates) name them: AppConfig.remind.
        for cfg in apps.get_app_configs():
            if getattr(cfg, "remind", ""):
                created += import_string(cfg.remind)(today).created
        self.stdout.write(f"检查到期事项 {summary.deadlines} 项，新发提醒 {created} 条。")
