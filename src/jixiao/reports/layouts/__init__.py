"""One layout per document kind: ``build(doc) -> Report``, written once for all formats."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from jixiao.core.documents import Document
from jixiao.reports.blocks import Report

MODULES = {
    "indicator_system": "jixiao.reports.layouts.indicator_system",
    "self_evaluation": "jixiao.reports.layouts.self_evaluation",
    "evaluation_report": "jixiao.reports.layouts.evaluation_report",
    "disclosure_report": "jixiao.reports.layouts.disclosure_report",
    "work_goals": "jixiao.reports.layouts.work_goals",
}


def layout_for(kind: str) -> Callable[[Document], Report]:
    """The ``build`` function of the layout of ``kind``."""
    from jixiao.reports import ExportError

    if kind not in MODULES:
        raise ExportError(f"未知的文件类型 {kind}")
    build: Callable[[Document], Report] = import_module(MODULES[kind]).build
    return build
