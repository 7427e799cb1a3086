"""SQLite: the online backup API, for the snapshot and for putting it back.

The backup API copies every page of the database under one read lock, so the copy is the
database as of one moment even while the server keeps writing. Content hashes are read
through plain ``sqlite3`` connections (Django's converts dates and decimals on the way out,
which would make the same bytes hash differently on the two sides).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from jixiao.web.backup.fingerprints import fingerprints, quote

FILE = "database/jixiao.sqlite3"


def tables(conn: sqlite3.Connection) -> list[str]:
    """Every table of the database but SQLite's own (``sqlite_sequence`` is copied anyway)."""
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return [r[0] for r in rows]


def order_of(conn: sqlite3.Connection, table: str) -> list[str]:
    """The primary-key columns of ``table``, or all its columns when it has none."""
    info = conn.execute(f"PRAGMA table_info({quote(table)})").fetchall()
    key = [name for _, name in sorted((row[5], row[1]) for row in info if row[5])]
    return key or [row[1] for row in info]


def describe(conn: sqlite3.Connection) -> dict[str, Any]:
    """Table fingerprints and applied migrations of the database behind ``conn``."""
    names = tables(conn)
    migrations = []
    if "django_migrations" in names:
        migrations = [
            list(r) for r in conn.execute("SELECT app, name FROM django_migrations ORDER BY id")
        ]
    cursor = conn.cursor()
    return {
        "tables": fingerprints(cursor, names, lambda t: order_of(conn, t)),
        "migrations": migrations,
    }


def snapshot(connection: Any, folder: Path) -> dict[str, Any]:
    """Copy the live database (Django ``connection``) to ``folder/FILE``; what it holds."""
    target_path = folder / FILE
    target_path.parent.mkdir(parents=True, exist_ok=True)
    connection.ensure_connection()
    target = sqlite3.connect(target_path)
    try:
        connection.connection.backup(target)
        described = describe(target)
    finally:
        target.close()
    return {**described, "method": "sqlite-online-backup", "files": [FILE]}


def restore(connection: Any, folder: Path) -> dict[str, Any]:
    """Replace the live database with the staged copy; what the database now holds."""
    source = sqlite3.connect(folder / FILE)
    connection.close()
    connection.ensure_connection()
    try:
        source.backup(connection.connection)
    finally:
        source.close()
    name = str(connection.settings_dict["NAME"])
    check = sqlite3.connect(name, uri=name.startswith("file:"))
    try:
        return describe(check)
    finally:
        check.close()
