"""The province-wide export page: pick a year, see what is included, download."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from jixiao.core.bounds import year_from
from jixiao.web.cycle import province
from jixiao.web.cycle.exports import CONTENT_TYPES, disposition
from jixiao.web.orgs.models import Organization
from jixiao.web.orgs.permissions import require, visible_orgs
from jixiao.web.paging import other_pages, page_of
from jixiao.web.performance.models import SystemKind

ZIP = "application/zip"


def _org(request: HttpRequest, org_id: int) -> Organization:
    org = get_object_or_404(visible_orgs(request.user), pk=org_id)
    require(request.user, "view", org)
    return org


@login_required
def province_export(request: HttpRequest, org_id: int) -> HttpResponse:
    org = _org(request, org_id)
    years = province.years_of(request.user, org)
    chosen = request.GET.get("year", "")
    year = year_from(chosen) or (years[0] if years else None)
    context = {
        "nav": "orgs",
        "org": org,
        "years": years,
        "year": year,
        "tables": province.scope(request.user, org, year or 0, SystemKind.OVERALL),
        "reports": page_of(
            request, province.scope(request.user, org, year or 0, SystemKind.PROJECT)
        ),
        "query": other_pages(request),
    }
    return render(request, "cycle/province_export.html", context)


@login_required
def province_download(request: HttpRequest, org_id: int, year: int, fmt: str) -> HttpResponse:
    from jixiao.reports import ExportError

    org = _org(request, org_id)
    if fmt not in ("xlsx", "zip"):
        raise Http404("不支持的导出格式。")
    try:
        if fmt == "xlsx":
            data = province.workbook_bytes(request.user, org, year)
        else:
            data = province.package_bytes(request.user, org, year)
    except ExportError as exc:
        messages.error(request, f"无法导出：{exc}")
        return redirect(f"{_page(org)}?year={year}")
    response = HttpResponse(data, content_type=CONTENT_TYPES["xlsx"] if fmt == "xlsx" else ZIP)
    name = province.workbook_title(org, year) if fmt == "xlsx" else f"{org.name}{year}年度绩效导出"
    response["Content-Disposition"] = disposition(f"{name}.{fmt}")
    return response


def _page(org: Organization) -> str:
    from django.urls import reverse

    return reverse("province_export", args=[org.pk])
