"""Core documents → the bureaus' own tables and reports (.xlsx, .docx, .pdf).

Each kind of document has one layout (``layouts/<kind>.py``) that turns a Document into an
abstract :class:`~jixiao.reports.blocks.Report` (headings, paragraphs, tables with merged
header cells, charts) ONCE; ``xlsx.py``, ``docx.py`` and ``pdf.py`` only render blocks. The
layouts mirror the seeds (same title lines, section headings, header rows and column order,
numbers printed as the seeds print them), so that ``jixiao extract`` reads an export back
into the same indicators, targets, weights, scores, projects and disclosure figures.

Entry points: :func:`export_document` (the CLI's ``export`` and the web's single export) and
:func:`export_workbook` (many units' self-evaluation tables in one workbook, one sheet per
unit, for a province-wide export). Broken input raises :class:`ExportError` with a Chinese
message naming what is wrong (e.g. the disclosure table's consistency rule).
"""

from __future__ import annotations

from collections.abc import Iterable

from jixiao.core.documents import Document
from jixiao.reports.blocks import Output, Report

FORMATS = ("xlsx", "docx", "pdf")


class ExportError(Exception):
    """The document cannot be issued as it stands; the message says why, in Chinese."""


def build_report(doc: Document) -> Report:
    """The blocks of ``doc`` in the layout of its kind (raises ExportError if it must refuse)."""
    from jixiao.reports.layouts import layout_for

    return layout_for(doc.kind)(doc)


def export_document(doc: Document, fmt: str, out: Output) -> None:
    """Write ``doc`` to ``out`` (a path or a binary stream) as ``fmt`` in its own layout."""
    if fmt not in FORMATS:
        raise ExportError(f"不支持的导出格式 {fmt}，可选: {', '.join(FORMATS)}")
    write_report(build_report(doc), fmt, out)


def write_report(report: Report, fmt: str, out: Output) -> None:
    """Render already-built blocks (e.g. ``layouts.work_goals.build_commitments``) as ``fmt``."""
    if fmt not in FORMATS:
        raise ExportError(f"不支持的导出格式 {fmt}，可选: {', '.join(FORMATS)}")
    if fmt == "xlsx":
        from jixiao.reports.xlsx import write_xlsx

        write_xlsx([report], out)
    elif fmt == "docx":
        from jixiao.reports.docx import write_docx

        write_docx(report, out)
    else:
        from jixiao.reports.pdf import write_pdf

        write_pdf(report, out)


def export_workbook(docs: Iterable[Document], out: Output) -> None:
    """Write many documents (e.g. every unit's self-evaluation table) to one workbook.

    One sheet per document, named after its organisation (else its title); a name used twice
    gets a number. Charts are left out: a province-wide workbook is for reading figures.
    """
    from jixiao.reports.xlsx import write_xlsx

    reports = []
    for doc in docs:
        report = build_report(doc)
        report.blocks = [b for b in report.blocks if type(b).__name__ != "Chart"]
        report.title = doc.organization.name or doc.title or report.title
        reports.append(report)
    if not reports:
        raise ExportError("没有可导出的文件")
    write_xlsx(reports, out)
