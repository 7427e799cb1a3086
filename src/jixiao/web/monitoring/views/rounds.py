"""Monitoring rounds (监控轮次), thresholds (预警阈值), alerts (预警提醒) and score sources."""

from __future__ import annotations

import calendar
import hashlib
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from jixiao.web.cycle.models import Evaluation
from jixiao.web.cycle.views.conflict import posted_version
from jixiao.web.monitoring.alerts import indicator_alerts, spending_alerts
from jixiao.web.monitoring.cache import cached
from jixiao.web.monitoring.models import IndicatorCheck, Light, Round, thresholds_for
from jixiao.web.monitoring.queries import rounds_seen_by
from jixiao.web.monitoring.records import MANAGE, MonitoringError, launch_round, save_thresholds
from jixiao.web.monitoring.views.dashboard import parse_date, year_for
from jixiao.web.orgs.models import Level
from jixiao.web.orgs.permissions import can, memberships, require, visible_orgs
from jixiao.web.paging import other_pages, page_of, with_indicator_counts
from jixiao.web.performance.models import IndicatorSystem


@login_required
def round_list(request: HttpRequest) -> HttpResponse:
    rounds = list(rounds_seen_by(request.user).select_related("organization", "created_by")[:500])
    counts = round_counts(request.user, [r.pk for r in rounds])
    for r in rounds:
        r.n, r.red = counts.get(r.pk, (0, 0))
    rows = [(r, _shown_org(request.user, r)) for r in rounds]
    launchable = [o for o in visible_orgs(request.user)[:500] if can(request.user, MANAGE, o)]
    default = _default_date(launchable[0] if launchable else None)
    context = {"nav": "monitoring", "rows": rows, "launchable": launchable, "default": default}
    context["provinces"] = visible_orgs(request.user).filter(level=Level.PROVINCE)[:20]
    return render(request, "monitoring/rounds.html", context)


def round_counts(user: Any, rounds: list[int]) -> dict[int, tuple[int, int]]:
    """Checks and red lights of each round within what ``user`` sees, cached until a write.

    Counting every check of every round (170,000 a round for a province, eleven rounds a
    year when it monitors monthly) on each visit of the list is what the cache spares.
    """
    if getattr(user, "is_superuser", False):
        scope = "all"
    else:
        scope = ",".join(sorted(str(m.organization_id) for m in memberships(user)))
    digest = hashlib.sha256(f"{scope}|{rounds}".encode()).hexdigest()[:32]

    def count() -> dict[int, tuple[int, int]]:
        mine = IndicatorCheck.objects.filter(round__in=rounds, organization__in=visible_orgs(user))
        red = Count("pk", filter=Q(status=Light.RED))
        found = mine.order_by().values_list("round").annotate(n=Count("pk"), red=red)
        return {pk: (n, r) for pk, n, r in found}

    return cached(f"round-counts:{digest}", count)


def _shown_org(user: Any, rnd: Round) -> Any:
    """The organisation a round's links open for ``user``.

    The round's own when they see it, else their own organisation that the round covers (a
    county under a province's round).
    """
    if can(user, "view", rnd.organization):
        return rnd.organization
    covered = [
        m.organization for m in memberships(user) if m.organization.is_within(rnd.organization)
    ]
    return min(covered, key=lambda o: len(o.path)) if covered else rnd.organization


def _default_date(org: Any) -> date:
    today = date.today()
    month = thresholds_for(org).default_month if org is not None else 6
    year = today.year if today.month > month else today.year - 1
    return date(year, month, calendar.monthrange(year, month)[1])


@login_required
@require_POST
def round_launch(request: HttpRequest) -> HttpResponse:
    org = get_object_or_404(visible_orgs(request.user), pk=request.POST.get("organization") or 0)
    require(request.user, MANAGE, org)
    as_of = parse_date(request.POST.get("as_of"))
    if as_of is None:
        messages.error(request, "请填写监控截止日期（格式：2023-06-30）。")
        return redirect("monitoring_rounds")
    try:
        rnd = launch_round(org, as_of.year, as_of, request.user)
    except MonitoringError as exc:
        messages.error(request, str(exc))
        return redirect("monitoring_rounds")
    count = rnd.checks.count()
    messages.success(
        request, f"已发起「{rnd.name}」：{count} 个指标、{rnd.spending.count()} 个项目待填报。"
    )
    return redirect("monitoring_rounds")


@login_required
def alert_list(request: HttpRequest) -> HttpResponse:
    context = {
        "nav": "monitoring",
        "indicators": indicator_alerts(request.user)[:500],
        "spending": spending_alerts(request.user)[:500],
    }
    return render(request, "monitoring/alerts.html", context)


@login_required
def thresholds_edit(request: HttpRequest, org_id: int) -> HttpResponse:
    org = get_object_or_404(visible_orgs(request.user), pk=org_id)
    require(request.user, "view", org)
    current = thresholds_for(org)
    editable = can(request.user, MANAGE, org)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied(f"您没有权限设置「{org.name}」的监控预警阈值。")
        try:
            save_thresholds(org, request.POST, request.user, posted_version(request))
        except MonitoringError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, "预警阈值已保存，之后填报的监控数据按新阈值判定。")
            return redirect("monitoring_thresholds", org.pk)
    context = {"nav": "monitoring", "org": org, "t": current, "editable": editable}
    context["inherited"] = current.organization_id != org.pk
    context["own"] = None if context["inherited"] else current  # version 0: none of its own
    return render(request, "monitoring/thresholds.html", context)


@login_required
def score_sources(request: HttpRequest, org_id: int) -> HttpResponse:
    """The systems a dashboard score was summed from, summed the way ``province_rollup`` sums."""
    org = get_object_or_404(visible_orgs(request.user), pk=org_id)
    require(request.user, "view", org)
    year = year_for(request, org)
    systems = (
        IndicatorSystem.objects.filter(organization__path__startswith=org.path, year=year)
        .select_related("organization")
        .order_by("organization__path", "kind", "pk")
    )
    page = with_indicator_counts(page_of(request, systems))
    shown = [s.pk for s in page.object_list]
    latest = {
        e.system_id: e
        for e in Evaluation.objects.filter(system__in=shown).order_by("created_at", "pk")
    }
    rows = [{"system": s, "evaluation": latest.get(s.pk)} for s in page.object_list]
    context = {"nav": "dashboard", "org": org, "year": year, "rows": rows, "page": page}
    context["query"] = other_pages(request)
    return render(request, "monitoring/sources.html", context)
