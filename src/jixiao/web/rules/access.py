"""Who may read and manage users' rules.

Anyone who may view an organisation reads the rules that apply to it (its own and those of
the organisations above it). Managing — adding, switching off, switching on — is for the
organisation's 绩效管理员 (or a 系统管理员 / superuser), at or above the organisation, the
same tree rule as every other right (``orgs.permissions``).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from jixiao.web.orgs.models import Level, Organization, Role
from jixiao.web.orgs.permissions import memberships, require, visible_orgs
from jixiao.web.rules.models import UserRule
from jixiao.web.rules.policies import lineage_ids

MANAGING_ROLES = frozenset({Role.OFFICER, Role.ADMIN})


def may_manage(user: Any, org: Organization) -> bool:
    """True when the user may add or switch off rules owned by ``org``."""
    if getattr(user, "is_superuser", False):
        return bool(getattr(user, "is_active", False))
    return any(
        m.role in MANAGING_ROLES and org.is_within(m.organization) for m in memberships(user)
    )


def require_manage(user: Any, org: Organization) -> None:
    """Refuse (403, in Chinese) unless :func:`may_manage`."""
    if not may_manage(user, org):
        raise PermissionDenied(f"只有「{org.name}」的绩效管理员可以管理其校验规则。")


def manageable_orgs(user: Any) -> QuerySet[Organization]:
    """Organisations whose rules the user may manage."""
    ids = [o.pk for o in visible_orgs(user) if may_manage(user, o)]
    return Organization.objects.filter(pk__in=ids)


def readable_rules(user: Any) -> QuerySet[UserRule]:
    """Rules the user may read: those of visible organisations and of their ancestors."""
    if getattr(user, "is_superuser", False):
        return UserRule.objects.select_related("organization")
    above = {i for m in memberships(user) for i in lineage_ids(m.organization)}
    return UserRule.objects.filter(
        Q(organization__in=visible_orgs(user)) | Q(organization_id__in=above)
    ).select_related("organization")


def rule_for(user: Any, rule_id: int, manage: bool = False) -> UserRule:
    """The rule if the user may read it (404 otherwise), and manage it when asked (403)."""
    rule = get_object_or_404(readable_rules(user), pk=rule_id)
    if manage:
        require_manage(user, rule.organization)
    return rule


def org_for(user: Any, org_id: int) -> Organization:
    """A visible organisation (404 for one the user may not see)."""
    org = get_object_or_404(visible_orgs(user), pk=org_id)
    require(user, "view", org)
    return org


def may_set_scoring(user: Any, org: Organization) -> bool:
    """True when the user may preview and apply ``org``'s scoring variants.

    The variants are the province's (#19 item 4): only a province's 绩效管理员 (or a
    系统管理员 / superuser over it) sets them, never a city or county for itself.
    """
    return org.level == Level.PROVINCE and may_manage(user, org)


def scoring_orgs(user: Any) -> list[Organization]:
    """The provinces whose scoring variants the user may set."""
    return [o for o in visible_orgs(user).filter(level=Level.PROVINCE) if may_set_scoring(user, o)]


def scoring_org_for(user: Any, org_id: int) -> Organization:
    """The province if the user may set its variants (404 unseen, 403 not a province officer)."""
    org = get_object_or_404(visible_orgs(user), pk=org_id)
    if not may_set_scoring(user, org):
        raise PermissionDenied("只有省级单位的绩效管理员可以试算和设定评分规则。")
    return org
