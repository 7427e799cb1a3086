"""Who may see and do what: one place for every page and API route.

A user sees the organisations at and below each of their memberships; an action is allowed
on an organisation when a membership covering it has a role that allows the action
(``ROLE_ACTIONS``). Superusers may do everything. Views use :func:`require` and scope their
querysets with :func:`visible_orgs`; the API uses the same functions.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from jixiao.web.orgs.models import Membership, Organization, Role

User = AbstractBaseUser | AnonymousUser

ACTION_LABELS = {
    "view": "查看",
    "edit": "编辑",
    "submit": "提交",
    "review": "审核",
    "approve": "审批",
    "unlock": "解锁",
    "import": "导入",
    "evaluate": "评价",
    "manage": "管理",
}


def memberships(user: Any) -> list[Membership]:
    """The user's memberships, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_jixiao_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user).select_related("organization", "department")
        )
        user._jixiao_memberships = cached
    return cached


def visible_orgs(user: Any) -> QuerySet[Organization]:
    """Every organisation the user may see."""
    if getattr(user, "is_superuser", False):
        return Organization.objects.all()
    prefixes = {m.organization.path for m in memberships(user)}
    if not prefixes:
        return Organization.objects.none()
    query = Q()
    for prefix in prefixes:
        query |= Q(path__startswith=prefix)
    return Organization.objects.filter(query)


def can(user: Any, action: str, org: Organization) -> bool:
    """True when the user may perform ``action`` on ``org``."""
    if getattr(user, "is_superuser", False):
        return getattr(user, "is_active", False)
    return any(m.allows(action) and org.is_within(m.organization) for m in memberships(user))


def can_above(user: Any, action: str, org: Organization) -> bool:
    """True when a membership strictly above ``org`` allows ``action`` (review, approve)."""
    if getattr(user, "is_superuser", False):
        return True
    return any(
        m.allows(action) and org.is_within(m.organization) and org.pk != m.organization_id
        for m in memberships(user)
    )


def require(user: Any, action: str, org: Organization) -> None:
    """Raise PermissionDenied with a clear Chinese message unless ``can`` allows it."""
    if not can(user, action, org):
        label = ACTION_LABELS.get(action, action)
        raise PermissionDenied(f"您没有权限{label}「{org.name}」的数据。")


def department_ids(user: Any, org: Organization) -> set[int] | None:
    """Departments a clerk is limited to in ``org``; None means no department limit."""
    if getattr(user, "is_superuser", False):
        return None
    limits: set[int] = set()
    for m in memberships(user):
        if not org.is_within(m.organization):
            continue
        if m.role != Role.CLERK or m.department_id is None:
            return None
        limits.add(m.department_id)
    return limits
