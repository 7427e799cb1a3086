"""Benchmark 4: page latency under load (goal: p95 ≤ 200 ms per page, zero errors).

Starts ``jixiao serve --prod`` (gunicorn, DEBUG off) on a free loopback port against the
benchmark database, then runs locust headless (bench/locustfile.py: 20 province officers who log
in once and read the dashboard, results grids and the API list with ~1 s between pages), and
reads locust's CSV statistics. Logins are reported but not judged (password hashing is meant to
be slow). The dashboard is ``/dashboard/`` when the monitoring app provides it, else the home page.

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

BIN = Path(sys.executable).parent
GOAL_P95_MS = 200
JUDGED = ("dashboard", "results grid", "api systems")


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def targets(units: int, year: int, sample: int = 60) -> dict[str, str]:
    """Paths and credentials for the locust users, from the generated province."""
    import random

    from django.urls import NoReverseMatch, reverse

    from jixiao.web.orgs.models import Organization
    from jixiao.web.performance.models import IndicatorSystem

    root = Organization.objects.get(code=f"BENCH{units}")
    ids = list(
        IndicatorSystem.objects.filter(year=year, organization__path__startswith=root.path)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    chosen = random.Random(year).sample(ids, min(sample, len(ids)))
    try:
        dashboard = reverse("dashboard")
    except NoReverseMatch:
        dashboard = "/"
    return {
        "BENCH_DASHBOARD": dashboard,
        "BENCH_SYSTEMS": ",".join(str(i) for i in chosen),
        "BENCH_API_LIST": f"/api/systems?year={year}",
        "BENCH_USERNAME": f"bench{units}_officer",
        "BENCH_PASSWORD": PASSWORD,
    }


def solo(env: dict[str, str], repeat: int = 5) -> dict[str, dict[str, Any]]:
    """Each page alone, in this process (Django's test client, no network, no other user).

    The service time of one request is what the load test multiplies: with W workers on C
    cores, 20 users reading a page a second need it well under C / 20 seconds.
    """
    import statistics

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(get_user_model().objects.get(username=env["BENCH_USERNAME"]))
    system = env["BENCH_SYSTEMS"].split(",")[0]
    pages = {
        "dashboard": env["BENCH_DASHBOARD"],
        "results grid": f"/systems/{system}/results/",
        "api systems": env["BENCH_API_LIST"],
    }
    out = {}
    for name, path in pages.items():
        client.get(path)  # warm the caches a long-running worker would have
        times = []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                status = client.get(path).status_code
                times.append((time.perf_counter() - start) * 1000)
        sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
        out[name] = {
            "status": status,
            "median_ms": round(statistics.median(times), 1),
            "queries": len(queries.captured_queries),
            "sql_ms": round(sql_ms, 1),
        }
    return out


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
    cmd += ["--port", str(port), "--workers", str(workers)]
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


def goals(stats: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """p95 ≤ 200 ms per judged page, and no failures anywhere."""
    out: dict[str, Any] = {}
    for name in JUDGED:
        row = stats.get(name)
        out[f"p95_{name.replace(' ', '_')}"] = bool(
            row and row["p95_ms"] is not None and row["p95_ms"] <= GOAL_P95_MS
        )
    out["zero_errors"] = all(r["failures"] == 0 for r in stats.values()) and bool(stats)
    return out


def measure(
    db_url: str, units: int, year: int, users: int, seconds: int, workers: int
) -> dict[str, Any]:
    """Serve, load, read the figures, stop the server."""
    from django.db import connection

    env = targets(units, year)
    vendor = connection.vendor
    alone = solo(env)
    connection.close()
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
        "dashboard": env["BENCH_DASHBOARD"],
        "solo": alone,
        "stats": stats,
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
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--out", help="also write the JSON here")
    args = parser.parse_args(argv)
    setup_django(args.db, migrate=False)
    data = measure(args.db, args.units, args.year, args.users, args.seconds, args.workers)
    emit(data, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
