"""How well JiXiao reads the real documents in tests/ingest/realworld/ (issue 14's measures).

Each document is read with ``extract_file`` (as ``jixiao extract`` does), checked with
``run_checks`` (as ``jixiao check`` does) and scored against what a careful reader recorded
for it (``tests/ingest/realworld/expected/``, scored by ``tests/ingest/realworld/scoring.py``).
Prints a table per document, then the corpus totals; ``--json`` prints the counts instead.
``--html`` also reads the stored ``.html`` pages (a row each, marked ``.html``).
``--set NAME`` reads one named set instead of the corpus (``heldout``, ``heldout2``: the batches
kept apart, ``tests/ingest/realworld/heldout*/``); ``--heldout`` is ``--set heldout``.

Run: ``.venv/bin/python -m bench.realworld [--json] [--html] [--heldout | --set NAME]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.ingest.realworld.expectations import (  # noqa: E402
    SETS,
    Expectation,
    load_set,
)
from tests.ingest.realworld.scoring import DocScore, score, total  # noqa: E402


def score_file(exp: Expectation, path: Path, stem: str) -> DocScore:
    """Extract one file, run the checks on it and score both."""
    from jixiao.core.checks import run_checks
    from jixiao.ingest import IngestError, extract_file

    try:
        doc = extract_file(path)
    except IngestError as exc:
        return score(exp.data, None, [], stem=stem, refused=str(exc))
    return score(exp.data, doc, run_checks(doc), stem=stem)


def run(html: bool = False, heldout: bool = False, name: str = "corpus") -> list[DocScore]:
    """Every document's score in the set ``name`` (and each stored page's, with ``html``);
    ``heldout`` is ``name="heldout"``."""
    scores = []
    for exp in load_set("heldout" if heldout else name):
        scores.append(score_file(exp, exp.document, exp.stem))
        if html and "html" in exp.data:
            scores.append(score_file(exp, exp.folder / exp.data["html"], exp.stem + " (.html)"))
    return scores


def _pct(right: int, of: int) -> str:
    return f"{right}/{of}" if of else "–"


def _f1(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def row(s: DocScore) -> list[str]:
    """One line of the table."""
    kind = "yes" if s.kind_right.right else f"no ({s.found_kind or 'refused'})"
    ind = s.indicators
    return [
        s.stem,
        kind,
        f"{_f1(ind.f1)} ({ind.tp}/{ind.fp}/{ind.fn})" if ind.f1 is not None else "–",
        _pct(s.targets.right, s.targets.total),
        _pct(s.weights_scores.right, s.weights_scores.total),
        _pct(s.totals.right, s.totals.total),
        _pct(s.budget.right, s.budget.total),
        _pct(s.disclosure.right, s.disclosure.total),
        _pct(s.disclosure_blank.right, s.disclosure_blank.total),
        _pct(s.projects.right, s.projects.total),
        _pct(s.errors_found.right, s.errors_found.total),
        _pct(s.errors_warned.right, s.errors_warned.total),
        str(s.false_alarms),
    ]


HEADER = [
    "document",
    "kind right",
    "indicator F1 (tp/fp/fn)",
    "targets",
    "weights & scores",
    "totals",
    "budget cells",
    "disclosure cells",
    "blank cells",
    "project money",
    "errors found",
    "missed, but said as a warning",
    "false alarms",
]


def ratios(s: DocScore) -> dict[str, float | None]:
    """The corpus measures as ratios (what docs/benchmarks.md and the ratchet quote)."""
    return {
        "kind_right": s.kind_right.ratio,
        "indicator_f1": s.indicators.f1,
        "targets_right": s.targets.ratio,
        "weights_scores_right": s.weights_scores.ratio,
        "totals_right": s.totals.ratio,
        "budget_cells_right": s.budget.ratio,
        "disclosure_cells_right": s.disclosure.ratio,
        "blank_cells_right": s.disclosure_blank.ratio,
        "project_money_right": s.projects.ratio,
        "errors_found": s.errors_found.ratio,
        "errors_said_as_warnings": s.errors_warned.ratio,
        "false_alarms": s.false_alarms,
    }


def markdown(scores: list[DocScore]) -> str:
    """The per-document table and the totals, as Markdown."""
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(row(s)) + " |" for s in scores]
    everything = total(scores)
    cells = row(everything)
    cells[0] = "**all**"
    cells[1] = _pct(everything.kind_right.right, everything.kind_right.total)
    lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    parser.add_argument("--html", action="store_true", help="also read the stored .html pages")
    parser.add_argument("--heldout", action="store_true", help="read the held-out documents")
    parser.add_argument("--set", default="corpus", choices=sorted(SETS), help="a named set")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    scores = run(html=args.html, heldout=args.heldout, name=args.set)
    seconds = time.perf_counter() - start
    everything = total(scores)
    if args.json:
        data = {
            "benchmark": "realworld",
            "seconds": round(seconds, 2),
            "documents": [asdict(s) for s in scores],
            "totals": ratios(everything),
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(markdown(scores))
    print()
    for name, value in ratios(everything).items():
        shown = value if value is None or isinstance(value, int) else f"{value:.3f}"
        print(f"{name}: {shown}")
    refused = [s for s in scores if s.refused]
    for s in refused:
        print(f"refused: {s.stem}: {s.refused}")
    print(f"{len(scores)} documents in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
