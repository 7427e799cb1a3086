from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from jixiao.core.incentives import METHODS
from jixiao.web.cycle.views.conflict import posted_version
from jixiao.web.orgs.models import Organization
from jixiao.web.orgs.permissions import can, require, visible_orgs
from jixiao.web.outcomes import pools
from jixiao.web.outcomes.access import InputError, latest_year, org_for, year_of
from jixiao.web.outcomes.models import IncentivePool, PoolStatus


def pool_for(user: object, pool_id: int, action: str = "view") -> IncentivePool:
    """The pool if the user may see its organisation (404 otherwise) and do ``action``."""
    pool = get_object_or_404(
        IncentivePool.objects.select_related("organization").filter(
            organization__in=visible_orgs(user)
        ),
        pk=pool_id,
    )
    require(user, action, pool.organization)
    return pool


@login_required
def pool_list(request: HttpRequest) -> HttpResponse:
    org = org_for(request.user, request.GET.get("org"))
    year = year_of(request.GET.get("year"), latest_year(org))
    found = IncentivePool.objects.filter(
        organization__in=visible_orgs(request.user).filter(path__startswith=org.path)
    ).select_related("organization")
    units = Organization.objects.filter(path__startswith=org.path, level__in=pools.LEVELS)
    return render(
        request,
        "outcomes/pools.html",
        {
            "nav": "outcomes",
            "tab": "pools",
            "org": org,
            "year": year,
            "pools": found,
            "methods": METHODS.items(),
            "units": units,
            "can_define": can(request.user, "approve", org),
        },
    )


@login_required
@require_POST
def pool_create(request: HttpRequest) -> HttpResponse:
    org = org_for(request.user, request.POST.get("org"), "approve")
    try:
        pool = pools.define_pool(
            org, request.POST.dict(), request.POST.getlist("listed"), request.user
        )
    except InputError as exc:
        messages.error(request, str(exc))
        return redirect(f"{_list_url()}?org={org.pk}")
    messages.success(request, f"已创建资金池「{pool.name}」，请核对分配结果后保存。")
    return redirect("outcomes_pool", pool.pk)


def _list_url() -> str:
    from django.urls import reverse

    return reverse("outcomes_pools")


@login_required
def pool_detail(request: HttpRequest, pool_id: int) -> HttpResponse:
    pool = pool_for(request.user, pool_id)
    table, error = None, ""
    if pool.status == PoolStatus.DRAFT:
        try:
            table = pools.compute(pool)
        except InputError as exc:
            error = str(exc)
    return render(
        request,
        "outcomes/pool.html",
        {
            "nav": "outcomes",
            "tab": "pools",
            "pool": pool,
            "org": pool.organization,
            "table": table,
            "shares": sorted(table.shares, key=lambda s: (-s.amount, s.name)) if table else [],
            "error": error,
            "saved": pools.saved_rows(pool),
            "rule": pool.to_rule().describe(),
            "can_manage": can(request.user, "approve", pool.organization),
        },
    )


@login_required
@require_POST
def pool_save(request: HttpRequest, pool_id: int) -> HttpResponse:
    pool = pool_for(request.user, pool_id, "approve")
    try:
        table = pools.save_allocation(pool, request.user, posted_version(request))
    except InputError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已保存分配结果：共分配 {table.allocated:,} 元。")
    return redirect("outcomes_pool", pool.pk)


@login_required
@require_POST
def pool_approve(request: HttpRequest, pool_id: int) -> HttpResponse:
    pool = pool_for(request.user, pool_id, "approve")
    try:
        pools.approve(pool, request.user, posted_version(request))
    except InputError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "分配结果已审定。")
    return redirect("outcomes_pool", pool.pk)


@login_required
def pool_export(request: HttpRequest, pool_id: int) -> HttpResponse:
    from jixiao.web.outcomes.exports import pool_xlsx

    pool = pool_for(request.user, pool_id)
    data = pool_xlsx(pool)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    name = f"{pool.year}年{pool.name}分配表.xlsx"
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response
