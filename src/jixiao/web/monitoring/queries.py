"""Dashboard figures fetched with a handful of aggregate queries, then rolled up by the core.

:func:`province_rollup` is what the dashboards, the rankings, the API, the incentive-pool
allocation and the benchmark read. It never loads a row per indicator into Python: the
database sums each system's indicators and each organisation's checks (``values_list`` +
``annotate``, filtered by id lists rather than joins), and ``core.rollup`` adds the sums up the
tree. About ten queries, whatever the size of the province.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from jixiao.core.monitoring import elapsed_share
from jixiao.core.rollup import Rollup, Unit, UnitFigures, roll_up
from jixiao.web.monitoring.models import (
    IndicatorCheck,
    Light,
    Round,
    SpendingCheck,
    thresholds_for,
)
from jixiao.web.orgs.models import Organization
from jixiao.web.orgs.permissions import memberships, visible_orgs
from jixiao.web.performance.models import Indicator, IndicatorSystem, Project
from jixiao.web.rules.policies import policies_in

ZERO = Decimal(0)
HUNDRED = Decimal(100)
#: Only projects with a figure at the date count towards the rate: an unreported project's
#: budget would otherwise read as money not spent.
REPORTED = Q(spent__isnull=False)


def _n(value: Any) -> Decimal:
    return ZERO if value is None else Decimal(value)


def rounds_covering(org: Organization, year: int) -> QuerySet[Round]:
    """Rounds of ``year`` launched at ``org``, above it or below it (latest date first)."""
    above = [int(x) for x in org.path.strip("/").split("/") if x]
    return Round.objects.filter(
        Q(organization_id__in=above) | Q(organization__path__startswith=org.path), year=year
    ).select_related("organization")


def rounds_seen_by(user: Any) -> QuerySet[Round]:
    """Rounds a user meets: launched at an organisation they see, or above their own.

    A province's 6月30日 round covers its cities and counties, whose users cannot see the
    province itself; the round is still theirs to fill in (#18: they saw "还没有监控轮次").
    """
    visible = visible_orgs(user)
    if getattr(user, "is_superuser", False):
        return Round.objects.all()
    above = {
        int(x) for m in memberships(user) for x in m.organization.path.strip("/").split("/") if x
    }
    return Round.objects.filter(Q(organization__in=visible) | Q(organization_id__in=above))


def latest_date(org: Organization, year: int, as_of: date | None = None) -> date | None:
    """The latest monitoring date of ``year`` that covers ``org`` (up to ``as_of``)."""
    rounds = rounds_covering(org, year)
    if as_of is not None:
        rounds = rounds.filter(as_of__lte=as_of)
    return rounds.order_by("-as_of").values_list("as_of", flat=True).first()


@dataclass
class _Sums:
    """Mutable per-organisation sums while the queries come in."""

    values: dict[int, dict[str, Any]] = field(default_factory=lambda: defaultdict(dict))

    def add(self, org_id: int, **figures: Any) -> None:
        row = self.values[org_id]
        for key, value in figures.items():
            row[key] = row.get(key, 0) + (value or 0)

    def figures(self, org_id: int) -> UnitFigures:
        return UnitFigures(**self.values.get(org_id, {}))


@dataclass(frozen=True)
class _Scope:
    """The subtree's organisations and the year's systems, fetched once and reused as id lists.

    Filtering later queries by ids (instead of joining to the organisation's path each time)
    lets the database read only the index of the big tables.
    """

    org_ids: list[int]
    system_org: dict[int, int]


def _scope(sums: _Sums, org_ids: list[int], year: int) -> _Scope:
    """The year's systems, adding each scored system's stored total to its organisation.

    The total is the one the system page shows (``IndicatorSystem.score_total``, stored by
    ``jixiao.web.adapter.store_score``) out of its full weight, so a unit with one system of
    100 points scores exactly that system's total.
    """
    rows = IndicatorSystem.objects.filter(year=year, organization_id__in=org_ids).values_list(
        "pk", "organization_id", "score_total", "score_weight"
    )
    system_org: dict[int, int] = {}
    for pk, org_id, total, weight in rows.order_by():
        system_org[pk] = org_id
        if total is not None and weight:
            sums.add(org_id, weight=weight, points=total)
    return _Scope(org_ids, system_org)


def _indicators(sums: _Sums, scope: _Scope) -> None:
    """Indicator counts per system → organisation, counted by the database."""
    rows = (
        Indicator.objects.filter(system_id__in=list(scope.system_org))
        .values_list("system_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    for system_id, n in rows:
        sums.add(scope.system_org[system_id], indicators=n)


def _lights(status_field: str = "status") -> dict[str, Any]:
    return {
        "red": Count("id", filter=Q(**{status_field: Light.RED})),
        "amber": Count("id", filter=Q(**{status_field: Light.AMBER})),
        "green": Count("id", filter=Q(**{status_field: Light.GREEN})),
    }


def _at(as_of: date) -> list[int]:
    return list(Round.objects.filter(as_of=as_of).values_list("pk", flat=True))


def _checks(sums: _Sums, scope: _Scope, as_of: date) -> None:
    """Lights and completion of the indicator checks at ``as_of``, per organisation."""
    rows = (
        IndicatorCheck.objects.filter(round_id__in=_at(as_of), organization_id__in=scope.org_ids)
        .values_list("organization_id")
        .annotate(
            judged=Count("id", filter=~Q(status=Light.NONE)),
            completion_sum=Sum("completion"),
            **_lights(),
        )
        .order_by()
    )
    for org_id, judged, completion, red, amber, green in rows:
        sums.add(
            org_id, judged=judged, completion_sum=_n(completion), red=red, amber=amber, green=green
        )


def _spending(sums: _Sums, scope: _Scope, as_of: date | None) -> None:
    """Budget and spending: the round's figures at ``as_of``, else the projects' year totals."""
    if as_of is not None:
        rows = (
            SpendingCheck.objects.filter(
                round_id__in=_at(as_of), organization_id__in=scope.org_ids
            )
            .values_list("organization_id")
            .annotate(budget=Sum("budget", filter=REPORTED), spent=Sum("spent"), **_lights())
            .order_by()
        )
        for org_id, budget, spent, red, amber, green in rows:
            sums.add(org_id, budget=_n(budget), spent=_n(spent), red=red, amber=amber, green=green)
        return
    rows = (
        Project.objects.filter(system_id__in=list(scope.system_org))
        .values_list("system_id")
        .annotate(budget=Sum("available_total"), spent=Sum("spent_total"))
        .order_by()
    )
    for system_id, budget, spent in rows:
        sums.add(scope.system_org[system_id], budget=_n(budget), spent=_n(spent))


def province_rollup(root: Organization, year: int, as_of: date | None = None) -> Rollup:
    """Every organisation at and below ``root`` with its figures for ``year``, rolled up.

    Args:
        root: the organisation at the top (a province, a city or a county).
        year: the budget year.
        as_of: read the latest monitoring round up to this date (default: the latest round).

    Returns:
        The root's :class:`~jixiao.core.rollup.Rollup`; ``children`` nest down to the counties.
        Completion, lights and spending come from the checks at :func:`latest_date` (without a
        round, budget and spending are the projects' year totals); scores are the systems'
        stored totals (the core's one definition, evaluators' adjustments included), graded
        with the bands of the policy binding each unit (``rules.policies``), as its systems are.
    """
    when = latest_date(root, year, as_of)
    orgs = list(
        Organization.objects.filter(path__startswith=root.path)
        .values_list("pk", "parent_id", "name", "level", "path")
        .order_by()
    )
    sums = _Sums()
    scope = _scope(sums, [o[0] for o in orgs], year)
    _indicators(sums, scope)
    if when is not None:
        _checks(sums, scope, when)
    _spending(sums, scope, when)
    units = [
        Unit(pk, parent, name, level, sums.figures(pk)) for pk, parent, name, level, _ in orgs
    ]
    policies = policies_in(root, year, [(o[0], o[4]) for o in orgs])
    limits = thresholds_for(root)
    expected = elapsed_share(when, year) if when else None
    return roll_up(
        units,
        root.pk,
        expected=expected,
        thresholds=limits.for_spending(),
        unit_bands={pk: policy.bands for pk, policy in policies.items()},
    )
