"""Building a system from the library, with reference values beside each target."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jixiao.web.cycle.access import may_edit, system_for
from jixiao.web.library.adapter import province_of, references, run_review
from jixiao.web.library.building import (
    BuildError,
    copy_last_year,
    last_year_system,
    pick,
    recommend,
)
from jixiao.web.library.models import LibraryIndicator


@login_required
def build(request: HttpRequest, system_id: int) -> HttpResponse:
    system = system_for(request.user, system_id)
    function = request.GET.get("function", "").strip()[:100]
    fund_use = request.GET.get("fund_use", "").strip()[:100]
    refs = references(system)
    rows = [(ind, refs.get(ind.pk)) for ind in system.indicators.all()]
    context = {
        "nav": "systems",
        "tab": "build",
        "system": system,
        "org": system.organization,
        "editable": may_edit(request.user, system),
        "recommended": recommend(system, function, fund_use)[:200],
        "function": function,
        "fund_use": fund_use,
        "rows": rows,
        "last_year": last_year_system(system),
        "checks": run_review(system) if rows else [],
    }
    return render(request, "library/build.html", context)


@login_required
@require_POST
def pick_entries(request: HttpRequest, system_id: int) -> HttpResponse:
    system = system_for(request.user, system_id, "edit")
    ids = [int(x) for x in request.POST.getlist("entry") if x.isdigit()][:500]
    entries = LibraryIndicator.objects.filter(
        organization=province_of(system.organization), pk__in=ids
    ).order_by("path", "name")
    added = pick(system, entries, request.user)
    if added:
        messages.success(request, f"已从指标库挑选{len(added)}项指标，请填写目标值和分值。")
    else:
        messages.error(request, "请至少勾选一项指标。")
    return redirect("library_build", system.pk)


@login_required
@require_POST
def copy_previous(request: HttpRequest, system_id: int) -> HttpResponse:
    system = system_for(request.user, system_id, "edit")
    try:
        added = copy_last_year(system, request.user)
    except BuildError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, f"已复制上年指标{len(added)}项（含上年目标值和分值），请逐项调整。"
        )
    return redirect("library_build", system.pk)
