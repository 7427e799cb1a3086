"""The audit log pages: per organisation (with everything below it), per system, per indicator."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from jixiao.web.cycle.access import indicator_for, system_for
from jixiao.web.cycle.audit import changes_csv
from jixiao.web.cycle.models import Change, periods_for
from jixiao.web.orgs.permissions import require, visible_orgs


def changes_for(request: HttpRequest) -> tuple[object, dict[str, object]]:
    """The changes the request asks for (?org=, ?system=, ?indicator=), scoped to the user."""
    changes = Change.objects.filter(organization__in=visible_orgs(request.user)).select_related(
        "organization", "system", "user"
    )
    scope: dict[str, object] = {}
    if request.GET.get("indicator", "").isdigit():
        scope["indicator"] = indicator_for(request.user, int(request.GET["indicator"]))
        changes = changes.filter(indicator=scope["indicator"])
    elif request.GET.get("system", "").isdigit():
        scope["system"] = system_for(request.user, int(request.GET["system"]))
        changes = changes.filter(system=scope["system"])
    elif request.GET.get("org", "").isdigit():
        org = get_object_or_404(visible_orgs(request.user), pk=int(request.GET["org"]))
        require(request.user, "view", org)
        scope["org"] = org
        changes = changes.filter(organization__path__startswith=org.path)
    return changes, scope


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    changes, scope = changes_for(request)
    page = Paginator(changes, 100).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "cycle/audit.html",
        {"nav": "audit", "page": page, "scope": scope, "query": query.urlencode()},
    )


@login_required
def audit_export(request: HttpRequest) -> HttpResponse:
    changes, _ = changes_for(request)
    response = HttpResponse(changes_csv(changes[:100000]), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="jixiao-changes.csv"'
    return response


@login_required
def indicator_detail(request: HttpRequest, indicator_id: int) -> HttpResponse:
    from jixiao.web.cycle.access import may_edit

    indicator = indicator_for(request.user, indicator_id)
    system = indicator.system
    periods = periods_for(system.year)
    results = {r.period_id: r for r in indicator.results.all()}
    return render(
        request,
        "cycle/indicator.html",
        {
            "nav": "systems",
            "indicator": indicator,
            "system": system,
            "org": system.organization,
            "periods": [(p, results.get(p.pk)) for p in periods],
            "changes": indicator.changes.select_related("user")[:200],
            "editable": may_edit(request.user, system, indicator),
        },
    )
