"""Template context: the alert badge in the nav (红灯待说明 count of the user's own units)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from jixiao.web.monitoring.alerts import alert_count


def monitoring_alerts(request: HttpRequest) -> dict[str, Any]:
    """Expose ``monitoring_alerts`` (an int) to every page."""
    # No user on error pages raised before authentication (a 400 for a wrong host).
    return {"monitoring_alerts": alert_count(getattr(request, "user", None))}
