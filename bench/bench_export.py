"""Benchmark 3: the province-wide export must take under 10 seconds (issue 7).

From the generated province in the database: every unit's 部门整体支出 self-evaluation table in
one workbook (``jixiao.reports.province.province_workbook`` when task F's function is there,
else ``jixiao.reports.export_workbook``), and the province's evaluation report (its 30 project
systems as one ``evaluation_report`` document shaped like seed 003: projects and money, six
indicators per project, allocations to every unit below) as .docx. Timed in three parts: reading the documents from the database
(``jixiao.web.adapter.document_of`` with prefetching, as the web export does), the workbook, the report.

Run: ``.venv/bin/python bench/bench_export.py --db URL --units 137 [--report-format docx]``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import emit  # noqa: E402
from bench.generate import DEFAULT_DB, setup_django  # noqa: E402

BUDGET_SECONDS = 10.0
RELATED = ("indicators", "projects", "budget_lines", "allocations")
#: Seed 003 reports 186 indicators for 33 projects: about six per project.
PER_PROJECT = 6


def unit_documents(root: Any, year: int) -> list[Any]:
    """Every unit's overall (self-evaluation) system of ``year`` as a core Document."""
    from jixiao.web.adapter import document_of
    from jixiao.web.performance.models import IndicatorSystem

    systems = (
        IndicatorSystem.objects.filter(
            year=year, kind="overall", organization__path__startswith=root.path
        )
        .select_related("organization")
        .prefetch_related(*RELATED)
        .order_by("organization__path")
    )
    return [document_of(s) for s in systems]


def province_report(root: Any, year: int) -> Any:
    """The province's evaluation report: its project systems merged into one document.

    Shaped like seed 003: every project's money, six indicators per project (~180 rows),
    the allocations to every unit below.
    """
    from jixiao.core.documents import document_from_dict, document_to_dict
    from jixiao.web.adapter import document_of
    from jixiao.web.performance.models import IndicatorSystem

    systems = (
        IndicatorSystem.objects.filter(year=year, organization=root)
        .select_related("organization")
        .prefetch_related(*RELATED)
        .order_by("kind", "pk")
    )
    parts = [document_to_dict(document_of(s)) for s in systems]
    overall = next(p for p in parts if p["kind"] == "self_evaluation")
    projects = [p for p in parts if p["kind"] == "evaluation_report"]
    merged = {
        **projects[0],
        "title": f"{root.name}{year}年度专项资金绩效评价报告",
        "indicators": [i for p in projects for i in p["indicators"][:PER_PROJECT]],
        "projects": [x for p in projects for x in p["projects"]],
        "allocations": overall["allocations"],
        "totals": {"weight": 100, "reported_score": overall["totals"].get("reported_score")},
    }
    return document_from_dict(merged)


def write_workbook(docs: list[Any], out: Path, title: str) -> str:
    """The province workbook with task F's function if present; returns which one ran."""
    try:
        from jixiao.reports.province import province_workbook
    except ImportError:
        from jixiao.reports import export_workbook

        export_workbook(docs, out)
        return "jixiao.reports.export_workbook"
    out.write_bytes(province_workbook(docs, title))
    return "jixiao.reports.province.province_workbook"


def measure(units: int, year: int, fmt: str) -> dict[str, Any]:
    """Time reading, the workbook and the report; sizes of what was written."""
    from jixiao.reports import export_document
    from jixiao.web.orgs.models import Organization

    root = Organization.objects.get(code=f"BENCH{units}")
    start = time.perf_counter()
    docs = unit_documents(root, year)
    report = province_report(root, year)
    read = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "province.xlsx"
        start = time.perf_counter()
        used = write_workbook(docs, book, f"{root.name}{year}年度部门整体支出绩效自评汇总")
        workbook = time.perf_counter() - start
        doc_out = Path(tmp) / f"report.{fmt}"
        start = time.perf_counter()
        export_document(report, fmt, doc_out)
        evaluation = time.perf_counter() - start
        sizes = {"workbook_bytes": book.stat().st_size, "report_bytes": doc_out.stat().st_size}
    total = read + workbook + evaluation
    from django.db import connection

    return {
        "benchmark": "export",
        "database": connection.vendor,
        "units": units,
        "year": year,
        "sheets": len(docs),
        "report_indicators": len(report.indicators),
        "report_projects": len(report.projects),
        "workbook_function": used,
        "report_format": fmt,
        "seconds": {
            "read": round(read, 3),
            "workbook": round(workbook, 3),
            "report": round(evaluation, 3),
            "total": round(total, 3),
        },
        **sizes,
        "goals": {"under_10s": total < BUDGET_SECONDS},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=DEFAULT_DB)
    parser.add_argument("--units", type=int, default=137)
    parser.add_argument("--year", type=int, default=2023)
    parser.add_argument("--report-format", default="docx", choices=("xlsx", "docx", "pdf"))
    parser.add_argument("--out", help="also write the JSON here")
    args = parser.parse_args(argv)
    setup_django(args.db, migrate=False)
    data = measure(args.units, args.year, args.report_format)
    emit(data, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
