"""Which organisation and year a page is about, scoped to what the user may see.

Every page and API route of the app comes through here: the organisation is looked up in
:func:`visible_orgs` first (404 for another bureau, so it cannot even learn the id exists),
then the action is required (403 with a Chinese message), exactly as ``cycle.access`` does.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.shortcuts import get_object_or_404

from jixiao.core.bounds import year_from
from jixiao.web.orgs.models import Organization
from jixiao.web.orgs.permissions import memberships, require, visible_orgs
from jixiao.web.performance.models import IndicatorSystem


class InputError(ValueError):
    """Bad input from a form or the API, with the Chinese message to show."""


def org_for(user: Any, org_id: object, action: str = "view") -> Organization:
    """The organisation the request names (or the user's own), if visible and allowed."""
    if org_id in (None, ""):
        org = home_org(user)
    else:
        try:
            pk = int(str(org_id))
        except ValueError as exc:
            raise Http404 from exc
        org = get_object_or_404(visible_orgs(user), pk=pk)
    require(user, action, org)
    return org


def home_org(user: Any) -> Organization:
    """The highest organisation among the user's memberships (a superuser: the first root)."""
    own = sorted(memberships(user), key=lambda m: len(m.organization.path))
    if own:
        return own[0].organization
    root = visible_orgs(user).filter(parent__isnull=True).first()
    if root is None:
        raise Http404
    return root


def year_of(value: object, default: int) -> int:
    """The year from a query parameter; a bad value falls back to ``default``."""
    return year_from(value) or default


def latest_year(org: Organization) -> int:
    """The latest year with a system at or below ``org`` (or 2023, the seeds' year)."""
    found = (
        IndicatorSystem.objects.filter(organization__path__startswith=org.path)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    return found or 2023


# The largest amount a form may carry: DecimalFields hold 16 digits; larger input is a typo.
LARGEST = 10**11


def check_size(value: object, label: str) -> None:
    """Refuse a number too large to store (a typo, not a budget) with a Chinese message."""
    if abs(value) >= LARGEST:  # type: ignore[call-overload]
        raise InputError(f"{label}数值过大，请核对。")
