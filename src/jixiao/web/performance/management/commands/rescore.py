"""``rescore``: recompute every indicator's points and every system's stored total.

For a database migrated from an older version, data loaded around the app, or after the
scoring rules changed. Set-based (:func:`jixiao.web.performance.rescore.rescore_all`): one SQL
statement per rule kind over the typed scoring inputs, the core for the rest, in one
transaction; only the systems with a row whose points moved (and those a province's own
rules bind) get a new total, unless ``--all-totals`` (after totals were written around the
app). ``--per-row`` runs the older per-row way (the core on every row, batched by
systems), kept to compare with.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jixiao.web.orgs.models import Organization
from jixiao.web.performance.models import IndicatorSystem
from jixiao.web.performance.rescore import rescore_all, rescore_systems

KIND_NAMES = {
    "met": "全部或零分",
    "printed": "按印出得分",
    "bands": "定性分档",
    "ratio": "按比例",
    "reverse": "反向按比例",
    "unweighted": "无分值",
    "core": "逐项计算",
    "policy": "省定评分规则（逐项计算）",
    "totals": "总分",
}


class Command(BaseCommand):
    help = "按当前目标值、分值和实际完成值重新计算指标的复核得分和指标体系的总分"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, help="只处理该年度")
        parser.add_argument("--org", help="只处理该单位（编码）及其下级")
        parser.add_argument(
            "--all-totals",
            action="store_true",
            help="重算所有指标体系的总分（默认只重算有指标得分变化的体系）",
        )
        parser.add_argument(
            "--per-row", action="store_true", help="逐项计算（旧方式，较慢，供对照）"
        )
        parser.add_argument(
            "--batch", type=int, default=200, help="逐项计算时每批指标体系数（默认200）"
        )

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
        if options["per_row"]:
            self.per_row(systems, options["batch"])
            return
        counts = rescore_all(systems, every_total=options["all_totals"])
        done = "，".join(f"{KIND_NAMES.get(k, k)} {n}" for k, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"复核得分已更新（按计分方式统计更新条数）：{done}。"))

    def per_row(self, systems: Any, batch: int) -> None:
        def log(done: int, total: int, changed: int) -> None:
            self.stdout.write(f"已处理 {done}/{total} 个指标体系，更新 {changed} 项指标")

        changed = rescore_systems(systems, batch, log)
        self.stdout.write(self.style.SUCCESS(f"复核得分已更新：{changed} 项指标。"))
