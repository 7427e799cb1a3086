"""Benchmark 4: page latency under load (goal: p95 ≤ 200 ms per page, zero errors).

Starts ``jixiao serve --prod`` (gunicorn, DEBUG off) on a free loopback port against the
benchmark database, then runs locust headless (bench/locustfile.py: 20 province officers who log
in once and read every page that lists or aggregates, :func:`pages`, with ~1 s between pages),
and reads locust's CSV statistics. Logins are reported but not judged (password hashing is meant
to be slow). Each page's p95 is also given as a multiple of a baseline (the login form) read by
the same users in the same run. The province gets a filled 6月30日 monitoring round first
(bench/monitored.py), so the monitoring pages have their data.

Run: ``.venv/bin/python bench/bench_pages.py --db postgres://…/jixiao_bench --units 137``.
"""

from __future__ import annotations

import argparse
import csv
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import emit  # noqa: E402
from bench.generate import DEFAULT_DB, PASSWORD, setup_django  # noqa: E402
from bench.monitored import ensure_round  # noqa: E402

BIN = Path(sys.executable).parent
GOAL_P95_MS = 200
#: The request every page is compared with (see :func:`ratios`).
BASELINE = "baseline (login form)"


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pages(units: int, year: int) -> dict[str, str]:
    """Every page that lists or aggregates, by name, as the province officer opens them.

    ``{system}`` is replaced by a random system of the sample on each request (the locust
    users) or by the first one (:func:`solo`).
    """
    from jixiao.web.orgs.models import Organization
    from jixiao.web.performance.models import Indicator

    root = Organization.objects.get(code=f"BENCH{units}")
    city = Organization.objects.filter(parent=root).order_by("pk").first() or root
    county = Organization.objects.filter(parent=city).order_by("pk").first() or city
    indicator = (
        Indicator.objects.filter(system__organization=county, system__year=year)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    checks = f"/monitoring/orgs/{root.pk}/checks/?year={year}"
    return {
        "home": "/",
        "orgs": "/orgs/",
        "org": f"/orgs/{root.pk}/",
        "systems": "/systems/",
        "system": "/systems/{system}/",
        "results grid": "/systems/{system}/results/",
        "tree": "/systems/{system}/tree/",
        "indicator": f"/indicators/{indicator}/",
        "target review": "/systems/{system}/target-review/",
        "next targets": "/outcomes/systems/{system}/targets/",
        "targets index": f"/outcomes/targets/?year={year}",
        "audit": "/audit/",
        "dashboard": "/dashboard/",
        "dashboard city": f"/dashboard/{city.pk}/?year={year}",
        "score sources": f"/dashboard/{root.pk}/scores/?year={year}",
        "rounds": "/monitoring/",
        "alerts": "/monitoring/alerts/",
        "checks": checks,
        "checks red": f"{checks}&status=red",
        "checks page 5": f"{checks}&page=5",
        "spending checks": f"{checks}&what=spending",
        "county checks": f"/monitoring/orgs/{county.pk}/checks/?year={year}",
        "rankings": f"/outcomes/rankings/?year={year}",
        "pools": "/outcomes/pools/",
        "ledger": "/outcomes/ledger/",
        "pipeline": "/outcomes/pipeline/",
        "disclosure": "/disclosure/",
        "disclosure register": f"/disclosure/{root.pk}/{year}/",
        "disclosure proactive": f"/disclosure/{root.pk}/{year}/proactive/",
        "disclosure reviews": f"/disclosure/{root.pk}/{year}/reviews/",
        "disclosure report": f"/disclosure/{root.pk}/{year}/report/",
        "province export": f"/orgs/{root.pk}/export/",
        "rules": "/rules/",
        "library": "/library/",
        "library offers": "/library/offers/",
        "adjustments": "/adjustments/",
        "api systems": f"/api/systems?year={year}",
        "api checks": f"/api/monitoring/orgs/{root.pk}/checks",
        "api dashboard": f"/api/dashboard/{root.pk}?year={year}",
        # Added for #18: every other page and API list that lists or aggregates.
        "notices": "/notices/",
        "scoring rules": f"/rules/scoring/?org={root.pk}&year={year}",
        "experts": "/experts/",
        "agencies": "/agencies/",
        "system experts": "/systems/{system}/experts/",
        "report draft": "/systems/{system}/report/",
        "imports": "/imports/",
        "api workbench": "/api/workbench",
        "api notices": "/api/notices",
        "api orgs": "/api/orgs",
        "api indicators": "/api/systems/{system}/indicators",
        "api results": "/api/systems/{system}/results",
        "api changes": "/api/changes",
        "api rounds": "/api/monitoring/rounds",
        "api alerts": "/api/monitoring/alerts",
        "api spending": f"/api/monitoring/orgs/{root.pk}/spending",
        "api rankings": f"/api/outcomes/rankings?year={year}",
        "api next targets": "/api/outcomes/systems/{system}/targets",
        "api ledger": "/api/outcomes/ledger",
        "api pools": "/api/outcomes/pools",
        "api proposals": "/api/outcomes/proposals",
        "api requests": f"/api/disclosure/{root.pk}/{year}/requests",
        "api deadlines": f"/api/disclosure/{root.pk}/deadlines",
        "api disclosure report": f"/api/disclosure/{root.pk}/{year}/report",
        "api rules": "/api/rules",
        "api library": "/api/library",
        "api adjustments": "/api/adjustments",
        "api experts": "/api/experts",
        "api agencies": "/api/agencies",
    }


def targets(units: int, year: int, sample: int = 60) -> dict[str, str]:
    """Paths and credentials for the locust users, from the generated province."""
    import json
    import random

    from jixiao.web.orgs.models import Organization
    from jixiao.web.performance.models import IndicatorSystem

    root = Organization.objects.get(code=f"BENCH{units}")
    ensure_round(root, year)
    ids = list(
        IndicatorSystem.objects.filter(year=year, organization__path__startswith=root.path)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    chosen = random.Random(year).sample(ids, min(sample, len(ids)))
    return {
        "BENCH_PAGES": json.dumps(pages(units, year), ensure_ascii=False),
        "BENCH_SYSTEMS": ",".join(str(i) for i in chosen),
        "BENCH_USERNAME": f"bench{units}_officer",
        "BENCH_PASSWORD": PASSWORD,
    }


def repeated(captured: list[dict[str, Any]]) -> int:
    """How often the most frequent statement ran, numbers blanked: an N+1 shows as a large one."""
    import re
    from collections import Counter

    shapes = Counter(re.sub(r"\b\d+\b", "?", q["sql"]) for q in captured)
    return max(shapes.values(), default=0)


def solo(
    env: dict[str, str], repeat: int = 5, only: set[str] | None = None
) -> dict[str, dict[str, Any]]:
    """Each page alone, in this process (Django's test client, no network, no other user).

    The service time of one request is what the load test multiplies: with W workers on C
    cores, 20 users reading a page a second need it well under C / 20 seconds. ``repeated``
    (the most frequent statement's count) points at an N+1. On a shared machine the wall
    time moves with the neighbours; ``cpu_ms`` (this process's CPU, plus the database
    server's when it runs here, :func:`backend_cpu`) is the work the page costs, whatever
    else runs.
    """
    import json
    import statistics

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(get_user_model().objects.get(username=env["BENCH_USERNAME"]))
    system = env["BENCH_SYSTEMS"].split(",")[0]
    out = {}
    for name, template in json.loads(env["BENCH_PAGES"]).items():
        if only and name not in only:
            continue
        path = template.replace("{system}", system)
        client.get(path)  # warm the caches a long-running worker would have
        times, cpu, db_start = [], [], backend_cpu(connection)
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as queries:
                start, start_cpu = time.perf_counter(), time.process_time()
                status = client.get(path).status_code
                times.append((time.perf_counter() - start) * 1000)
                cpu.append((time.process_time() - start_cpu) * 1000)
        db_cpu = (backend_cpu(connection) - db_start) / repeat
        sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
        out[name] = {
            "status": status,
            "median_ms": round(statistics.median(times), 1),
            "cpu_ms": round(statistics.median(cpu) + db_cpu, 1),
            "python_cpu_ms": round(statistics.median(cpu), 1),
            "db_cpu_ms": round(db_cpu, 1),
            "queries": len(queries.captured_queries),
            "repeated": repeated(queries.captured_queries),
            "sql_ms": round(sql_ms, 1),
        }
    return out


def backend_cpu(connection: Any) -> float:
    """CPU milliseconds the database server process of ``connection`` has used so far.

    Read from /proc when PostgreSQL runs on this machine (0 otherwise, and for SQLite, whose
    work is already this process's). Clock ticks are 10 ms: read it around several requests.
    """
    connection.ensure_connection()
    pid = getattr(getattr(connection.connection, "info", None), "backend_pid", None)
    stat = Path(f"/proc/{pid}/stat")
    if not pid or not stat.exists():
        return 0.0
    fields = stat.read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])  # utime, stime
    return ticks * 1000 / os.sysconf("SC_CLK_TCK")


