"""Which province's scoring variants bind an organisation's systems in a year.

The variants of the nearest organisation at or above the unit that set some for the year
count (a province's bind its cities and counties); without any, the finance ministry's
rules (:data:`jixiao.core.scoring.policy.DEFAULT_POLICY`). This module reads models only,
so the adapter can import it without reaching the pages.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q

from jixiao.core.scoring.policy import DEFAULT_POLICY, ScoringPolicy
from jixiao.web.orgs.models import Organization, path_ids
from jixiao.web.rules.models import ScoringVariant


def lineage_ids(org: Organization) -> list[int]:
    """The organisation and its ancestors: a rule owned by any of them applies to it."""
    return path_ids(org.path)


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


def policies_in(
    root: Organization, year: int, orgs: Iterable[tuple[int, str]]
) -> dict[int, ScoringPolicy]:
    """The policy binding each of ``orgs`` (id, path) of ``root``'s tree in ``year``.

    :func:`policy_for` for a whole tree in one query: the dashboards grade each unit with the
    bands its own systems' grades come from (a province's own where it has set them).
    """
    variants = {
        v.organization_id: v.to_core()
        for v in ScoringVariant.objects.filter(year=year).filter(
            Q(organization_id__in=lineage_ids(root)) | Q(organization__path__startswith=root.path)
        )
    }
    found = {}
    for pk, path in orgs:
        lineage = path_ids(path)
        owner = next((i for i in reversed(lineage) if i in variants), None)
        found[pk] = variants[owner] if owner is not None else DEFAULT_POLICY
    return found


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
