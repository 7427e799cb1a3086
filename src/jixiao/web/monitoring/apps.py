from __future__ import annotations

from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "jixiao.web.monitoring"
    label = "monitoring"
    verbose_name = "运行监控"

    def ready(self) -> None:
        """Drop the cached dashboard roll-ups whenever a figure they read is written."""
        from jixiao.web.monitoring.cache import connect

        connect()
