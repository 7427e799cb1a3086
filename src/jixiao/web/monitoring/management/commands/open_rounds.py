"""Open the monitoring rounds the provinces' plans make due (run daily, e.g. from cron).

Running it twice, or on two hosts at once, opens nothing twice (see ``monitoring.schedules``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from jixiao.web.monitoring.schedules import open_due_rounds


class Command(BaseCommand):
    help = "按各省设定的监控计划发起到期的监控轮次（可每天运行，重复运行不会重复发起）"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--today", help="按该日期计算（YYYY-MM-DD），默认今天")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = (
                date.fromisoformat(options["today"]) if options["today"] else timezone.localdate()
            )
        except ValueError:
            raise CommandError(
                f"--today 应为日期（如2025-06-30），现为「{options['today']}」。"
            ) from None
        opened = open_due_rounds(today)
        for rnd in opened:
            checks, spending = rnd.checks.count(), rnd.spending.count()
            self.stdout.write(
                f"已发起「{rnd.organization.name}」{rnd.name}（截止{rnd.as_of}，"
                f"{checks}个指标、{spending}个项目，{rnd.deadline}前填报）"
            )
        if not opened:
            self.stdout.write(f"{today}：没有到期需发起的监控轮次。")
