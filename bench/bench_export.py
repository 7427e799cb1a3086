"""Benchmark: a province-wide export must take under 10 seconds.

A province has about 14 cities and 120 counties; the web system exports every unit's
self-evaluation table into one workbook (one sheet per unit) and the province's evaluation
report. This builds that dataset from the real seeds (002 as every unit's table, renamed per
unit; 003 as the report), then times the exports.

Run: ``.venv/bin/python bench/bench_export.py [--units 134] [--report-format docx]``.
Exit status 1 when the total exceeds the budget.
"""

from __future__ import annotations

import argparse
import copy
import sys
import tempfile
import time
from pathlib import Path

from jixiao.core.documents import Document
from jixiao.ingest import extract_file
from jixiao.reports import export_document, export_workbook

SEEDS = Path(__file__).resolve().parents[1] / "src" / "jixiao" / "demo_data" / "seeds"
BUDGET_SECONDS = 10.0


def province(units: int) -> list[Document]:
    """``units`` self-evaluation documents, one per unit, from seed 002."""
    (path,) = SEEDS.glob("002_*.txt")
    base = extract_file(path)
    docs = []
    for n in range(units):
        doc = copy.deepcopy(base)
        doc.organization.name = f"第{n + 1}县市场监督管理局"
        doc.organization.code = f"{141001 + n}"
        docs.append(doc)
    return docs


def main() -> int:
    """Time the province workbook and the evaluation report; print a line each."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--units", type=int, default=134)
    parser.add_argument("--report-format", default="docx", choices=("xlsx", "docx", "pdf"))
    args = parser.parse_args()
    docs = province(args.units)
    (report_path,) = SEEDS.glob("003_*.txt")
    report = extract_file(report_path)
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        export_workbook(docs, Path(tmp) / "province.xlsx")
        workbook = time.perf_counter() - start
        start = time.perf_counter()
        export_document(report, args.report_format, Path(tmp) / f"report.{args.report_format}")
        evaluation = time.perf_counter() - start
    total = workbook + evaluation
    print(f"workbook of {args.units} self-evaluation tables: {workbook:.2f} s")
    print(f"evaluation report (.{args.report_format}): {evaluation:.2f} s")
    print(f"total: {total:.2f} s (budget {BUDGET_SECONDS:.0f} s)")
    return 0 if total < BUDGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
