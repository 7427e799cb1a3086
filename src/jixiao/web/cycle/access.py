"""Finding a system or indicator for a request, with the rights the page needs.

Pages and API routes both come through here so that a county cannot reach another county's
data by changing an id in the URL: lookups are scoped by :func:`visible_orgs` first (404 for
what one may not see), then the action is required (403 with a Chinese message).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from jixiao.web.cycle.workflow import EDITABLE
from jixiao.web.orgs.permissions import department_ids, require, visible_orgs
from jixiao.web.performance.models import Indicator, IndicatorSystem


def visible_systems(user: Any) -> Any:
    """Indicator systems of every organisation the user may see."""
    return IndicatorSystem.objects.filter(organization__in=visible_orgs(user)).select_related(
        "organization"
    )


def system_for(user: Any, system_id: int, action: str = "view") -> IndicatorSystem:
    """The system with ``system_id`` if the user may see it and do ``action`` on it."""
    system = get_object_or_404(visible_systems(user), pk=system_id)
    require(user, action, system.organization)
    return system


def indicator_for(user: Any, indicator_id: int, action: str = "view") -> Indicator:
    """The indicator with ``indicator_id`` if the user may see it and do ``action``."""
    indicator = get_object_or_404(
        Indicator.objects.select_related("system__organization").filter(
            system__organization__in=visible_orgs(user)
        ),
        pk=indicator_id,
    )
    require(user, action, indicator.system.organization)
    return indicator


def require_editable(
    user: Any, system: IndicatorSystem, indicator: Indicator | None = None
) -> None:
    """Refuse edits to a submitted or locked system, or to another department's indicator."""
    require(user, "edit", system.organization)
    if system.status not in EDITABLE:
        raise PermissionDenied(
            f"「{system}」当前状态为「{system.get_status_display()}」，不能修改；"
            "如需修改，请上级单位退回或解锁。"
        )
    if indicator is None:
        return
    limits = department_ids(user, system.organization)
    if limits is not None and indicator.department_id not in limits:
        owners = "、".join(indicator.departments) or "其他处室"
        raise PermissionDenied(
            f"您只能编辑本处室负责的指标；「{indicator.name[:30]}」由{owners}负责。"
        )


def may_edit(user: Any, system: IndicatorSystem, indicator: Indicator | None = None) -> bool:
    """True when :func:`require_editable` would let the user edit."""
    try:
        require_editable(user, system, indicator)
    except PermissionDenied:
        return False
    return True
