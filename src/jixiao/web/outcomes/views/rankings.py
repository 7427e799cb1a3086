from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jixiao.core.rankings import Standing, rank_within_groups
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


LEVEL_LABELS = {Level.PROVINCE: "省级", **dict(LEVEL_TABS[1:])}

#: The order the levels are listed in under 全部, each ranked on its own.
LEVEL_ORDER = (Level.PROVINCE, Level.CITY, Level.COUNTY, Level.UNIT)


def standings(
    user: object, org: Organization, year: int, level: str = ""
) -> tuple[list[Standing], dict[int, UnitScore]]:
    """Units below ``org`` the user may see, ranked within their level for ``year``.

    ``org``'s own aggregate is left out (it is the sum of the units being ranked), and each
    level is ranked against itself, so under 全部 a county's place is among counties.
    """
    units = visible_orgs(user).filter(path__startswith=org.path).exclude(pk=org.pk)
    if level:
        units = units.filter(level=level)
    now, then = unit_scores(org, year), unit_scores(org, year - 1)
    ordered = sorted(units, key=lambda o: (LEVEL_ORDER.index(o.level), o.path))
    names = [(str(o.pk), o.name, o.level) for o in ordered]
    rows = rank_within_groups(
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
            "rows": [(r, sources.get(r.key), LEVEL_LABELS.get(r.group, "")) for r in rows],
            "orgs": visible_orgs(request.user).exclude(level=Level.COUNTY),
        },
    )
