from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jixiao.core.rankings import Standing, rank_units
from jixiao.web.orgs.models import Level, Organization
from jixiao.web.orgs.permissions import visible_orgs
from jixiao.web.outcomes.access import latest_year, org_for, year_of
from jixiao.web.outcomes.scores import UnitScore, unit_scores

LEVEL_TABS = (
    ("", "全部"),
    (Level.CITY, "市州"),
    (Level.COUNTY, "县市区"),
    (Level.UNIT, "直属单位"),
)


def standings(
    user: object, org: Organization, year: int, level: str = ""
) -> tuple[list[Standing], dict[int, UnitScore]]:
    """Units at and below ``org`` the user may see, ranked for ``year`` against ``year - 1``."""
    units = visible_orgs(user).filter(path__startswith=org.path)
    if level:
        units = units.filter(level=level)
    now, then = unit_scores(org, year), unit_scores(org, year - 1)
    names = [(str(o.pk), o.name) for o in units]
    rows = rank_units(
        names,
        {str(k): v.score for k, v in now.items()},
        {str(k): v.score for k, v in then.items()},
    )
    return rows, now


@login_required
def rankings(request: HttpRequest) -> HttpResponse:
    org = org_for(request.user, request.GET.get("org"))
    year = year_of(request.GET.get("year"), latest_year(org))
    level = request.GET.get("level", "")
    level = level if level in Level.values else ""
    rows, now = standings(request.user, org, year, level)
    sources = {str(k): v for k, v in now.items()}
    return render(
        request,
        "outcomes/rankings.html",
        {
            "nav": "outcomes",
            "tab": "rankings",
            "org": org,
            "year": year,
            "level": level,
            "tabs": LEVEL_TABS,
            "rows": [(r, sources.get(r.key)) for r in rows],
            "orgs": visible_orgs(request.user).exclude(level=Level.COUNTY),
        },
    )
