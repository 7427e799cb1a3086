"""Django's ``flush`` (empty every table), aware of the audit log's triggers.

Emptying the whole database is a wipe, not an edit of history (the test suite does it between
transactional tests; an operator does it only on purpose). On SQLite, where a wipe is a
``DELETE`` that the append-only triggers refuse, the triggers are lifted for the wipe and put
back straight after; on PostgreSQL the wipe is a TRUNCATE, which they do not block.
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands.flush import Command as Flush
from django.db import connections

from jixiao.web.cycle import append_only


class Command(Flush):
    def handle(self, **options: Any) -> None:
        connection = connections[options["database"]]
        if connection.vendor != "sqlite":
            return super().handle(**options)
        append_only.uninstall(connection)
        try:
            return super().handle(**options)
        finally:
            append_only.install(connection)
