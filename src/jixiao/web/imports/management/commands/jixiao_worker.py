"""The background worker: imports (and any other task) from django-tasks' database queue.

It first sweeps (expired and interrupted imports go) and schedules the periodic sweep, then
runs django-tasks-db's ``db_worker`` without the autoreloader, which would restart it in the
middle of an import.
"""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from jixiao.web.imports.jobs import sweep
from jixiao.web.imports.tasks import schedule_sweep


class Command(BaseCommand):
    help = "运行后台任务进程（读取上传的文件等）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true", help="处理完队列中的任务后退出")
        parser.add_argument("--interval", type=float, default=1.0, help="队列为空时的轮询间隔（秒）")

    def handle(self, *args: Any, **options: Any) -> None:
        sweep()
        schedule_sweep()
        call_command(
            "db_worker",
            reload=False,
            batch=options["batch"],
            interval=options["interval"],
            verbosity=options["verbosity"],
        )
