"""Benchmark 2: extracting the five seeds (goal < 2 s in all) and 10,000 target texts (< 1 s).

The seeds are read with ``jixiao.ingest.extract_file`` as ``jixiao extract`` does. The first
pass in a fresh process (what a user of the CLI waits for, lazy imports and compiled patterns
included) and the best of the following passes are both reported; the goal is judged on the
first. Target texts are the seeds' target and result forms with varied numbers
(:mod:`bench.targets_corpus`), read by ``parse_target`` (cells, the goal) and, for the record,
the goal sentences by ``find_targets``.

Run: ``.venv/bin/python bench/bench_extract.py [--texts 10000]``.
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

from bench.common import best_of, emit  # noqa: E402
from bench.targets_corpus import FORMS, SENTENCES, texts  # noqa: E402

SEEDS = ROOT / "src" / "jixiao" / "demo_data" / "seeds"
SEEDS_GOAL = 2.0
TARGETS_GOAL = 1.0


def extract_seeds() -> dict[str, float]:
    """Seconds per seed for one pass over the five seeds."""
    from jixiao.ingest import extract_file

    out = {}
    for path in sorted(SEEDS.glob("*.txt")):
        start = time.perf_counter()
        doc = extract_file(path)
        out[path.name[:3] + f" {doc.kind}"] = round(time.perf_counter() - start, 3)
    return out


def measure(count: int, repeat: int) -> dict[str, Any]:
    """The seeds cold and warm, then the target texts."""
    start = time.perf_counter()
    first = extract_seeds()
    cold = time.perf_counter() - start
    warm, per_seed = best_of(extract_seeds, repeat)
    from jixiao.core.targets import find_targets, parse_target

    cells = texts(count, FORMS)
    sentences = texts(count, SENTENCES)
    parse_seconds, found = best_of(lambda: sum(len(parse_target(t)) for t in cells), repeat)
    find_seconds, found_in_sentences = best_of(
        lambda: sum(len(find_targets(t)) for t in sentences), 1
    )
    return {
        "benchmark": "extract",
        "seeds": {
            "first_pass": first,
            "first_total": round(cold, 3),
            "warm_total": round(warm, 3),
        },
        "seeds_warm_each": per_seed,
        "targets": {
            "texts": count,
            "parse_target_seconds": round(parse_seconds, 3),
            "targets_found": found,
            "find_targets_seconds": round(find_seconds, 3),
            "sentence_targets_found": found_in_sentences,
        },
        "goals": {
            "seeds_under_2s": cold < SEEDS_GOAL,
            "targets_under_1s": parse_seconds < TARGETS_GOAL,
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", help="also write the JSON here")
    args = parser.parse_args(argv)
    emit(measure(args.texts, args.repeat), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
