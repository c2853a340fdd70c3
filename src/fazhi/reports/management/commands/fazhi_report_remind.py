from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from fazhi.reports.reminders import remind


class Command(BaseCommand):
    help = "年度报告法定时限提醒：3月1日前报送上级、4月1日前向社会公开，及各单位材料报送（每日由 cron 运行）"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", help="按指定日期计算（YYYY-MM-DD），默认今天")

    def handle(self, *args, **options) -> None:
        try:
            today = date.fromisoformat(options["date"]) if options.get("date") else None
        except ValueError as exc:
            raise CommandError("日期格式应为 YYYY-MM-DD") from exc
        summary = remind(today)
        self.stdout.write(f"检查年度报告事项 {summary.items} 项，新发提醒 {summary.created} 条。")
