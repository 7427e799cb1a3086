from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _install_audit_triggers(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    """Put the append-only triggers back after migrations (SQLite drops them on a rebuild)."""
    from django.db import connections

    from jixiao.web.cycle import append_only

    append_only.install(connections[using])


class CycleConfig(AppConfig):
    name = "jixiao.web.cycle"
    label = "cycle"
    verbose_name = "绩效运行"

    def ready(self) -> None:
        post_migrate.connect(_install_audit_triggers, sender=self)
