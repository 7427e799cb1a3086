"""Remove expired and interrupted imports and their files (the worker also does it every 15 min)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from jixiao.web.imports.jobs import sweep


class Command(BaseCommand):
    help = "清理过期或中断的导入任务及其上传文件"

    def handle(self, *args: Any, **options: Any) -> None:
        done = sweep()
        self.stdout.write(
            f"已中断 {done['interrupted']} 个、删除过期 {done['expired']} 个导入任务，"
            f"清理无主上传 {done['orphans']} 个。"
        )
