"""Benchmark: a 1,200-row attachment table written to .docx, directly as XML vs python-docx.

The table is shaped like seed 003's attachment 2 (the indicators of every project): two header
rows with merged titles, then 200 projects of six indicator rows, the project's name merged
down its six rows, nine columns. ``direct`` is ``jixiao.reports.docx.write_docx`` (the table's
XML written in one pass); ``python-docx`` is the same table through python-docx's cell API and
``merge()``, as the writer did before, measured in the same run on the same machine.

    .venv/bin/python bench/bench_docx.py [--rows 1200] [--repeat 3] [--out FILE]
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from bench.common import best_of, emit, machine, ratio
from jixiao.reports.blocks import Merge, Report, Table
from jixiao.reports.docx import write_docx

HEADER = [
    "项目名称",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因",
]
PER_PROJECT = 6
#: The goal of issue #17: the 1,200-row attachment written in at most half a second.
GOAL_SECONDS = 0.5


def attachment(rows: int) -> Report:
    """A report holding one attachment table of ``rows`` body rows (two header rows above)."""
    body = []
    merges = [Merge(0, 0, 1, 0), Merge(0, 1, 0, 3), Merge(0, 4, 0, 5), Merge(0, 6, 0, 7)]
    merges.append(Merge(0, 8, 1, 8))
    for r in range(rows):
        project, k = divmod(r, PER_PROJECT)
        name = f"市场监管专项项目{project + 1}" if k == 0 else ""
        body.append([name, "产出指标", "数量指标", f"检查户次{k + 1}", f"≥{300 + k}户次",
                     f"{310 + k}户次", "5", "5", "" if k % 3 else "按计划完成"])  # fmt: skip
        if k == 0:
            merges.append(Merge(2 + r, 0, 2 + r + PER_PROJECT - 1, 0))
    head = [["项目名称", "指标", "", "", "指标值", "", "分值", "", "偏差原因"], HEADER]
    table = Table(head + body, header_rows=2, merges=merges)
    return Report("附件2 项目绩效指标完成情况", [table], landscape=True)


def through_python_docx(report: Report) -> bytes:
    """The baseline: python-docx's cell API and ``merge()`` for every merged range."""
    from docx import Document
    from docx.shared import Pt

    document = Document()
    (table,) = report.blocks
    grid = document.add_table(rows=len(table.rows), cols=table.width)
    grid.style = "Table Grid"
    rows = grid.rows
    for m in table.merges:
        rows[m.top].cells[m.left].merge(rows[m.bottom].cells[m.right])
    for r, row in enumerate(rows):
        cells = row.cells
        for c, text in enumerate(table.rows[r]):
            if text:
                run = cells[c].paragraphs[0].add_run(text)
                run.font.size = Pt(9)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def directly(report: Report) -> bytes:
    """The writer as shipped: the table's XML written directly."""
    out = io.BytesIO()
    write_docx(report, out)
    return out.getvalue()


def measure(rows: int, repeat: int) -> dict[str, Any]:
    """Both ways on the same table; seconds, and how many times faster the direct way is."""
    report = attachment(rows)
    direct, _ = best_of(lambda: directly(report), repeat)
    baseline, _ = best_of(lambda: through_python_docx(report), max(1, repeat // 2))
    return {
        "rows": rows,
        "cells": rows * len(HEADER),
        "direct_s": round(direct, 3),
        "python_docx_s": round(baseline, 3),
        "python_docx_over_direct": ratio(baseline, direct),
        "goal_s": GOAL_SECONDS,
        "met": direct <= GOAL_SECONDS,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out")
    args = parser.parse_args(argv)
    emit({"machine": machine(), "docx_table": measure(args.rows, args.repeat)}, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
