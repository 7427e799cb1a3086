"""Benchmark: the rule what-if preview of a whole province-year, against applying it (#17 item 5).

The preview (``jixiao.web.rules.whatif.preview``) scores every system of the province-year under
a proposed policy (the caps and 指标偏离 deduction of issue #19, and a 优 boundary moved to 92)
in memory, re-running the policy stage on each system's kept basis. The baseline, measured in
the same run, is applying the same policy (``whatif.apply``): it stores the variants and
rescores every indicator and system through the per-row rescore path. Apply runs inside a
transaction that is rolled back, after checking that every system's stored total and grade
equal the preview's, so the database is left as it was. With ``--apply-systems N`` the apply
rescores only the first N systems (the variants stored as apply stores them) and its time
for the province is scaled from its time per indicator; the check covers those N.

Run: ``.venv/bin/python bench/bench_whatif.py --db URL --units 137 [--apply-systems 100]``
after bench/generate.py loaded that size. Goal (issue 17): the preview ≤ 1 s.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import best_of, emit, ratio  # noqa: E402
from bench.generate import DEFAULT_DB, setup_django  # noqa: E402

GOAL_SECONDS = 1.0
PROPOSAL = {
    "bands": [
        {"grade": "优", "minimum": 92},
        {"grade": "良", "minimum": 80},
        {"grade": "中", "minimum": 60},
        {"grade": "差", "minimum": 0},
    ],
    "caps": [
        {"rate": "执行率", "at_least": 70, "below": 80, "cap": 89},
        {"rate": "执行率", "below": 50, "cap": 59},
    ],
    "deviation": {"threshold": 130, "points": 2, "reason_required": True},
    "basis": "基准测试",
}


class _Rollback(Exception):
    """Raised to roll the applied policy back after measuring it."""


def measure(
    units: int, year: int, repeat: int, with_apply: bool, sample: int | None = None
) -> dict[str, Any]:
    """Time the preview (best of ``repeat``) and, once, the apply it stands in for."""
    from django.db import connection

    from jixiao.core.scoring.policy import policy_from_data
    from jixiao.web.orgs.models import Organization
    from jixiao.web.performance.models import Indicator
    from jixiao.web.rules import whatif

    root = Organization.objects.get(code=f"BENCH{units}")
    proposed = policy_from_data(PROPOSAL)
    count = Indicator.objects.filter(
        system__year=year, system__organization__path__startswith=root.path
    ).count()
    seconds, preview = best_of(lambda: whatif.preview(root, year, proposed), repeat)
    result: dict[str, Any] = {
        "benchmark": "whatif",
        "database": connection.vendor,
        "units": units,
        "year": year,
        "indicators": count,
        "systems": len(preview.systems),
        "rescored_in_full": preview.rescored,
        "changed_systems": len(preview.changed_systems),
        "changed_units": len(preview.changed_units),
        "seconds": {"preview": round(seconds, 3), "apply": None},
    }
    if with_apply:
        apply_seconds, checked, mismatches, rows = _apply(root, year, proposed, preview, sample)
        result["seconds"]["apply"] = round(apply_seconds * count / rows, 3) if rows else None
        result["seconds"]["apply_measured"] = round(apply_seconds, 3)
        result["seconds"]["apply_indicators"] = rows
        result["preview_equals_apply"] = {"systems": checked, "mismatches": mismatches}
    result["ratios"] = {"apply_over_preview": ratio(result["seconds"]["apply"], seconds)}
    result["goals"] = {"preview_at_most_1s": seconds <= GOAL_SECONDS}
    return result


def _apply(
    root: Any, year: int, proposed: Any, preview: Any, sample: int | None
) -> tuple[float, int, int, int]:
    """Apply inside a transaction, compare with the preview, roll back.

    Returns the seconds, the systems compared, how many differ and the indicators rescored.
    """
    from django.db import transaction

    from jixiao.web.performance.models import Indicator, IndicatorSystem
    from jixiao.web.performance.rescore import rescore_systems
    from jixiao.web.rules import whatif
    from jixiao.web.rules.models import ScoringVariant

    systems = whatif.year_systems(root, year)
    if sample:
        systems = IndicatorSystem.objects.filter(
            pk__in=list(systems.order_by("pk").values_list("pk", flat=True)[:sample])
        )
    ids = set(systems.values_list("pk", flat=True))
    rows = Indicator.objects.filter(system_id__in=ids).count()
    found: dict[str, Any] = {}
    try:
        with transaction.atomic():
            start = time.perf_counter()
            if sample:  # the variants stored as apply stores them, then its rescore
                ScoringVariant.objects.update_or_create(
                    organization=root, year=year, defaults={"data": proposed.to_data()}
                )
                rescore_systems(systems)
            else:
                whatif.apply(root, year, proposed, None)
            found["seconds"] = time.perf_counter() - start
            stored = {
                pk: (total, grade)
                for pk, total, grade in IndicatorSystem.objects.filter(pk__in=ids).values_list(
                    "pk", "score_total", "score_grade"
                )
            }
            compared = [s for s in preview.systems if s.system_id in ids]
            found["mismatches"] = sum(
                1 for s in compared if stored.get(s.system_id) != (s.new_total, s.new_grade)
            )
            found["compared"] = len(compared)
            raise _Rollback
    except _Rollback:
        pass
    return found["seconds"], found["compared"], found["mismatches"], rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=DEFAULT_DB)
    parser.add_argument("--units", type=int, default=137)
    parser.add_argument("--year", type=int, default=2023)
    parser.add_argument("--repeat", type=int, default=3, help="best of N for the preview")
    parser.add_argument("--no-apply", action="store_true", help="skip the slow apply baseline")
    parser.add_argument(
        "--apply-systems", type=int, help="apply on this many systems only (time scaled)"
    )
    parser.add_argument("--out", help="also write the JSON here")
    args = parser.parse_args(argv)
    setup_django(args.db, migrate=False)
    emit(
        measure(args.units, args.year, args.repeat, not args.no_apply, args.apply_systems),
        args.out,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
