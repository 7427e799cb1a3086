from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from jixiao.web.orgs.models import Organization
from jixiao.web.orgs.permissions import require, visible_orgs
from jixiao.web.performance.models import IndicatorSystem


def visible_systems(user: object):
    """Indicator systems of every organisation the user may see."""
    return IndicatorSystem.objects.filter(organization__in=visible_orgs(user)).select_related(
        "organization"
    )


@login_required
def home(request: HttpRequest) -> HttpResponse:
    systems = visible_systems(request.user).annotate(n=Count("indicators"))[:50]
    orgs = visible_orgs(request.user).annotate(n=Count("systems"))
    return render(
        request, "performance/home.html", {"nav": "home", "systems": systems, "orgs": orgs[:200]}
    )


@login_required
def org_list(request: HttpRequest) -> HttpResponse:
    orgs = visible_orgs(request.user).select_related("parent").annotate(n=Count("systems"))
    return render(request, "performance/org_list.html", {"nav": "orgs", "orgs": orgs})


@login_required
def org_detail(request: HttpRequest, org_id: int) -> HttpResponse:
    org = get_object_or_404(visible_orgs(request.user), pk=org_id)
    require(request.user, "view", org)
    children = org.children.annotate(n=Count("systems"))
    systems = org.systems.annotate(n=Count("indicators"))
    return render(
        request,
        "performance/org_detail.html",
        {
            "nav": "orgs",
            "org": org,
            "children": children,
            "systems": systems,
            "departments": org.departments.all(),
            "ancestors": org.ancestors(),
        },
    )


@login_required
def system_list(request: HttpRequest) -> HttpResponse:
    systems = visible_systems(request.user).annotate(n=Count("indicators"))
    return render(request, "performance/system_list.html", {"nav": "systems", "systems": systems})


@login_required
def system_detail(request: HttpRequest, system_id: int) -> HttpResponse:
    system = get_object_or_404(
        visible_systems(request.user).prefetch_related(
            Prefetch("indicators"), "projects", "budget_lines", "allocations"
        ),
        pk=system_id,
    )
    require(request.user, "view", system.organization)
    return render(
        request,
        "performance/system_detail.html",
        {
            "nav": "systems",
            "system": system,
            "org": system.organization,
            "indicators": system.indicators.all(),
            "projects": system.projects.all(),
            "budget": system.budget_lines.all(),
            "allocations": system.allocations.all(),
        },
    )


def org_of(system: IndicatorSystem) -> Organization:
    """The organisation a system belongs to (for permission checks by callers)."""
    return system.organization
