"""Every table's row count and content hash, read through any DB-API cursor.

Backup records them from its snapshot; restore recomputes them and refuses to call a restore
done unless every table matches. Rows are read in primary-key order (all columns when a table
has none) and each value is written in one canonical text form, so the hash depends on the
content only, not on the order rows happen to be stored in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

Cursor = Any
BATCH = 2000


def quote(name: str) -> str:
    """An identifier quoted for SQLite and PostgreSQL alike."""
    return '"' + name.replace('"', '""') + '"'


def canonical(value: Any) -> str:
    """One value as text: the same value always gives the same text."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, bytes | bytearray | memoryview):
        return "x" + bytes(value).hex()
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def table_fingerprint(cursor: Cursor, table: str, order: list[str]) -> dict[str, Any]:
    """Row count and SHA-256 of ``table``, reading rows ordered by ``order`` columns."""
    order_by = ", ".join(quote(c) for c in order) if order else "1"
    cursor.execute(f"SELECT * FROM {quote(table)} ORDER BY {order_by}")  # noqa: S608 - quoted names
    columns = [d[0] for d in cursor.description]
    sha = hashlib.sha256(("\x1f".join(columns) + "\n").encode())
    rows = 0
    for row in _batches(cursor):
        sha.update(("\x1f".join(canonical(v) for v in row) + "\n").encode())
        rows += 1
    return {"rows": rows, "sha256": sha.hexdigest(), "columns": columns}


def fingerprints(
    cursor: Cursor, tables: Iterable[str], order_of: Callable[[str], list[str]]
) -> dict[str, dict[str, Any]]:
    """:func:`table_fingerprint` of every table, by name."""
    return {t: table_fingerprint(cursor, t, order_of(t)) for t in sorted(tables)}


def _batches(cursor: Cursor) -> Iterable[tuple[Any, ...]]:
    while batch := cursor.fetchmany(BATCH):
        yield from batch


def differences(expected: dict[str, Any], found: dict[str, Any]) -> list[str]:
    """Tables whose count or hash differ, in Chinese, for the restore's refusal."""
    out = []
    for table in sorted(set(expected) | set(found)):
        want, got = expected.get(table), found.get(table)
        if want is None or got is None:
            out.append(f"表 {table} {'多出' if want is None else '缺失'}")
        elif want["rows"] != got["rows"]:
            out.append(f"表 {table} 行数 {got['rows']}，应为 {want['rows']}")
        elif want["sha256"] != got["sha256"]:
            out.append(f"表 {table} 内容与备份不一致")
    return out