def profile(env: dict[str, str], name: str, top: int = 40) -> str:
    """cProfile of one page read five times: where its time goes, by cumulative time."""
    import cProfile
    import io
    import json
    import pstats

    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=env["BENCH_USERNAME"]))
    path = json.loads(env["BENCH_PAGES"])[name].replace(
        "{system}", env["BENCH_SYSTEMS"].split(",")[0]
    )
    client.get(path)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(5):
        client.get(path)
    profiler.disable()
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats(
        os.environ.get("BENCH_SORT", "cumulative")
    ).print_stats(top)
    return text.getvalue()


def start_server(db_url: str, port: int, workers: int, data_dir: Path) -> subprocess.Popen:
    """``jixiao serve --prod`` in the background; returns once it answers."""
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "JIXIAO_DEBUG": "0",
        "JIXIAO_SECRET_KEY": "bench-only-secret-key-not-for-production",
        "JIXIAO_HTTPS": "0",
        "JIXIAO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "JIXIAO_DATA_DIR": str(data_dir),
        "JIXIAO_DB_CONN_MAX_AGE": "60",
    }
    cmd = [str(BIN / "jixiao"), "serve", "--prod", "--no-demo", "--host", "127.0.0.1"]
    # No import workers: nothing is uploaded, and their polling would take a core's share.
    cmd += ["--port", str(port), "--workers", str(workers), "--import-workers", "0"]
    log = (data_dir / "server.log").open("w")
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {(data_dir / 'server.log').read_text()[-2000:]}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=2)
            return proc
        except OSError:
            time.sleep(0.5)
    proc.terminate()
    raise RuntimeError("server did not answer within 120 s")


