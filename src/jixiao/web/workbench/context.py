"""Template context: the unread-notice badge in the header."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from jixiao.web.workbench.notices import unread_count


def notice_count(request: HttpRequest) -> dict[str, Any]:
    """Expose ``unread_notices`` (an int) to every page."""
    return {"unread_notices": unread_count(getattr(request, "user", None))}
