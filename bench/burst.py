"""Concurrent writers against a running JiXiao: the lost-update and audit check of issue 16.

``burst`` starts ``threads`` workers that each save ``writes`` values into the same result
through the real API (``PUT /api/indicators/<id>/results/<period>``), each with the ETag it
last read as ``If-Match`` (or with none, as an old integration would). A 409 means someone
saved first: the worker reads again and retries, as a person would. ``check`` then proves
what issue 16 asks: no write failed ("database is locked", 5xx), none was lost (every
accepted write has its own version), and the audit log's chain of old → new values has no
gap (each logged old value is the value the write really replaced).

Pure standard library (urllib), so the test suite and ``bench/`` share it.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field


@dataclass
class Tally:
    """What the workers saw."""

    saved: list[str] = field(default_factory=list)  # values the server accepted
    versions: list[int] = field(default_factory=list)  # the version each accepted write made
    conflicts: int = 0  # 409s (stale If-Match): retried
    failures: list[str] = field(default_factory=list)  # anything else: must stay empty
    seconds: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


def _call(url: str, token: str, method: str, body: dict | None, tag: str | None) -> tuple:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Authorization", f"Bearer {token}")
    request.add_header("Content-Type", "application/json")
    if tag:
        request.add_header("If-Match", tag)
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, response.headers.get("ETag"), json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("ETag"), exc.read().decode("utf-8", "replace")


def _worker(url: str, token: str, name: str, writes: int, if_match: bool, tally: Tally) -> None:
    done, attempts = 0, 0
    while done < writes and attempts < writes * 200:
        attempts += 1
        tag = None
        if if_match:
            status, tag, _ = _call(url, token, "GET", None, None)
            if status != 200:
                with tally.lock:
                    tally.failures.append(f"GET {status}")
                return
        value = f"{name}-{done}"
        status, _, body = _call(url, token, "PUT", {"value": value}, tag)
        with tally.lock:
            if status == 200:
                tally.saved.append(value)
                tally.versions.append(int(body["version"]))
                done += 1
            elif status == 409:
                tally.conflicts += 1
            else:
                tally.failures.append(f"PUT {status}: {str(body)[:200]}")
                return
    if done < writes:
        with tally.lock:
            tally.failures.append(f"{name}: only {done} of {writes} saved")


def burst(
    base: str,
    token: str,
    indicator_id: int,
    period_id: int,
    threads: int,
    writes: int,
    if_match: bool = True,
) -> Tally:
    """Run the workers to the end and return what they saw."""
    url = f"{base}/api/indicators/{indicator_id}/results/{period_id}"
    tally = Tally()
    workers = [
        threading.Thread(target=_worker, args=(url, token, f"t{n}", writes, if_match, tally))
        for n in range(threads)
    ]
    start = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    tally.seconds = time.perf_counter() - start
    return tally


def check(tally: Tally, log: list[tuple[str, str]], start_version: int) -> list[str]:
    """Problems with a finished burst (empty when all is well).

    ``log`` is the audit log of the value, oldest first, as (old, new) pairs.
    """
    problems = list(tally.failures)
    expected = sorted(range(start_version + 1, start_version + 1 + len(tally.saved)))
    if sorted(tally.versions) != expected:
        problems.append("versions of accepted writes are not one each: an update was lost")
    if len(log) != len(tally.saved):
        problems.append(f"{len(tally.saved)} writes accepted but {len(log)} logged")
    previous = log[0][0] if log else ""
    for n, (old, new) in enumerate(log):
        if old != previous:
            problems.append(f"log row {n}: old value {old!r}, but {previous!r} was stored")
            break
        previous = new
    if sorted(new for _, new in log) != sorted(tally.saved):
        problems.append("the logged new values are not the accepted values")
    return problems
