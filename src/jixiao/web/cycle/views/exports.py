"""Export a system in the bureaus' own layout (.xlsx .docx .pdf), through jixiao.reports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from jixiao.core.exchange import ExchangeError
from jixiao.reports import ExportError
from jixiao.web.cycle.access import system_for
from jixiao.web.cycle.exports import CONTENT_TYPES, disposition, export_bytes, export_name


@login_required
def export_system(request: HttpRequest, system_id: int, fmt: str) -> HttpResponse:

    system = system_for(request.user, system_id)
    if fmt not in CONTENT_TYPES:
        raise Http404("不支持的导出格式。")
    try:
        data = export_bytes(system, fmt)
    except (ExportError, ExchangeError) as exc:
        messages.error(request, f"无法导出：{exc}")
        return redirect("system_detail", system.pk)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = disposition(export_name(system, fmt))
    return response
