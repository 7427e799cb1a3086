"""Benchmark: the hostile uploads of issue #16 against the import's limits, at full size.

Each file is read as the web import reads it (``jixiao.ingest.isolated`` with the default
limits of ``jixiao.web.settings``), each in a fresh process so that the peak memory of its
reading child is its own. Before the limits (issue #16): the 1.2 MB zip bomb peaked at
2.5 GB, the wide zip bomb was accepted after 123 s, the 580,000-row sheet took 16 minutes and
5.6 GB, and a 500-page PDF could not be imported within gunicorn's 30 s.

Run: ``.venv/bin/python bench/bench_import_limits.py [--out FILE]`` (builds its files under
var/bench/imports/ once, about a minute).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import emit, machine  # noqa: E402

FOLDER = ROOT / "var" / "bench" / "imports"
CASES = {
    "zip bomb (.xlsx)": ("bomb.xlsx", lambda p: _heavy().xlsx_bomb(p, megabytes=1200)),
    "wide zip (.docx, 4,000 members)": ("wide.docx", lambda p: _heavy().wide_docx(p, 4000)),
    "580,000-row sheet (.xlsx)": ("rows.xlsx", lambda p: _heavy().long_sheet(p, 580_000)),
    "500-page PDF (seed 002 laid out over 500 pages)": ("pages.pdf", lambda p: _heavy().seed_pdf(p, 500)),
}


def _heavy() -> Any:
    from tests.ingest import heavy

    return heavy


def one(name: str) -> dict[str, Any]:
    """Read one case's file as the web import does; seconds, outcome, the child's peak RSS."""
    from jixiao.ingest import IngestError
    from jixiao.ingest.isolated import Confinement, extract_isolated
    from jixiao.ingest.limits import MB, Limits, Watch

    file_name, build = CASES[name]
    path = FOLDER / file_name
    if not path.exists():
        FOLDER.mkdir(parents=True, exist_ok=True)
        build(path)
    limits = Limits(max_bytes=20 * MB, max_seconds=600)
    start = time.perf_counter()
    try:
        doc = extract_isolated(path, None, Watch(limits=limits), Confinement(seconds=600))
        outcome = f"read: {doc.kind}, {len(doc.indicators)} indicators"
    except IngestError as exc:
        outcome = f"refused: {exc}"
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    return {
        "case": name,
        "file_kb": path.stat().st_size // 1024,
        "seconds": round(seconds, 2),
        "peak_mb": peak,
        "outcome": outcome,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--case", choices=list(CASES))
    parser.add_argument("--out")
    args = parser.parse_args(argv)
    if args.case:
        print(json.dumps(one(args.case), ensure_ascii=False))
        return 0
    rows = []
    for name in CASES:
        run = subprocess.run(
            [sys.executable, __file__, "--case", name],
            capture_output=True,
            text=True,
            check=True,
        )
        rows.append(json.loads(run.stdout.strip().splitlines()[-1]))
    emit({"benchmark": "import_limits", "machine": machine(), "cases": rows}, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
