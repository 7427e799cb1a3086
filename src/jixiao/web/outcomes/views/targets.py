from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jixiao.web.cycle.access import indicator_for, system_for, visible_systems
from jixiao.web.cycle.views.conflict import posted_version
from jixiao.web.orgs.permissions import can, department_ids
from jixiao.web.outcomes.access import InputError, latest_year, org_for, year_of
from jixiao.web.outcomes.models import TargetSuggestion
from jixiao.web.outcomes.targets import save_target, suggestion_for
from jixiao.web.paging import other_pages, page_of
from jixiao.web.performance.models import Indicator, IndicatorSystem


def may_set(user: object, indicator: Indicator) -> bool:
    """The unit's editors set next year's targets; a clerk only for their department's rows."""
    org = indicator.system.organization
    if not can(user, "edit", org):
        return False
    limits = department_ids(user, org)
    return limits is None or indicator.department_id in limits


@login_required
def suggestions(request: HttpRequest, system_id: int) -> HttpResponse:
    system: IndicatorSystem = system_for(request.user, system_id)
    saved = {
        t.indicator_id: t
        for t in TargetSuggestion.objects.filter(indicator__system=system, year=system.year + 1)
    }
    rows = [
        (i, suggestion_for(i), saved.get(i.pk), may_set(request.user, i))
        for i in system.indicators.select_related("system__organization")
    ]
    return render(
        request,
        "outcomes/suggestions.html",
        {
            "nav": "outcomes",
            "tab": "suggestions",
            "system": system,
            "org": system.organization,
            "next_year": system.year + 1,
            "rows": rows,
        },
    )


@login_required
@require_POST
def save_suggestion(request: HttpRequest, indicator_id: int) -> HttpResponse:
    indicator = indicator_for(request.user, indicator_id)
    if not may_set(request.user, indicator):
        raise PermissionDenied("您没有权限确定该指标的下年目标。")
    try:
        save_target(
            indicator,
            request.POST.get("value", ""),
            request.POST.get("reason", ""),
            request.user,
            posted_version(request),
        )
    except InputError as exc:
        messages.error(request, f"「{indicator.name[:30]}」：{exc}")
    else:
        messages.success(request, f"已保存「{indicator.name[:30]}」的下年目标。")
    return redirect(f"{_url(indicator.system_id)}#ind-{indicator.pk}")


def _url(system_id: int) -> str:
    from django.urls import reverse

    return reverse("outcomes_suggestions", args=[system_id])


@login_required
def target_index(request: HttpRequest) -> HttpResponse:
    org = org_for(request.user, request.GET.get("org"))
    year = year_of(request.GET.get("year"), latest_year(org))
    systems = visible_systems(request.user).filter(
        organization__path__startswith=org.path, year=year
    )
    context = {"nav": "outcomes", "tab": "suggestions", "org": org, "year": year}
    context |= {"page": page_of(request, systems), "query": other_pages(request)}
    return render(request, "outcomes/target_index.html", context)