def run_locust(port: int, users: int, seconds: int, env: dict[str, str], out: Path) -> Path:
    """locust headless against the server; returns the CSV prefix."""
    prefix = out / "locust"
    cmd = [str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless"]
    # The window is timed by the locustfile from the last login; -t is only a safety stop.
    cmd += ["-u", str(users), "-r", str(users), "-t", f"{seconds + 180}s", "--only-summary"]
    cmd += ["--host", f"http://127.0.0.1:{port}", "--csv", str(prefix), "--stop-timeout", "5"]
    subprocess.run(
        cmd,
        env={**os.environ, **env, "BENCH_USERS": str(users), "BENCH_SECONDS": str(seconds)},
        check=False,
        stdout=(out / "locust.log").open("w"),
        stderr=subprocess.STDOUT,
    )
    return prefix


def read_stats(prefix: Path) -> dict[str, dict[str, Any]]:
    """Per request name: count, failures, median, p95, p99, max (ms), requests/s."""
    rows = {}
    with Path(f"{prefix}_stats.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            rows[row["Name"]] = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "median_ms": _num(row["50%"]),
                "p95_ms": _num(row["95%"]),
                "p99_ms": _num(row["99%"]),
                "max_ms": _num(row["Max Response Time"]),
                "rps": round(float(row["Requests/s"]), 2),
            }
    return rows


def _num(text: str) -> float | None:
    try:
        return round(float(text), 1)
    except ValueError:
        return None


#: Requests that are not pages judged by the goal: the logins, the window mark, the baseline.
NOT_JUDGED = ("login (form)", "login (post)", "window start", "Aggregated", BASELINE)


def goals(stats: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """p95 ≤ 200 ms for every page, and no failures anywhere."""
    out: dict[str, Any] = {}
    for name, row in stats.items():
        if name in NOT_JUDGED:
            continue
        out[f"p95_{name.replace(' ', '_')}"] = bool(
            row["p95_ms"] is not None and row["p95_ms"] <= GOAL_P95_MS
        )
    out["zero_errors"] = all(r["failures"] == 0 for r in stats.values()) and bool(stats)
    return out


def ratios(stats: dict[str, dict[str, Any]]) -> dict[str, float | None]:
    """Each page's p95 as a multiple of the baseline's p95 measured in the same run.

    The baseline is the login form read by the same logged-in users under the same load: a
    template and a session, no data. The ratio says what the page itself costs, whatever the
    machine's other load was during the run.
    """
    base = (stats.get(BASELINE) or {}).get("p95_ms")
    return {
        name: round(row["p95_ms"] / base, 1) if base and row["p95_ms"] is not None else None
        for name, row in stats.items()
        if name not in NOT_JUDGED
    }


def measure(
    db_url: str,
    units: int,
    year: int,
    users: int,
    seconds: int,
    workers: int,
    alone_only: bool | set[str] = False,
) -> dict[str, Any]:
    """Serve, load, read the figures, stop the server.

    ``alone_only``: each page alone only, no load test (a set: those pages only).
    """
    from django.db import connection

    env = targets(units, year)
    vendor = connection.vendor
    alone = solo(env, only=alone_only if isinstance(alone_only, set) else None)
    connection.close()
    if alone_only:
        return {"benchmark": "pages-alone", "database": vendor, "units": units, "solo": alone}
    out = ROOT / "bench" / "results" / f"pages-{vendor}-{units}"
    out.mkdir(parents=True, exist_ok=True)
    if True:  # the server's and locust's logs stay in ``out`` for a reader
        port = free_port()
        server = start_server(db_url, port, workers, out)
        try:
            stats = read_stats(run_locust(port, users, seconds, env, out))
            failures = Path(f"{out / 'locust'}_failures.csv").read_text(encoding="utf-8")
        finally:
            server.terminate()
            server.wait(timeout=30)
    return {
        "benchmark": "pages",
        "database": vendor,
        "units": units,
        "users": users,
        "seconds": seconds,
        "gunicorn_workers": workers,
        "solo": alone,
        "stats": stats,
        "p95_to_baseline": ratios(stats),
        "failures": failures.strip().splitlines()[1:6],
        "goals": goals(stats),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=DEFAULT_DB)
    parser.add_argument("--units", type=int, default=137)
    parser.add_argument("--year", type=int, default=2023)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument(
        "--workers",
        type=int,
        default=2 * (os.cpu_count() or 1) + 1,
        help="gunicorn worker processes (default: gunicorn's advice, 2 × cores + 1)",
    )
    parser.add_argument("--out", help="also write the JSON here")
    parser.add_argument("--alone", action="store_true", help="each page alone, no load test")
    parser.add_argument("--profile", metavar="PAGE", help="print a cProfile of one page and stop")
    parser.add_argument("--only", help="with --alone: these pages only (names, comma-separated)")
    args = parser.parse_args(argv)
    setup_django(args.db, migrate=False)
    if args.profile:
        print(profile(targets(args.units, args.year), args.profile))
        return 0
    data = measure(
        args.db,
        args.units,
        args.year,
        args.users,
        args.seconds,
        args.workers,
        set(args.only.split(",")) if args.alone and args.only else args.alone,
    )
    emit(data, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
