"""Benchmark: the value readers on adversarial text, at the cap and past it (issue #16).

Before issue #16 the target reader was cubic on a run of Latin letters: ``'a' × 800`` took 2 s
and ``× 1600`` 20 s (a pattern that backtracked over every split of the run). Each reader is
timed here on every adversarial piece of ``tests/core/test_parsers_fuzz.py`` repeated to n
characters, for n and 4n; linear time gives a growth ratio near 4 (quadratic would give 16).
The old pattern is timed in the same run, on the same machine, as the baseline.

Times are CPU seconds of the calling thread (best of three), so that a busy machine's
scheduling does not count. Run: ``.venv/bin/python bench/bench_parsers.py [--out FILE]``.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import emit, machine  # noqa: E402

OLD_CODE_PATTERN = re.compile(r"[A-Za-z]+/?[A-Za-z]*\d+(?:[.\-]\d+)*")


def cpu(call: Callable[[], Any], repeat: int = 3) -> float:
    """Best CPU time of ``repeat`` calls, in seconds; a refusal (ValueError) counts as done."""
    best = float("inf")
    for _ in range(repeat):
        start = time.thread_time()
        with contextlib.suppress(ValueError):
            call()
        best = min(best, time.thread_time() - start)
    return best


def readers() -> dict[str, tuple[Callable[[str], Any], int]]:
    """Each reader with the length it is measured at (its cap; prose readers 10× a cell's)."""
    from jixiao.core.quantities import MAX_VALUE_CHARS
    from jixiao.core.targets import MAX_PROSE_CHARS, find_targets, parse_target

    return {
        "parse_target": (lambda text: parse_target(text, "大于等于", "件"), MAX_VALUE_CHARS),
        "find_targets": (find_targets, MAX_PROSE_CHARS),
    }


def growth(read: Callable[[str], Any], piece: str, n: int) -> dict[str, Any]:
    """Time at n/4 and n characters, and their ratio (4 for linear time)."""
    small = cpu(lambda: read((piece * n)[: n // 4]))
    large = cpu(lambda: read((piece * n)[:n]))
    return {"small_ms": small * 1000, "large_ms": large * 1000, "ratio": large / max(small, 1e-6)}


def main(argv: list[str] | None = None) -> int:
    from tests.core.test_parsers_fuzz import PIECES

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out")
    args = parser.parse_args(argv)
    rows = []
    for name, (read, n) in readers().items():
        measured = {piece: growth(read, piece, n) for piece in PIECES}
        slowest = max(measured, key=lambda p: measured[p]["large_ms"])
        steepest = max(
            measured, key=lambda p: measured[p]["ratio"] if measured[p]["large_ms"] > 1 else 0
        )
        rows.append(
            {
                "reader": name,
                "chars": n,
                "slowest_piece": slowest,
                "slowest_ms": round(measured[slowest]["large_ms"], 1),
                "steepest_piece": steepest,
                "steepest_ratio_4x_chars": round(measured[steepest]["ratio"], 2),
            }
        )
    old = {
        n: cpu(lambda n=n: list(OLD_CODE_PATTERN.finditer("a" * n)), 1) for n in (200, 400, 800)
    }
    baseline = {
        "old pattern 'a'×200 (ms)": round(old[200] * 1000, 1),
        "old pattern 'a'×800 (ms)": round(old[800] * 1000, 1),
        "old ratio 4x chars": round(old[800] / max(old[200], 1e-6), 1),
    }
    emit(
        {"benchmark": "parsers", "machine": machine(), "readers": rows, "baseline": baseline},
        args.out,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
