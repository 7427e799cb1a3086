"""``bench/run``: generate the data if needed, run every benchmark in its own process, summarise.

Full run (the figures of docs/benchmarks.md): the three sizes (10, 40, 137 units) in SQLite
(``var/bench/bench.sqlite3``) and PostgreSQL (``jixiao_bench``), benchmark 1 on both databases
at every size, benchmark 2 once, benchmark 3 at every size, benchmark 4 on PostgreSQL at 137
units. ``--quick`` is the smoke run (under a minute): a fresh small SQLite province (10 units,
one year, a few projects), every benchmark once at small settings.

Every benchmark is a separate ``python bench/bench_*.py`` process, so one's imports, caches and
memory never flatter another's. Results go to ``bench/results/<time>.json`` and ``latest.json``;
``latest.md`` is the summary that ``--update-docs`` copies into docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import RESULTS, machine, pg_version  # noqa: E402
from bench.summary import markdown, update_docs  # noqa: E402

PY = sys.executable
SQLITE = f"sqlite:///{ROOT / 'var' / 'bench' / 'bench.sqlite3'}"
QUICK_SQLITE = f"sqlite:///{ROOT / 'var' / 'bench' / 'quick.sqlite3'}"
PG = os.environ.get("JIXIAO_BENCH_PG", "postgres://postgres@127.0.0.1:5432/jixiao_bench")
ENV = {
    "JIXIAO_DEBUG": "0",
    "JIXIAO_SECRET_KEY": "bench-only-secret-key",
    "JIXIAO_LOG_LEVEL": "ERROR",
}


def call(script: str, *args: str, timeout: int = 3600) -> dict[str, Any]:
    """Run ``bench/<script>`` in a fresh process; its JSON output, or the error."""
    cmd = [PY, str(ROOT / "bench" / script), *args]
    start = time.perf_counter()
    proc = subprocess.run(
        cmd,
        capture_output=True,
        text=True,
        env={**os.environ, **ENV},
        timeout=timeout,
        check=False,
        cwd=ROOT,
    )
    wall = round(time.perf_counter() - start, 2)
    if proc.returncode != 0:
        return {"script": script, "args": list(args), "error": proc.stderr[-3000:], "wall": wall}
    out = proc.stdout
    data = json.loads(out[out.index("{") :]) if "{" in out else {"output": out[-2000:]}
    return {**data, "args": list(args), "wall": wall}


def generate(db: str, units: int, *extra: str) -> dict[str, Any]:
    """Load ``units`` into ``db`` unless it is there (generate.py keeps what exists)."""
    start = time.perf_counter()
    cmd = [PY, str(ROOT / "bench" / "generate.py"), "--units", str(units), "--db", db, *extra]
    proc = subprocess.run(
        cmd, capture_output=True, text=True, env={**os.environ, **ENV}, check=False
    )
    log = (proc.stdout + proc.stderr).strip().splitlines()
    print(f"  generate {units} units → {_short(db)}: {log[-1] if log else ''}", flush=True)
    return {
        "units": units,
        "db": _short(db),
        "ok": proc.returncode == 0,
        "log": log[-3:],
        "wall": round(time.perf_counter() - start, 1),
    }


def _short(db: str) -> str:
    return "postgresql" if db.startswith("postgres") else "sqlite"


def pg_reachable() -> bool:
    """True when the PostgreSQL server answers."""
    return pg_version(PG) is not None


def full(args: argparse.Namespace) -> dict[str, Any]:
    """Every benchmark at every size (see the module docstring)."""
    sizes = [int(s) for s in args.sizes.split(",")]
    dbs = ([] if args.no_sqlite else [SQLITE]) + (
        [PG] if not args.no_pg and pg_reachable() else []
    )
    runs: list[dict[str, Any]] = []
    gen = [generate(db, n) for db in dbs for n in sizes] if not args.skip_generate else []
    main_db = dbs[-1]
    only = set(args.only.split(","))
    for db in dbs if "rollup" in only else []:
        for n in sizes:
            print(f"  rollup {n} units on {_short(db)}", flush=True)
            runs.append(call("bench_rollup.py", "--db", db, "--units", str(n)))
    for db in dbs if "rescore" in only else []:
        print(f"  rescore {max(sizes)} units on {_short(db)}", flush=True)
        runs.append(call("bench_rescore.py", "--db", db, "--units", str(max(sizes))))
    if "extract" in only:
        print("  extract", flush=True)
        runs.append(call("bench_extract.py"))
    for n in sizes if "export" in only else []:
        print(f"  export {n} units on {_short(main_db)}", flush=True)
        runs.append(call("bench_export.py", "--db", main_db, "--units", str(n)))
    if main_db == PG and "pages" in only and not args.no_pages:
        print("  pages 137 units on postgresql", flush=True)
        runs.append(
            call(
                "bench_pages.py",
                "--db",
                PG,
                "--units",
                str(max(sizes)),
                "--users",
                "20",
                "--seconds",
                str(args.page_seconds),
            )
        )
    return {"mode": "full", "generate": gen, "runs": runs}


def quick(args: argparse.Namespace) -> dict[str, Any]:
    """The smoke run: a fresh small province, each benchmark once at small settings."""
    gen = [generate(QUICK_SQLITE, 10, "--fresh", "--years", "1", "--projects", "4")]
    runs = [
        call("bench_rollup.py", "--db", QUICK_SQLITE, "--units", "10", "--repeat", "1"),
        call("bench_rescore.py", "--db", QUICK_SQLITE, "--units", "10", "--repeat", "1"),
        call("bench_extract.py", "--texts", "2000", "--repeat", "1"),
        call("bench_export.py", "--db", QUICK_SQLITE, "--units", "10"),
    ]
    if not args.no_pages:
        pages = ["--db", QUICK_SQLITE, "--units", "10", "--users", "2", "--seconds", "4"]
        runs.append(call("bench_pages.py", *pages, "--workers", "1"))
    return {"mode": "quick", "generate": gen, "runs": runs}


def measure_all(args: argparse.Namespace) -> dict[str, Any]:
    """The quick or full run, with when and where it ran."""
    start = time.perf_counter()
    started = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    data = quick(args) if args.quick else full(args)
    data |= {"started": started, "seconds": round(time.perf_counter() - start, 1)}
    data["machine"] = machine() | {"postgresql": pg_version(PG)}
    return data


def merge(paths: list[Path]) -> dict[str, Any]:
    """Several partial runs (e.g. SQLite now, PostgreSQL later) as one full run's results.

    Where two runs measured the same benchmark on the same database and size, the later wins.
    """
    parts = [json.loads(p.read_text(encoding="utf-8")) for p in paths]
    data = {**parts[-1], "mode": "full", "generate": [], "runs": []}
    for part in parts:
        data["generate"] += part.get("generate", [])
        data["runs"] += part["runs"]
    latest = {(r.get("benchmark"), r.get("database"), r.get("units")): r for r in data["runs"]}
    data["runs"] = list(latest.values())
    data["merged"] = [p["started"] for p in parts]
    data["started"] = min(p["started"] for p in parts)
    data["seconds"] = round(sum(p["seconds"] for p in parts), 1)
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smoke run, under a minute")
    parser.add_argument("--sizes", default="10,40,137", help="unit counts for the full run")
    parser.add_argument("--no-pg", action="store_true", help="SQLite only")
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument("--no-pages", action="store_true", help="skip the load test")
    parser.add_argument("--skip-generate", action="store_true", help="use the data as it is")
    parser.add_argument("--page-seconds", type=int, default=60)
    parser.add_argument(
        "--only",
        default="rollup,rescore,extract,export,pages",
        help="comma list of benchmarks to run",
    )
    parser.add_argument(
        "--update-docs", action="store_true", help="write the summary into docs/benchmarks.md"
    )
    parser.add_argument("--merge", nargs="+", metavar="JSON", help="combine earlier runs' results")
    args = parser.parse_args(argv)
    data = merge([Path(p) for p in args.merge]) if args.merge else measure_all(args)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = data["started"].replace(":", "").replace("-", "")
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    (RESULTS / f"{data['mode']}-{stamp}.json").write_text(text, encoding="utf-8")
    (RESULTS / f"latest-{data['mode']}.json").write_text(text, encoding="utf-8")
    summary = markdown(data)
    (RESULTS / f"latest-{data['mode']}.md").write_text(summary, encoding="utf-8")
    print(summary)
    if args.update_docs:
        update_docs(summary, ROOT / "docs" / "benchmarks.md")
    errors = [r for r in data["runs"] if "error" in r]
    for r in errors:
        print(f"ERROR in {r['script']}: {r['error'][-800:]}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
