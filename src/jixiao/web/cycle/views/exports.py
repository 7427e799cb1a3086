"""Export a system in the bureaus' own layout (.xlsx .docx .pdf), through jixiao.reports."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from jixiao.web.adapter import document_of
from jixiao.web.cycle.access import system_for
from jixiao.web.performance.models import IndicatorSystem

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def export_bytes(system: IndicatorSystem, fmt: str) -> bytes:
    """The system exported as ``fmt``; raises ExportError with a Chinese message."""
    from jixiao.reports import export_document

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / f"export.{fmt}"
        export_document(document_of(system), fmt, out)
        return out.read_bytes()


def export_name(system: IndicatorSystem, fmt: str) -> str:
    """A file name the bureaus recognise: unit, year, kind."""
    return f"{system.organization.name}{system.year}年{system.get_kind_display()}.{fmt}"


@login_required
def export_system(request: HttpRequest, system_id: int, fmt: str) -> HttpResponse:
    from jixiao.reports import ExportError

    system = system_for(request.user, system_id)
    if fmt not in CONTENT_TYPES:
        raise Http404("不支持的导出格式。")
    try:
        data = export_bytes(system, fmt)
    except ExportError as exc:
        messages.error(request, f"无法导出：{exc}")
        return redirect("system_detail", system.pk)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = _disposition(export_name(system, fmt))
    return response


def _disposition(name: str) -> str:
    from urllib.parse import quote

    return f"attachment; filename=\"export\"; filename*=UTF-8''{quote(name)}"
