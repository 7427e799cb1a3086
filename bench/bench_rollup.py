"""Benchmark 1: rescoring and rolling up a province-year (see bench/rollup.py for the ways).

Run: ``.venv/bin/python bench/bench_rollup.py --db URL --units 137`` after bench/generate.py
loaded that size into the database. Prints one JSON object: timings, ratios, goals, and the
province's figures by each way so a reader sees they computed the same thing.

Goals (issue 10): the app's roll-up ≤ 2 s, ≥ 20× the naive loop, within 3× of the SQL aggregate.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import rollup  # noqa: E402
from bench.common import best_of, emit, ratio  # noqa: E402
from bench.generate import DEFAULT_DB, setup_django  # noqa: E402

GOAL_SECONDS = 2.0
GOAL_OVER_NAIVE = 20.0
GOAL_OVER_SQL = 3.0


def measure(units: int, year: int, repeat: int, with_naive: bool) -> dict[str, Any]:
    """Time every way on the province of ``units`` units; figures of its root by each."""
    from django.db import connection

    from jixiao.web.orgs.models import Organization
    from jixiao.web.performance.models import Indicator

    root = Organization.objects.get(code=f"BENCH{units}")
    count = Indicator.objects.filter(
        system__year=year, system__organization__path__startswith=root.path
    ).count()
    timings: dict[str, float | None] = {}
    figures: dict[str, Any] = {}
    # The fast ways are best of ``repeat``; the slow ones (seconds to minutes) run once.
    for name, function, times in (("sql", rollup.sql, repeat), ("values", rollup.values, 1)):
        seconds, result = best_of(lambda f=function: f(root, year), times)
        timings[name] = round(seconds, 3)
        figures[name] = result[root.pk].summary()
    figures["sql"]["mean_score"] = None  # the statement sums indicators, not system totals
    fast = rollup.fast_function()
    if fast is not None:
        seconds, result = best_of(lambda: fast(root, year), repeat)
        timings["fast"] = round(seconds, 3)
        figures["fast"] = rollup.describe_fast(result)
    else:
        timings["fast"] = None
    if with_naive:
        seconds, result = best_of(lambda: rollup.naive(root, year), 1)
        timings["naive"] = round(seconds, 3)
        figures["naive"] = result[root.pk].summary()
    return {
        "benchmark": "rollup",
        "database": connection.vendor,
        "units": units,
        "year": year,
        "indicators": count,
        "seconds": timings,
        "figures": figures,
        "ratios": ratios(timings),
        "goals": goals(timings),
    }


def ratios(t: dict[str, float | None]) -> dict[str, float | None]:
    """Speed-ups and gaps measured side by side."""
    return {
        "naive_over_fast": ratio(t.get("naive"), t.get("fast")),
        "fast_over_sql": ratio(t.get("fast"), t.get("sql")),
        "naive_over_values": ratio(t.get("naive"), t.get("values")),
        "values_over_sql": ratio(t.get("values"), t.get("sql")),
        "naive_over_sql": ratio(t.get("naive"), t.get("sql")),
    }


def goals(t: dict[str, float | None]) -> dict[str, Any]:
    """Each goal: met, missed, or not measurable (the app's roll-up is missing)."""
    fast = t.get("fast")
    if fast is None:
        return {"status": "not measured: jixiao.web.monitoring.queries.province_rollup missing"}
    naive = t.get("naive")
    sql = t.get("sql")
    return {
        "at_most_2s": fast <= GOAL_SECONDS,
        "20x_naive": None if naive is None else naive / fast >= GOAL_OVER_NAIVE,
        "within_3x_sql": None if not sql else fast / sql <= GOAL_OVER_SQL,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=DEFAULT_DB)
    parser.add_argument("--units", type=int, default=137)
    parser.add_argument("--year", type=int, default=2023)
    parser.add_argument("--repeat", type=int, default=3, help="best of N for app and SQL")
    parser.add_argument("--no-naive", action="store_true", help="skip the slow per-row loop")
    parser.add_argument("--out", help="also write the JSON here")
    args = parser.parse_args(argv)
    setup_django(args.db, migrate=False)
    emit(measure(args.units, args.year, args.repeat, not args.no_naive), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
