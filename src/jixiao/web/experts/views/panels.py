"""Pages of a system's expert review and entrustments, and an expert's own sheet."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from jixiao.core.panels import PanelError
from jixiao.web.cycle.access import system_for
from jixiao.web.cycle.views.conflict import posted_version
from jixiao.web.experts.access import (
    chain_of,
    draw_for,
    entrustment_for,
    require_manage,
    sheet_for,
)
from jixiao.web.experts.agencies import EntrustError, entrust, evaluation_after, rate
from jixiao.web.experts.models import Agency
from jixiao.web.experts.panels import (
    combine,
    draw_panel,
    fill_sheet,
    replays,
    weighted,
)
from jixiao.web.experts.pool import rule_for


@login_required
def system_panels(request: HttpRequest, system_id: int) -> HttpResponse:
    system = system_for(request.user, system_id)
    require_manage(request.user, system.organization)
    if request.method == "POST":
        try:
            count = int(request.POST.get("count") or 0)
        except ValueError:
            count = 0
        try:
            draw_panel(system, request.POST.get("specialty", "")[:200], count, request.user)
        except PanelError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "已随机抽取专家，并为每位专家生成评分表。")
            return redirect("system_panels", system_id=system.pk)
    draws = system.expert_draws.prefetch_related("sheets__expert")
    entrustments = system.entrustments.select_related("agency", "evaluation")
    context = {
        "nav": "systems",
        "system": system,
        "draws": [(d, replays(d)) for d in draws],
        "rule": rule_for(system.organization),
        "agencies": Agency.objects.filter(
            organization__in=chain_of(system.organization), is_active=True
        ),
        "entrustments": [(e, evaluation_after(e)) for e in entrustments],
        "posted": request.POST,
    }
    return render(request, "experts/system.html", context)


@login_required
@require_POST
def combine_draw(request: HttpRequest, draw_id: int) -> HttpResponse:
    draw = draw_for(request.user, draw_id)
    try:
        combine(draw, request.user, posted_version(request))
    except PanelError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "已合成专家评分，计入本次部门评价。")
    return redirect("system_panels", system_id=draw.system_id)


@login_required
@require_POST
def entrust_system(request: HttpRequest, system_id: int) -> HttpResponse:
    system = system_for(request.user, system_id)
    require_manage(request.user, system.organization)
    agency = get_object_or_404(
        Agency.objects.filter(organization__in=chain_of(system.organization)),
        pk=request.POST.get("agency") or 0,
    )
    try:
        entrust(system, agency, request.POST.get("task", "")[:5000], request.user)
    except EntrustError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已委托「{agency.name}」开展第三方评价。")
    return redirect("system_panels", system_id=system.pk)


@login_required
@require_POST
def rate_entrustment(request: HttpRequest, entrustment_id: int) -> HttpResponse:
    entrustment = entrustment_for(request.user, entrustment_id)
    score, opinion = request.POST.get("score", "")[:30], request.POST.get("opinion", "")[:5000]
    try:
        rate(entrustment, score, opinion, request.user, posted_version(request))
    except EntrustError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"已完成对「{entrustment.agency.name}」的执业质量评价。")
    return redirect("system_panels", system_id=entrustment.system_id)


@login_required
def sheet_page(request: HttpRequest, sheet_id: int) -> HttpResponse:
    sheet, mine = sheet_for(request.user, sheet_id)
    system = sheet.draw.system
    if request.method == "POST" and mine:
        scores = {k[6:]: v[:30] for k, v in request.POST.items() if k.startswith("score-")}
        submit = request.POST.get("action") == "submit"
        try:
            fill_sheet(
                sheet,
                scores,
                request.POST.get("opinion", "")[:6000],
                submit,
                request.user,
                posted_version(request),
            )
        except PanelError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "评分表已提交。" if submit else "评分表已保存。")
            return redirect("expert_sheet", sheet_id=sheet.pk)
    rows = [(i, sheet.scores.get(str(i.pk), "")) for i in weighted(system)]
    context = {"nav": "experts", "sheet": sheet, "obj": sheet, "mine": mine}
    context |= {"system": system, "rows": rows}
    return render(request, "experts/sheet.html", context)
