"""Alerts (预警提醒): red lights waiting for the responsible unit's reason and measure.

Nothing is stored: an alert is a red check of one of the user's own units whose reason or
corrective measure is still empty, so it disappears the moment the unit answers.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.db.models import Q, QuerySet

from jixiao.web.monitoring.cache import cached
from jixiao.web.monitoring.models import IndicatorCheck, Light, SpendingCheck
from jixiao.web.orgs.models import Role
from jixiao.web.orgs.permissions import memberships
from jixiao.web.paging import INDICATOR_DOCUMENT, PROJECT_DOCUMENT, SYSTEM_DOCUMENT

WAITING = Q(status=Light.RED) & (Q(reason="") | Q(measure=""))
#: What no alert list shows: the indicators' and systems' long texts and JSON (a province
#: officer's list can hold hundreds of rows; loading them was most of the page's time).
UNSHOWN = (
    *(f"indicator__{name}" for name in INDICATOR_DOCUMENT),
    *(f"indicator__system__{name}" for name in SYSTEM_DOCUMENT),
    "parsed",
)  # fmt: skip


def _own(user: Any) -> tuple[set[int], Q]:
    """The user's own units (with edit rights) and, for clerks, their departments' indicators."""
    orgs: set[int] = set()
    limit = Q()
    for m in memberships(user):
        if not m.allows("edit"):
            continue
        orgs.add(m.organization_id)
        if m.role == Role.CLERK and m.department_id is not None:
            limit |= Q(organization_id=m.organization_id, indicator__department_id=m.department_id)
        else:
            limit |= Q(organization_id=m.organization_id)
    return orgs, limit


def indicator_alerts(user: Any) -> QuerySet[IndicatorCheck]:
    """Red indicator checks of the user's own units that still need an answer."""
    orgs, limit = _own(user)
    if not orgs:
        return IndicatorCheck.objects.none()
    return (
        IndicatorCheck.objects.filter(WAITING, limit, organization_id__in=orgs)
        .select_related("round", "indicator__system", "organization")
        .defer(*UNSHOWN)
        .order_by("-round__as_of", "indicator__system_id", "indicator__position")
    )


def spending_alerts(user: Any) -> QuerySet[SpendingCheck]:
    """Red spending checks of the user's own units that still need an answer."""
    orgs, _ = _own(user)
    return (
        SpendingCheck.objects.filter(WAITING, organization_id__in=orgs)
        .select_related("round", "project__system", "organization")
        .defer(
            *(f"project__{name}" for name in PROJECT_DOCUMENT),
            *(f"project__system__{name}" for name in SYSTEM_DOCUMENT),
        )
        .order_by("-round__as_of", "project__system_id", "project__position")
    )


def alert_count(user: Any) -> int:
    """How many answers the user's units owe (the badge in the nav).

    Every page shows it, so it is cached until the next write (an answer, a new figure) and
    keyed by the user's memberships (a new role or department changes what they owe): two
    counts over the checks were a quarter of a small page's time.
    """
    if not getattr(user, "is_authenticated", False):
        return 0
    roles = ",".join(f"{m.organization_id}:{m.role}:{m.department_id}" for m in memberships(user))
    digest = hashlib.sha256(roles.encode()).hexdigest()[:32]

    def count() -> int:
        return indicator_alerts(user).count() + spending_alerts(user).count()

    return cached(f"alerts:{user.pk}:{digest}", count)
