"""Export a system in the bureaus' own layout (.xlsx .docx .pdf), through jixiao.reports."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from jixiao.web.cycle.access import system_for
from jixiao.web.performance.models import IndicatorSystem

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "yitihua": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def export_bytes(system: IndicatorSystem, fmt: str) -> bytes:
    """The system exported as ``fmt``; raises ExportError with a Chinese message."""
    from jixiao.reports import export_document

    if fmt == "yitihua":
        return exchange_bytes(system)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / f"export.{fmt}"
        export_document(system.to_core(), fmt, out)
        return out.read_bytes()


def exchange_bytes(system: IndicatorSystem) -> bytes:
    """The system as the 预算管理一体化 tables (部门整体 for targets), one sheet per table."""
    import io

    from jixiao.core.exchange import Codes, load_mapping, to_tables
    from jixiao.reports.exchange import write_xlsx

    doc = system.to_core()
    mapping = load_mapping()
    code = system.organization.code
    codes = Codes({"AGENCY_CODE": code, "DEPT_CODE": code} if code else {})
    level = "project" if doc.kind == "self_evaluation" else "dept"
    tables = to_tables(doc, mapping, codes, level)
    out = io.BytesIO()
    write_xlsx(tables, {t.name: t.headings() for t in mapping.tables if t.name in tables}, out)
    return out.getvalue()


def export_name(system: IndicatorSystem, fmt: str) -> str:
    """A file name the bureaus recognise: unit, year, kind."""
    stem = f"{system.organization.name}{system.year}年{system.get_kind_display()}"
    return f"{stem}（一体化交换表）.xlsx" if fmt == "yitihua" else f"{stem}.{fmt}"


@login_required
def export_system(request: HttpRequest, system_id: int, fmt: str) -> HttpResponse:
    from jixiao.core.exchange import ExchangeError
    from jixiao.reports import ExportError

    system = system_for(request.user, system_id)
    if fmt not in CONTENT_TYPES:
        raise Http404("不支持的导出格式。")
    try:
        data = export_bytes(system, fmt)
    except (ExportError, ExchangeError) as exc:
        messages.error(request, f"无法导出：{exc}")
        return redirect("system_detail", system.pk)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = _disposition(export_name(system, fmt))
    return response


def _disposition(name: str) -> str:
    from urllib.parse import quote

    return f"attachment; filename=\"export\"; filename*=UTF-8''{quote(name)}"
