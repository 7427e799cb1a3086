"""Who may do what with the pools: officers manage them, an expert sees only their own sheets.

Managing a pool (experts, agencies, the combining rule) and drawing or entrusting for a
system needs the approve right (绩效管理员, 系统管理员) on the pool's or the system's
organisation, the same right that approves the units' systems. An expert's login sees the
sheets drawn for them and nothing else: the sheet, not an organisation membership, is their
key, so they need no role in the tree. Lookups are scoped first (404 for what one may not
see), then the right is required (403 with a Chinese message), as in ``cycle.access``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from jixiao.web.experts.models import Agency, Entrustment, Expert, ExpertDraw, ExpertSheet
from jixiao.web.orgs.models import Organization, path_ids
from jixiao.web.orgs.permissions import can, memberships, visible_orgs

MANAGE = "approve"


def may_manage(user: Any, org: Organization) -> bool:
    """True when the user manages the pools and panels of ``org`` (and below)."""
    return can(user, MANAGE, org)


def require_manage(user: Any, org: Organization) -> None:
    """Refuse with a Chinese message unless the user manages ``org``'s pools."""
    if not may_manage(user, org):
        raise PermissionDenied(
            f"只有「{org.name}」的绩效管理员可以管理专家库、中介机构库和委托评价。"
        )


def managed_orgs(user: Any) -> QuerySet[Organization]:
    """The organisations whose pools the user manages (theirs and those below)."""
    if getattr(user, "is_superuser", False):
        return Organization.objects.all()
    heads = [m.organization for m in memberships(user) if m.allows(MANAGE)]
    ids = {o.pk for head in heads for o in head.subtree()}
    return Organization.objects.filter(pk__in=ids)


def chain_of(org: Organization) -> list[Organization]:
    """``org`` and every organisation above it: the pools a system there may draw from."""
    return [*org.ancestors(), org]


def visible_experts(user: Any) -> QuerySet[Expert]:
    """Experts in pools the user manages, or in pools above them (shared downwards)."""
    above = {pk for o in managed_orgs(user) for pk in path_ids(o.path)}
    return Expert.objects.filter(organization_id__in=above).select_related(
        "organization", "employer", "user"
    )


def visible_agencies(user: Any) -> QuerySet[Agency]:
    """Agencies of registers the user may see (the register is read-only below its owner)."""
    above = {pk for o in visible_orgs(user) for pk in path_ids(o.path)}
    return Agency.objects.filter(organization_id__in=above).select_related("organization")


def expert_for(user: Any, expert_id: int, edit: bool = False) -> Expert:
    """The expert, if visible; with ``edit``, only for a manager of the expert's pool."""
    expert = get_object_or_404(visible_experts(user), pk=expert_id)
    if edit:
        require_manage(user, expert.organization)
    return expert


def agency_for(user: Any, agency_id: int, edit: bool = False) -> Agency:
    """The agency, if visible; with ``edit``, only for a manager of its register."""
    agency = get_object_or_404(visible_agencies(user), pk=agency_id)
    if edit:
        require_manage(user, agency.organization)
    return agency


def draw_for(user: Any, draw_id: int) -> ExpertDraw:
    """A draw, for a manager of the system's organisation."""
    draw = get_object_or_404(
        ExpertDraw.objects.select_related("system__organization"),
        pk=draw_id,
        system__organization__in=managed_orgs(user),
    )
    require_manage(user, draw.system.organization)
    return draw


def entrustment_for(user: Any, entrustment_id: int) -> Entrustment:
    """An entrustment, for a manager of the system's organisation."""
    entrustment = get_object_or_404(
        Entrustment.objects.select_related("system__organization", "agency"),
        pk=entrustment_id,
        system__organization__in=managed_orgs(user),
    )
    require_manage(user, entrustment.system.organization)
    return entrustment


def my_sheets(user: Any) -> QuerySet[ExpertSheet]:
    """The sheets drawn for the user's own expert record (none for anyone else)."""
    if not getattr(user, "is_authenticated", False):
        return ExpertSheet.objects.none()
    return ExpertSheet.objects.filter(expert__user=user).select_related(
        "draw__system__organization", "expert"
    )


def sheet_for(user: Any, sheet_id: int) -> tuple[ExpertSheet, bool]:
    """A sheet and whether the user may fill it: its expert fills, the panel's managers read."""
    sheet = get_object_or_404(
        ExpertSheet.objects.select_related("draw__system__organization", "expert__user"),
        pk=sheet_id,
    )
    if sheet.expert.user_id is not None and sheet.expert.user_id == getattr(user, "pk", None):
        return sheet, True
    if may_manage(user, sheet.draw.system.organization):
        return sheet, False
    raise PermissionDenied("专家只能查看本人的评分表。")
