"""Dashboards (绩效看板): one organisation and everything below it, ranked and drillable.

The page fetches :func:`~jixiao.web.monitoring.queries.province_rollup` for the organisation
and renders it; every figure links to the rows it was summed from (the checks at the
monitoring date, or the systems behind a score).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Max, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from jixiao.core.bounds import year_from
from jixiao.core.monitoring import elapsed_share
from jixiao.core.rollup import RANK_KEYS, RANK_LABELS, Rollup, rank
from jixiao.web.monitoring.cache import cached, cached_rollup
from jixiao.web.monitoring.models import Round, thresholds_for
from jixiao.web.monitoring.queries import latest_date, rounds_covering
from jixiao.web.monitoring.records import is_own_unit
from jixiao.web.orgs.models import Organization
from jixiao.web.orgs.permissions import memberships, require, visible_orgs
from jixiao.web.performance.models import IndicatorSystem


def top_org(user: Any) -> Organization | None:
    """The highest organisation the user belongs to (a superuser: the first root)."""
    items = sorted(memberships(user), key=lambda m: m.organization.path.count("/"))
    if items:
        return items[0].organization
    if getattr(user, "is_superuser", False):
        return Organization.objects.filter(parent=None).order_by("pk").first()
    return None


def year_for(
    request: HttpRequest, org: Organization, years: list[int] | None = None
) -> int | None:
    """The year asked for, else the latest monitored year, else the latest year with a system.

    ``years`` (:func:`_years`, latest first) spares the last query when the caller has them.
    """
    asked = year_from(request.GET.get("year"))
    if asked is not None:
        return asked
    above = [int(x) for x in org.path.strip("/").split("/") if x]
    monitored = Round.objects.filter(
        Q(organization_id__in=above) | Q(organization__path__startswith=org.path)
    ).aggregate(y=Max("year"))["y"]
    if monitored is not None:
        return monitored
    if years is not None:
        return years[0] if years else None
    return IndicatorSystem.objects.filter(organization__path__startswith=org.path).aggregate(
        y=Max("year")
    )["y"]


def parse_date(text: str | None) -> date | None:
    """A ``YYYY-MM-DD`` query parameter, or None when absent or malformed."""
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def top_orgs(user: Any) -> list[Organization]:
    """The organisations a user may open a dashboard at the top of: each root they see.

    A superuser sees every province; a user with memberships in two trees sees both. The
    dashboard offers them as a choice, so nobody is stuck on the first one (#18: 福建).
    """
    if getattr(user, "is_superuser", False):
        return list(Organization.objects.filter(parent=None).order_by("path"))
    own = sorted({m.organization for m in memberships(user)}, key=lambda o: o.path)
    return [o for o in own if not any(o != p and o.is_within(p) for p in own)]


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    asked = request.GET.get("org", "")
    if asked.isdigit():
        org = get_object_or_404(visible_orgs(request.user), pk=int(asked))
        require(request.user, "view", org)
        return _render(request, org)
    org = top_org(request.user)
    if org is None:
        return render(request, "monitoring/dashboard.html", {"nav": "dashboard", "org": None})
    return _render(request, org)


@login_required
def dashboard_org(request: HttpRequest, org_id: int) -> HttpResponse:
    org = get_object_or_404(visible_orgs(request.user), pk=org_id)
    require(request.user, "view", org)
    return _render(request, org)


def _render(request: HttpRequest, org: Organization) -> HttpResponse:
    years = _years(org)
    year = year_for(request, org, years)
    context: dict[str, Any] = {"nav": "dashboard", "org": org, "year": year}
    above = org.ancestors()
    seen = set(
        visible_orgs(request.user)
        .filter(pk__in=[a.pk for a in above])
        .values_list("pk", flat=True)
    )
    context["ancestors"] = [a for a in above if a.pk in seen]
    roots = top_orgs(request.user)
    context["roots"] = roots if len(roots) > 1 else []
    context["root_id"] = next((r.pk for r in roots if org.is_within(r)), None)
    if year is None:
        return render(request, "monitoring/dashboard.html", context)
    as_of = latest_date(org, year, parse_date(request.GET.get("as_of")))
    rollup = cached_rollup(org, year, as_of)
    sort = request.GET.get("sort", "completion" if as_of else "score")
    sort = sort if sort in RANK_KEYS else "score"
    context |= {
        "as_of": as_of,
        "expected": elapsed_share(as_of, year) if as_of else None,
        "dates": sorted({r.as_of for r in rounds_covering(org, year)}, reverse=True),
        "rollup": rollup,
        "ranking": rank(rollup.children, sort),
        "sort": sort,
        "sorts": RANK_LABELS,
        "chart": _chart(rollup),
        "systems": _own_systems(org, year),
        "own_unit": is_own_unit(request.user, org),
        "thresholds": thresholds_for(org),
        "years": years,
    }
    return render(request, "monitoring/dashboard.html", context)


def _years(org: Organization) -> list[int]:
    """The years with a system at or below ``org``, latest first (cached like the roll-up).

    One DISTINCT over the subtree's systems (21,000 in a five-year province), not a row each.
    """
    rows = IndicatorSystem.objects.filter(organization__path__startswith=org.path)
    years = rows.order_by().values_list("year", flat=True).distinct()
    return cached(f"years:{org.pk}", lambda: sorted(years, reverse=True))


def _own_systems(org: Organization, year: int) -> Any:
    return org.systems.filter(year=year).annotate(n=Count("indicators")).order_by("kind", "pk")


def _chart(rollup: Rollup) -> dict[str, Any]:
    """The series of the ranking chart: completion and spending rate of each unit below."""
    units = [u for u in rollup.children if u.total.indicators or u.total.budget]
    return {
        "names": [u.name.removesuffix("市场监督管理局") for u in units],
        "ids": [u.org_id for u in units],
        "completion": [_number(u.completion) for u in units],
        "rate": [_number(u.rate) for u in units],
        "score": [_number(u.score) for u in units],
        "red": [u.total.red for u in units],
    }


def _number(value: Any) -> float | None:
    """A Decimal as a JSON number for the chart (the table shows the exact figure)."""
    return None if value is None else float(value)
