from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Page
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from jixiao.core.bounds import year_from
from jixiao.web.adapter import stored_sheet
from jixiao.web.cycle.access import may_edit, visible_systems
from jixiao.web.cycle.evaluations import may_evaluate
from jixiao.web.cycle.models import Action, EvaluationKind
from jixiao.web.cycle.workflow import available_actions, errors_in, held_back, last_findings
from jixiao.web.orgs.models import Organization
from jixiao.web.orgs.permissions import require, visible_orgs
from jixiao.web.paging import SYSTEM_DOCUMENT, other_pages, page_of, with_indicator_counts
from jixiao.web.performance.models import IndicatorSystem

__all__ = ["visible_systems"]


@login_required
def org_list(request: HttpRequest) -> HttpResponse:
    orgs = visible_orgs(request.user).select_related("parent").annotate(n=Count("systems"))
    return render(request, "performance/org_list.html", {"nav": "orgs", "orgs": orgs})


def systems_page(request: HttpRequest, systems: Any) -> Page:
    """A page of ``systems`` (``?year=`` narrows it to one year) with indicator counts."""
    year = year_from(request.GET.get("year"))
    if year is not None:
        systems = systems.filter(year=year)
    return with_indicator_counts(page_of(request, systems))


def own_systems(request: HttpRequest, org: Organization) -> Page:
    """The unit's own systems of every year, paged by ``?own=`` (those below by ``?page=``).

    A unit keeps its systems year after year; listed whole, the page grew with its history.
    Ordered as the model orders them (the unit fixed), the key breaking ties across pages.
    """
    rows = org.systems.defer(*SYSTEM_DOCUMENT).order_by("-year", "kind", "pk")
    return with_indicator_counts(page_of(request, rows, param="own"))


@login_required
def org_detail(request: HttpRequest, org_id: int) -> HttpResponse:
    org = get_object_or_404(visible_orgs(request.user), pk=org_id)
    require(request.user, "view", org)
    below = (
        visible_systems(request.user)
        .filter(organization__path__startswith=org.path)
        .exclude(organization=org)
    )
    return render(
        request,
        "performance/org_detail.html",
        {
            "nav": "orgs",
            "org": org,
            "children": org.children.annotate(n=Count("systems")),
            "own": own_systems(request, org),
            "own_query": other_pages(request, "own"),
            "page": systems_page(request, below),
            "query": other_pages(request),
            "departments": org.departments.all(),
            "ancestors": org.ancestors(),
        },
    )


@login_required
def system_list(request: HttpRequest) -> HttpResponse:
    page = systems_page(request, visible_systems(request.user))
    context = {"nav": "systems", "page": page, "systems": page, "query": other_pages(request)}
    return render(request, "performance/system_list.html", context)


def score_summary(system: IndicatorSystem) -> dict[str, Any] | None:
    """The stored total with the core's trace (never computed here), or None when unscored."""
    if system.score_total is None:
        return None
    return stored_sheet(system)


@login_required
def system_detail(request: HttpRequest, system_id: int) -> HttpResponse:
    system = get_object_or_404(
        visible_systems(request.user).prefetch_related(
            Prefetch("indicators"), "projects", "budget_lines", "allocations"
        ),
        pk=system_id,
    )
    require(request.user, "view", system.organization)
    findings = last_findings(system)
    context = {
        "nav": "systems",
        "tab": "system",
        "system": system,
        "org": system.organization,
        "indicators": system.indicators.all(),
        "projects": system.projects.all(),
        "budget": system.budget_lines.all(),
        "allocations": system.allocations.all(),
        "actions": [
            {"code": a, "label": Action(a).label} for a in available_actions(request.user, system)
        ],
        "held_back": held_back(request.user, system),
        "transitions": system.transitions.select_related("user"),
        "findings": findings,
        "finding_errors": errors_in(findings),
        "editable": may_edit(request.user, system),
        "score": score_summary(system),
        "evaluations": system.evaluations.select_related("evaluator"),
        "evaluation_kinds": [
            (k, label)
            for k, label in EvaluationKind.choices
            if may_evaluate(request.user, k, system)
        ],
    }
    return render(request, "performance/system_detail.html", context)


def org_of(system: IndicatorSystem) -> Organization:
    """The organisation a system belongs to (for permission checks by callers)."""
    return system.organization
