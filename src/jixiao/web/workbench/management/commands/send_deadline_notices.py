"""Tell units and reviewers about deadlines due soon or passed (run daily, e.g. from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from jixiao.web.commands import add_today, today_of
from jixiao.web.workbench.reminders import deadline_notices


class Command(BaseCommand):
    help = "按各环节填报截止和审核时限发送“即将到期”“已逾期”通知（可重复运行，不会重复通知）"

    def add_arguments(self, parser: Any) -> None:
        add_today(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        today = today_of(options)
        made = deadline_notices(today)
        people = len({n.user_id for n in made})
        self.stdout.write(f"{today:%Y-%m-%d}：新发通知{len(made)}条，涉及{people}人。")
