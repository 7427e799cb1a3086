"""Remind the units before the 绩效目标调整 window closes (run daily, e.g. from cron)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.mail import send_mass_mail
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from jixiao.web.library.adjust import due_reminders


class Command(BaseCommand):
    help = "在绩效目标调整截止前提醒各单位（按设定的提前天数）"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--today", help="按该日期计算（YYYY-MM-DD），默认今天")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = (
                date.fromisoformat(options["today"]) if options["today"] else timezone.localdate()
            )
        except ValueError:
            raise CommandError(
                f"--today 应为日期（如2025-09-23），现为「{options['today']}」。"
            ) from None
        messages = []
        for window, text, users in due_reminders(today):
            emails = [u.email for u in users if u.email]
            self.stdout.write(
                f"{window.organization.name}：{text}（{len(users)}人，{len(emails)}人有邮箱）"
            )
            if emails:
                messages.append(("绩效目标调整即将截止", text, None, emails))
        if messages:
            try:
                sent = send_mass_mail(messages, fail_silently=False)
            except OSError as exc:
                raise CommandError(f"邮件发送失败：{exc}；提醒仍在页面上显示。") from None
            self.stdout.write(f"已发送 {sent} 封提醒邮件。")
