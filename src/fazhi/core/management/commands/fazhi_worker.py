"""``fazhi manage fazhi_worker``: django-tasks-db's ``db_worker`` under a stable worker id that
first re-queues what its previous life left unfinished (see ``fazhi.core.tasks``)."""

from __future__ import annotations

import socket

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.management.commands.db_worker import validate_worker_id

from fazhi.core.tasks import recover_abandoned


class Command(DbWorkerCommand):
    help = "后台任务进程：执行排队的任务（如每日提醒）；启动时重新排队本进程上次被终止时未完成的任务"

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        for action in parser._actions:
            if action.dest == "worker_id":
                action.default = validate_worker_id(socket.gethostname()[:64] or "fazhi-worker")
                action.help = "任务进程标识，同一数据库的每个任务进程须不同且重启后保持不变（默认：主机名）"

    def handle(self, *args, **options) -> None:
        recovered = recover_abandoned(worker_id=options["worker_id"])
        if recovered and options.get("verbosity", 1) > 0:
            self.stdout.write(f"已重新排队上次中断的任务 {recovered} 个。")
        super().handle(*args, **options)
