"""``rescore``: fill ``Indicator.recomputed`` for rows written before it existed (or by hand).

New writes keep it current (import, results, tree edits, evaluations); this is for a database
migrated from an older version, or data loaded around the app. Batched by systems, one
transaction per batch, so a province of 170,000 indicators runs in bounded memory.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jixiao.web.orgs.models import Organization
from jixiao.web.performance.models import IndicatorSystem
from jixiao.web.performance.rescore import rescore_systems


class Command(BaseCommand):
    help = "按当前目标值、分值和实际完成值重新计算指标的复核得分"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, help="只处理该年度")
        parser.add_argument("--org", help="只处理该单位（编码）及其下级")
        parser.add_argument("--batch", type=int, default=200, help="每批指标体系数（默认200）")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["batch"] < 1:
            raise CommandError("--batch 须为正整数。")
        systems = IndicatorSystem.objects.all()
        if options["year"]:
            systems = systems.filter(year=options["year"])
        if options["org"]:
            org = Organization.objects.filter(code=options["org"]).first()
            if org is None:
                raise CommandError(f"找不到编码为「{options['org']}」的单位。")
            systems = systems.filter(organization__path__startswith=org.path)

        def log(done: int, total: int, changed: int) -> None:
            self.stdout.write(f"已处理 {done}/{total} 个指标体系，更新 {changed} 项指标")

        changed = rescore_systems(systems, options["batch"], log)
        self.stdout.write(self.style.SUCCESS(f"复核得分已更新：{changed} 项指标。"))
