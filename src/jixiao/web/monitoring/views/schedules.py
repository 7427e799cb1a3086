"""The province's monitoring plan (监控计划): monthly or quarterly rounds, opened by the scheduler."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from jixiao.core.bounds import year_from
from jixiao.web.cycle.views.conflict import posted_version
from jixiao.web.monitoring.models import Frequency, Schedule
from jixiao.web.monitoring.records import MonitoringError
from jixiao.web.monitoring.schedules import (
    may_schedule,
    planned,
    require_schedule,
    save_schedule,
    schedule_for,
)
from jixiao.web.orgs.permissions import require, visible_orgs


@login_required
def schedule_edit(request: HttpRequest, org_id: int) -> HttpResponse:
    org = get_object_or_404(visible_orgs(request.user), pk=org_id)
    require(request.user, "view", org)
    today = timezone.localdate()
    year = year_from(request.GET.get("year") or request.POST.get("year")) or today.year
    editable = may_schedule(request.user, org)
    if request.method == "POST":
        require_schedule(request.user, org)
        try:
            save_schedule(org, year, request.POST, request.user, posted_version(request))
        except MonitoringError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"{year}年监控计划已保存，到期的监控轮次将自动发起。")
            return redirect(f"{request.path}?year={year}")
    own = schedule_for(org, year)
    context = {
        "nav": "monitoring",
        "org": org,
        "year": year,
        "own": own,
        "s": own or Schedule(organization=org, year=year),
        "frequencies": Frequency.choices,
        "editable": editable,
        "rows": [(p, p.state(today)) for p in planned(own)] if own else [],
    }
    return render(request, "monitoring/schedule.html", context)
