"""The full concurrency burst of issue 16: 20 threads × 50 writes, SQLite file and PostgreSQL.

Runs ``tests/web/test_concurrency.py`` (threads against a live server, with and without
If-Match) at bench size and prints how long each run took. Every run must pass: no write
failed, none was lost, every logged old value is the value replaced.

    python bench/bench_concurrency.py [--threads 20] [--writes 50]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG = os.environ.get("JIXIAO_BENCH_PG", "postgres://postgres@127.0.0.1:5432/jixiao_bench_burst")


def run(label: str, env: dict[str, str]) -> tuple[str, float, int]:
    """One pytest run of the burst; its label, seconds and exit code."""
    start = time.perf_counter()
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    command.append("tests/web/test_concurrency.py")
    merged = {
        k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "JIXIAO_TEST_SQLITE")
    }
    code = subprocess.call(command, cwd=ROOT, env={**merged, **env})
    return label, time.perf_counter() - start, code


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=20)
    parser.add_argument("--writes", type=int, default=50)
    parser.add_argument("--only", choices=["sqlite", "postgresql"], help="one database only")
    args = parser.parse_args()
    size = {"JIXIAO_BURST": f"{args.threads}x{args.writes}"}
    (ROOT / "var").mkdir(exist_ok=True)
    sqlite = {"JIXIAO_TEST_SQLITE": str(ROOT / "var" / "burst.sqlite3")}
    runs = []
    if args.only != "postgresql":
        runs.append(run("SQLite", size | sqlite))
    if args.only != "sqlite":
        runs.append(run("PostgreSQL", size | {"DATABASE_URL": PG}))
    for label, seconds, code in runs:
        verdict = "passed" if code == 0 else f"FAILED (exit {code})"
        print(
            f"{label}: {args.threads} threads × {args.writes} writes, {seconds:.0f} s, {verdict}"
        )
    return max(code for _, _, code in runs)


if __name__ == "__main__":
    sys.exit(main())
