"""The database's half of the append-only audit: triggers that refuse UPDATE and DELETE.

The models already refuse to edit or delete audit rows (``cycle.models.AppendOnly``); these
triggers make the database refuse too, so neither a raw query, a bulk path that skips the
model, nor a cascade can rewrite history. A wipe of the whole database (``flush``, a restore)
is not an edit: PostgreSQL's TRUNCATE fires no row triggers, and on SQLite the ``flush``
command lifts the triggers for its own statement and puts them back
(``cycle.management.commands.flush``).

Migrations that rebuild an audit table on SQLite drop its triggers with the old table, so they
are (re)installed after every ``migrate`` as well (``cycle.apps``).
"""

from __future__ import annotations

from typing import Any

#: The audit tables: the change log and the workflow log.
TABLES = ("cycle_change", "cycle_transition")
MESSAGE = "审计记录只能追加，不能修改或删除"

_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION jixiao_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '{MESSAGE}（%）', TG_TABLE_NAME;
END
$$
"""


def _sqlite_statements(table: str) -> list[str]:
    return [
        f"CREATE TRIGGER IF NOT EXISTS {table}_no_{event.lower()} BEFORE {event} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}（{table}）'); END"
        for event in ("UPDATE", "DELETE")
    ]


def install(connection: Any) -> None:
    """Create the triggers on every audit table (idempotent)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(_PG_FUNCTION)
            for table in TABLES:
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
                cursor.execute(
                    f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                    "FOR EACH ROW EXECUTE FUNCTION jixiao_append_only()"
                )
        elif connection.vendor == "sqlite":
            for table in TABLES:
                for statement in _sqlite_statements(table):
                    cursor.execute(statement)


def uninstall(connection: Any) -> None:
    """Remove the triggers (only for a whole-database wipe, and to reverse the migration)."""
    with connection.cursor() as cursor:
        for table in TABLES:
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
            elif connection.vendor == "sqlite":
                for event in ("update", "delete"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS {table}_no_{event}")


def installed(connection: Any) -> set[str]:
    """The names of the audit triggers present (for checks and tests)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE tgname LIKE %s", ["%_append_only"])
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
                ["cycle_%_no_%"],
            )
        return {row[0] for row in cursor.fetchall()}
