"""Which province's scoring variants bind an organisation's systems in a year.

The variants of the nearest organisation at or above the unit that set some for the year
count (a province's bind its cities and counties); without any, the finance ministry's
rules (:data:`jixiao.core.scoring.policy.DEFAULT_POLICY`). This module reads models only,
so the adapter can import it without reaching the pages.
"""

from __future__ import annotations

from django.db.models import Q

from jixiao.core.scoring.policy import DEFAULT_POLICY, ScoringPolicy
from jixiao.web.orgs.models import Organization
from jixiao.web.rules.models import ScoringVariant


def lineage_ids(org: Organization) -> list[int]:
    """The organisation and its ancestors: a rule owned by any of them applies to it."""
    return [int(x) for x in org.path.strip("/").split("/") if x]


def variant_for(org: Organization, year: int) -> ScoringVariant | None:
    """The variants binding ``org`` in ``year``: the nearest owner's, or None."""
    lineage = lineage_ids(org)
    found = {
        v.organization_id: v
        for v in ScoringVariant.objects.filter(organization_id__in=lineage, year=year)
    }
    return next((found[i] for i in reversed(lineage) if i in found), None)


def policy_for(org: Organization, year: int) -> ScoringPolicy:
    """The core policy binding ``org`` in ``year`` (the ministry's rules without variants)."""
    variant = variant_for(org, year)
    return variant.to_core() if variant is not None else DEFAULT_POLICY


def bound_scope() -> Q:
    """Systems some province's variants bind (a filter on ``IndicatorSystem``).

    A year's variants bind every system of that year at and below their owner, so the
    systems outside this filter are scored by the ministry's rules (:data:`DEFAULT_POLICY`):
    the ones a set-based rescore may score without asking each for its policy.
    """
    scope = Q(pk__in=[])
    for path, year in ScoringVariant.objects.values_list("organization__path", "year"):
        scope |= Q(organization__path__startswith=path, year=year)
    return scope
