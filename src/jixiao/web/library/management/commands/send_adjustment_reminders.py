"""Remind the units before the 绩效目标调整 window closes (run daily, e.g. from cron)."""

from __future__ import annotations

from typing import Any

from django.core.mail import send_mass_mail
from django.core.management.base import BaseCommand, CommandError

from jixiao.web.commands import add_today, today_of
from jixiao.web.library.adjust import due_reminders


class Command(BaseCommand):
    help = "在绩效目标调整截止前提醒各单位（按设定的提前天数）"

    def add_arguments(self, parser: Any) -> None:
        add_today(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        today = today_of(options)
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
