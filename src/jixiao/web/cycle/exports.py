"""A system as a file in the bureaus' own layout (.xlsx .docx .pdf), through jixiao.reports.

Shared by the export page, the API and the province package; the views only add the HTTP.
"""

from __future__ import annotations

import io
from urllib.parse import quote

from jixiao.reports import export_document
from jixiao.web.adapter import document_of
from jixiao.web.performance.models import IndicatorSystem

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def export_bytes(system: IndicatorSystem, fmt: str) -> bytes:
    """The system exported as ``fmt``, written to memory (no temporary file).

    Raises ExportError with a Chinese message when the document cannot be issued.
    """
    out = io.BytesIO()
    export_document(document_of(system), fmt, out)
    return out.getvalue()


def export_name(system: IndicatorSystem, fmt: str) -> str:
    """A file name the bureaus recognise: unit, year, kind."""
    return f"{system.organization.name}{system.year}年{system.get_kind_display()}.{fmt}"


def disposition(name: str) -> str:
    """A Content-Disposition that keeps a Chinese file name in every browser."""
    return f"attachment; filename=\"export\"; filename*=UTF-8''{quote(name)}"
