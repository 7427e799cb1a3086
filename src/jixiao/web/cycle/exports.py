"""A system as a file in the bureaus' own layout (.xlsx .docx .pdf), through jixiao.reports.

Shared by the export page, the API and the province package; the views only add the HTTP.
"""

from __future__ import annotations

import io
from urllib.parse import quote

from jixiao.core.exchange import Codes, load_mapping, to_tables
from jixiao.reports import export_document
from jixiao.reports.exchange import write_xlsx as write_exchange_xlsx
from jixiao.web.adapter import document_of
from jixiao.web.performance.models import IndicatorSystem

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "yitihua": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def export_bytes(system: IndicatorSystem, fmt: str) -> bytes:
    """The system exported as ``fmt``, written to memory (no temporary file).

    Raises ExportError with a Chinese message when the document cannot be issued.
    """
    if fmt == "yitihua":
        return exchange_bytes(system)
    out = io.BytesIO()
    export_document(document_of(system), fmt, out)
    return out.getvalue()


def exchange_bytes(system: IndicatorSystem) -> bytes:
    """The system as the 预算管理一体化 tables (部门整体 for targets), one sheet per table."""
    doc = document_of(system)
    mapping = load_mapping()
    code = system.organization.code
    codes = Codes({"AGENCY_CODE": code, "DEPT_CODE": code} if code else {})
    level = "project" if doc.kind == "self_evaluation" else "dept"
    tables = to_tables(doc, mapping, codes, level)
    out = io.BytesIO()
    write_exchange_xlsx(
        tables, {t.name: t.headings() for t in mapping.tables if t.name in tables}, out
    )
    return out.getvalue()


def export_name(system: IndicatorSystem, fmt: str) -> str:
    """A file name the bureaus recognise: unit, year, kind."""
    stem = f"{system.organization.name}{system.year}年{system.get_kind_display()}"
    return f"{stem}（一体化交换表）.xlsx" if fmt == "yitihua" else f"{stem}.{fmt}"


def disposition(name: str) -> str:
    """A Content-Disposition that keeps a Chinese file name in every browser."""
    return f"attachment; filename=\"export\"; filename*=UTF-8''{quote(name)}"
