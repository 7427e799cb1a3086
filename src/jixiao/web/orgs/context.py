"""Template context: the user's memberships, for the header and the menus."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from jixiao.web.orgs.permissions import memberships


def current_membership(request: HttpRequest) -> dict[str, Any]:
    """Expose the user's memberships (first one is shown in the header)."""
    items = memberships(request.user)
    return {"memberships": items, "membership": items[0] if items else None}
