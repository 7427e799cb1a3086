"""Tell units and reviewers about deadlines due soon or passed (run daily, e.g. from cron)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from jixiao.web.workbench.reminders import deadline_notices


class Command(BaseCommand):
    help = "按各环节填报截止和审核时限发送“即将到期”“已逾期”通知（可重复运行，不会重复通知）"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--today", help="按该日期计算（YYYY-MM-DD），默认今天")

    def handle(self, *args: Any, **options: Any) -> None:
        text = options["today"]
        try:
            today = date.fromisoformat(text[:20]) if text else timezone.localdate()
        except ValueError:
            raise CommandError(
                f"--today 应为日期（如2024-07-15），现为「{text[:20]}」。"
            ) from None
        made = deadline_notices(today)
        people = len({n.user_id for n in made})
        self.stdout.write(f"{today:%Y-%m-%d}：新发通知{len(made)}条，涉及{people}人。")
