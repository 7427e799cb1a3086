"""``load_demo``: import the seeds and create the demo users (``jixiao demo``)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser

from jixiao.demo.loader import demo_loaded, load_demo
from jixiao.web.orgs.models import Organization

User = get_user_model()


class Command(BaseCommand):
    """Load the demo; ``jixiao serve`` runs it on a fresh embedded database."""

    help = "导入演示数据（种子文件与演示用户）"

    def add_arguments(self, parser: CommandParser) -> None:
        """``--if-empty`` and ``--if-fresh`` make it safe to run on every start."""
        parser.add_argument("--if-empty", action="store_true", help="已有演示数据时跳过")
        parser.add_argument(
            "--if-fresh", action="store_true", help="数据库中已有任何单位或用户时跳过（#16）"
        )
        parser.add_argument("--reset", action="store_true", help="先删除全部单位及其数据")

    def handle(self, *args: Any, **options: Any) -> None:
        """Load the demo in one transaction (``load_demo`` is atomic)."""
        if options["if_empty"] and demo_loaded():
            return
        if options["if_fresh"] and (Organization.objects.exists() or User.objects.exists()):
            return
        if options["reset"]:
            for org in Organization.objects.filter(parent=None):
                for node in reversed(list(org.subtree())):
                    node.delete()
        load_demo(log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS("演示数据已就绪。"))
