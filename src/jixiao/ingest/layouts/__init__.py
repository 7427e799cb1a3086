"""Layout parsers: one module per document kind, each ``parse(lines) -> Document``."""

from __future__ import annotations

from importlib import import_module

from jixiao.core.documents import Document
from jixiao.ingest.lines import Lines

MODULES = {
    "indicator_system": "jixiao.ingest.layouts.indicator_system",
    "self_evaluation": "jixiao.ingest.layouts.self_evaluation",
    "evaluation_report": "jixiao.ingest.layouts.evaluation_report",
    "disclosure_report": "jixiao.ingest.layouts.disclosure_report",
    "work_goals": "jixiao.ingest.layouts.work_goals",
}


def parse_layout(kind: str, lines: Lines) -> Document:
    """Parse ``lines`` with the layout of ``kind``; reader warnings are carried over."""
    doc: Document = import_module(MODULES[kind]).parse(lines)
    doc.warnings = [*lines.warnings, *doc.warnings]
    return doc
