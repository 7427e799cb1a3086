"""API route of the province-wide export (one unit or a whole province at once)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.errors import HttpError

from jixiao.web.api.paging import year_query
from jixiao.web.orgs.permissions import require, visible_orgs

router = Router(tags=["汇总导出"])
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",
}


@router.get(
    "/orgs/{org_id}/export",
    summary="汇总导出：本单位及下级单位的自评表工作簿（xlsx），或连同评价报告打包（zip）",
)
def export_org(request: HttpRequest, org_id: int, year: int = year_query(required=True), fmt: str = "xlsx") -> Any:
    from jixiao.reports import ExportError
    from jixiao.web.cycle import province

    org = get_object_or_404(visible_orgs(request.user), pk=org_id)
    require(request.user, "view", org)
    if fmt not in CONTENT_TYPES:
        raise HttpError(400, f"不支持的导出格式 {fmt}，可选：xlsx、zip")
    build = province.workbook_bytes if fmt == "xlsx" else province.package_bytes
    try:
        data = build(request.user, org, year)
    except ExportError as exc:
        raise HttpError(400, f"无法导出：{exc}") from exc
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="org-{org.pk}-{year}.{fmt}"'
    return response
