from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from fazhi.core.notifications import remind_all
from fazhi.core.tasks import enqueue_reminders


class Command(BaseCommand):
    help = "生成期限提醒：3个工作日内到期和已超期的事项，每个事项每人每天提醒一次（每日由 cron 运行）"

    def add_arguments(self, parser) -> None:
        parser.add_argument("--date", help="按指定日期计算（YYYY-MM-DD），默认今天")
        parser.add_argument("--enqueue", action="store_true",
                            help="不在本进程生成，交给后台任务进程（fazhi manage fazhi_worker）执行")

    def handle(self, *args, **options) -> None:
        try:
            today = date.fromisoformat(options["date"]) if options.get("date") else None
        except ValueError as exc:
            raise CommandError("日期格式应为 YYYY-MM-DD") from exc
        if options.get("enqueue"):

            task_id = enqueue_reminders(today)
            self.stdout.write(f"已提交后台任务 {task_id}，由任务进程生成提醒。")
            return
        summary = remind_all(today)
        self.stdout.write(f"检查到期事项 {summary.deadlines} 项，新发提醒 {summary.created} 条。")
