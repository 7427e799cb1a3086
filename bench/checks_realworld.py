"""How many of the errors a careful reader finds in the real documents the checks report.

Reads every document of ``tests/ingest/realworld/`` with ``extract_file``, runs ``run_checks``
and matches the findings against the reader's ``errors`` (the matching rule of
``tests/ingest/realworld/scoring.py``: the same printed value, and the same expected value or
a cell named). Prints, by the issue's classes and by document: errors and warnings found of
those listed, notes found, false alarms (findings of severity error that match nothing the
reader wrote down) and other warnings, then each error missed with the reader's note.

Run: ``.venv/bin/python -m bench.checks_realworld [--json] [--heldout | --set NAME]`` (a named
set of ``tests/ingest/realworld/expectations.py``'s ``SETS``; ``--heldout`` is ``--set heldout``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.ingest.realworld.expectations import SETS, load_set  # noqa: E402
from tests.ingest.realworld.scoring import matches  # noqa: E402


@dataclass
class Tally:
    """Counts for one class or one document."""

    listed: int = 0
    found: int = 0
    notes_listed: int = 0
    notes_found: int = 0
    false_alarms: int = 0
    other_warnings: int = 0
    missed: list[str] = field(default_factory=list)


def _findings(path: Path) -> list[Any] | None:
    from jixiao.core.checks import run_checks
    from jixiao.ingest import IngestError, extract_file

    try:
        return run_checks(extract_file(path))
    except IngestError:
        return None


def measure(
    heldout: bool = False, name: str = "corpus"
) -> tuple[dict[str, Tally], dict[str, Tally]]:
    """(by class, by document) tallies over one named set (the corpus by default)."""
    by_class: dict[str, Tally] = defaultdict(Tally)
    by_doc: dict[str, Tally] = defaultdict(Tally)
    for exp in load_set("heldout" if heldout else name):
        findings = _findings(exp.document) or []
        used: set[int] = set()
        for error in exp.data["errors"]:
            hit = next(
                (n for n, f in enumerate(findings) if n not in used and matches(error, f)), None
            )
            if hit is not None:
                used.add(hit)
            for tally in (by_class[error["class"]], by_doc[exp.stem]):
                if error["severity"] == "info":
                    tally.notes_listed += 1
                    tally.notes_found += hit is not None
                    continue
                tally.listed += 1
                tally.found += hit is not None
                if hit is None:
                    tally.missed.append(f"{exp.stem}: {error['note']}")
        for n, finding in enumerate(findings):
            if n in used:
                continue
            tally = by_doc[exp.stem]
            tally.false_alarms += finding.severity == "error"
            tally.other_warnings += finding.severity == "warning"
    return dict(by_class), dict(by_doc)


def _total(tallies: dict[str, Tally]) -> Tally:
    out = Tally()
    for t in tallies.values():
        out.listed += t.listed
        out.found += t.found
        out.notes_listed += t.notes_listed
        out.notes_found += t.notes_found
        out.false_alarms += t.false_alarms
        out.other_warnings += t.other_warnings
    return out


def _table(title: str, tallies: dict[str, Tally], alarms: bool) -> list[str]:
    head = f"| {title} | errors and warnings found | notes found |"
    head += " false alarms | other warnings |" if alarms else ""
    lines = [head, "|---|---|---|" + ("---|---|" if alarms else "")]
    for name, t in sorted(tallies.items()):
        if not (t.listed or t.notes_listed or t.false_alarms or t.other_warnings):
            continue
        row = f"| {name} | {t.found}/{t.listed} | {t.notes_found}/{t.notes_listed} |"
        row += f" {t.false_alarms} | {t.other_warnings} |" if alarms else ""
        lines.append(row)
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    parser.add_argument("--heldout", action="store_true", help="the held-out documents")
    parser.add_argument("--set", default="corpus", choices=sorted(SETS), help="a named set")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    by_class, by_doc = measure(heldout=args.heldout, name=args.set)
    seconds = time.perf_counter() - start
    total = _total(by_doc)
    if args.json:
        data = {
            "benchmark": "checks_realworld",
            "seconds": round(seconds, 2),
            "found": total.found,
            "listed": total.listed,
            "false_alarms": total.false_alarms,
            "by_class": {k: [v.found, v.listed] for k, v in sorted(by_class.items())},
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print("\n".join(_table("class", by_class, alarms=False)))
    print()
    print("\n".join(_table("document", by_doc, alarms=True)))
    print()
    share = total.found / total.listed if total.listed else 0.0
    print(f"errors and warnings found: {total.found}/{total.listed} ({share:.0%})")
    print(f"notes found: {total.notes_found}/{total.notes_listed}")
    print(f"false alarms: {total.false_alarms}; other warnings: {total.other_warnings}")
    for missed in (m for t in by_doc.values() for m in t.missed):
        print(f"missed: {missed}")
    print(f"{len(by_doc)} documents in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
