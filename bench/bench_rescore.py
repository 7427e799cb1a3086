"""Benchmark 5: a full rescore of a province-year, set-based vs per row, same run.

Run: ``.venv/bin/python bench/bench_rescore.py --db URL --units 137`` after bench/generate.py
loaded that size. Prints one JSON object: the seconds of each way, their ratio, the rows each
statement wrote, and a consistency figure.

The ways, on every system of the year in the province's tree:

- *set, all change*: ``rescore_all`` after every row's stored points were made stale (as a
  change of the scoring rules leaves them): every row is written again;
- *set, none change*: ``rescore_all`` once more: the statements read every row and write none,
  so no system is totalled again (only the moved ones are);
- *per row*: ``rescore_systems``, the core on every row (model → core objects → score →
  ``bulk_update``), then each system's total through ``store_score``. Slow (tens of seconds at
  137 units), so it runs once, on ``--per-row-systems`` systems when given, and its time for
  the province is scaled from its time per indicator;
- *agreement*: after the per-row way, the set-based one must find nothing to change (its rows
  written and totals changed are reported; both must be 0).

Goal (issue 17): the set-based full rescore of the 137-unit province-year ≤ 1 s.
"""

from __future__ import annotations

import argparse
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import best_of, emit, ratio  # noqa: E402
from bench.generate import DEFAULT_DB, setup_django  # noqa: E402

GOAL_SECONDS = 1.0


def measure(units: int, year: int, repeat: int, per_row_systems: int | None) -> dict[str, Any]:
    """Time each way on the province of ``units`` units."""
    from django.db import connection

    from jixiao.web.orgs.models import Organization
    from jixiao.web.performance.models import Indicator, IndicatorSystem, Scoring
    from jixiao.web.performance.rescore import rescore_all, rescore_systems

    root = Organization.objects.get(code=f"BENCH{units}")
    systems = IndicatorSystem.objects.filter(year=year, organization__path__startswith=root.path)
    rows = Indicator.objects.filter(system__in=systems)
    count = rows.count()

    def stale() -> None:
        Scoring.objects.filter(system__in=systems).update(points=Decimal("-1"))

    def all_change() -> dict[str, int]:
        stale()
        start, cpu = time.perf_counter(), time.process_time()
        counts = rescore_all(systems)
        timings.append(time.perf_counter() - start)
        cpu_timings.append(time.process_time() - cpu)
        return counts

    timings: list[float] = []
    cpu_timings: list[float] = []  # this process only: on SQLite all the work, on PG the client's
    written: dict[str, int] = {}
    for _ in range(max(1, repeat)):
        written = all_change()
    all_seconds = min(timings)
    none_seconds, unchanged = best_of(lambda: rescore_all(systems), repeat)
    sample = systems.order_by("pk")
    if per_row_systems:
        sample = systems.filter(pk__in=list(sample.values_list("pk", flat=True)[:per_row_systems]))
    sampled = Indicator.objects.filter(system__in=sample).count()
    stale()
    per_row, _ = best_of(lambda: rescore_systems(sample), 1)
    per_row_province = per_row / sampled * count if sampled else None
    after = rescore_all(systems)  # the per-row way wrote its sample: the rest is stale
    agreement = rescore_all(sample) if per_row_systems else after
    return {
        "benchmark": "rescore",
        "database": connection.vendor,
        "units": units,
        "year": year,
        "indicators": count,
        "systems": systems.count(),
        "seconds": {
            "set_all_change": round(all_seconds, 3),
            "set_all_change_cpu": round(min(cpu_timings), 3),
            "set_none_change": round(none_seconds, 3),
            "per_row": round(per_row_province, 3) if per_row_province else None,
            "per_row_measured": round(per_row, 3),
            "per_row_indicators": sampled,
        },
        "written": written,
        "unchanged_run_wrote": sum(v for k, v in unchanged.items() if k != "totals"),
        "agreement": {
            "rows_written": sum(v for k, v in agreement.items() if k != "totals"),
            "totals_changed": agreement.get("totals"),
        },
        "ratios": {
            "per_row_over_set": ratio(per_row_province, all_seconds),
            "per_row_over_set_unchanged": ratio(per_row_province, none_seconds),
        },
        "goals": {"at_most_1s": all_seconds <= GOAL_SECONDS},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=DEFAULT_DB)
    parser.add_argument("--units", type=int, default=137)
    parser.add_argument("--year", type=int, default=2023)
    parser.add_argument("--repeat", type=int, default=3, help="best of N for the set-based way")
    parser.add_argument(
        "--per-row-systems", type=int, help="time the per-row way on this many systems only"
    )
    parser.add_argument("--out", help="also write the JSON here")
    args = parser.parse_args(argv)
    setup_django(args.db, migrate=False)
    emit(measure(args.units, args.year, args.repeat, args.per_row_systems), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
