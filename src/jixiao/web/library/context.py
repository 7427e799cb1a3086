"""Template context: the 绩效目标调整 reminder, read only by the pages that show it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from jixiao.web.library.adjust import reminders


def adjustment_reminders(request: HttpRequest) -> dict[str, Any]:
    """Expose ``adjustment_reminders``: a callable, so pages that do not show it never query."""
    user = getattr(request, "user", None)  # absent on error pages raised before auth
    if not getattr(user, "is_authenticated", False):
        return {"adjustment_reminders": ()}
    return {"adjustment_reminders": lambda: reminders(user, timezone.localdate())}
