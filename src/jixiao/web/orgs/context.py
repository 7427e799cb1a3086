"""Template context: the user's memberships, for the header and the menus."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from jixiao.web.orgs.permissions import memberships


def current_membership(request: HttpRequest) -> dict[str, Any]:
    """Expose the user's memberships (first one is shown in the header) and menu rights."""
    user = getattr(request, "user", None)  # absent on error pages raised before auth
    items = memberships(user)
    can_import = getattr(user, "is_superuser", False) or any(
        m.allows("import") for m in items
    )
    return {
        "memberships": items,
        "membership": items[0] if items else None,
        "can_import": can_import,
    }
